from django.apps import AppConfig


class ShellConfig(AppConfig):
    """The app shell: the service worker, what it stores for use without network (precache.py)
    and the page that stands in for one that needs the network.

    Every app that has pages for use offline says so on its AppConfig with a list of
    (namespaced URL name, kwargs): `offline_pages()` for the acute set, stored when the worker
    installs (first aid, within the 300 KiB budget), or `later_pages()` for pages stored in the
    background once the worker is active (the diary). It may add `offline_fingerprint()`, a
    digest of data its pages are made from, so that a change to that data updates the service
    worker."""

    name = "shell"

    def offline_pages(self):
        return [("shell:offline", {})]
