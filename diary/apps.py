from django.apps import AppConfig


class DiaryConfig(AppConfig):
    name = "diary"

    def offline_pages(self):
        """The pages the service worker stores (shell/apps.py): the diary lives on the phone."""
        return [("diary", {}), ("diary-entry", {})]
