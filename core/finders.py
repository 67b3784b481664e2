from django.apps import apps
from django.contrib.staticfiles import finders

# Apps we use for something else than their static files. django-pwa serves our manifest and
# meta tags, but its static folder holds about 1.3 MB (once hashed and compressed) of splash
# images, sample icons, Bootstrap CSS and fonts and a Thumbs.db that no page of ours uses.
WITHOUT_STATIC = {"pwa"}


class AppDirectoriesFinder(finders.AppDirectoriesFinder):
    """Django's finder of apps' static folders, leaving out the apps in WITHOUT_STATIC."""

    def __init__(self, app_names=None, *args, **kwargs):
        names = app_names or [config.name for config in apps.get_app_configs()]
        super().__init__([name for name in names if name not in WITHOUT_STATIC], *args, **kwargs)
