from django.apps import AppConfig


class DiaryConfig(AppConfig):
    name = "diary"

    def later_pages(self):
        """The pages the service worker stores once it is active (shell/apps.py): the diary lives
        on the phone, but first aid is installed first and alone."""
        return [
            ("diary:entries", {}),
            ("diary:entry", {}),
            ("diary:patterns", {}),
            ("diary:report", {}),
            ("diary:transfer", {}),
        ]
