from django.apps import AppConfig


class FirstaidConfig(AppConfig):
    name = "firstaid"

    def ready(self):
        # Fail fast: a broken content file stops the server at start-up with a clear message,
        # instead of showing a broken first-aid page to someone in pain.
        from firstaid import content

        content.load_all()

    def offline_pages(self):
        """The pages the service worker stores (shell/apps.py): all of first aid."""
        from firstaid import flow

        pages = [
            ("firstaid:home", {}),
            ("firstaid:redflags", {}),
            ("firstaid:guide", {}),
            ("firstaid:about", {}),
            ("firstaid:preferences", {}),
        ]
        return pages + flow.pages()

    def offline_fingerprint(self):
        from firstaid import content

        return content.fingerprint()
