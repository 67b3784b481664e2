"""What the service worker stores for offline use, and the version that names it.

It stores the shared assets and the pages of the person's language; another language's pages
are stored when a page of it is first opened online (docs/architecture.md, budget: 300 KiB for
one language). The pages come from the apps: each lists its own in `offline_pages()` on its
AppConfig (shell/apps.py says how).

The version is a digest of everything that shapes the cached bytes (the apps' data such as the
first-aid content, the templates, translations and the hashed static names), so any change
makes the browser install a new service worker.
"""

import hashlib
from functools import cache
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation

# Our own static folders whose files every page may need. The large icons and the
# install-dialog screenshots are left out: the browser fetches them only when installing.
STATIC_FOLDERS = ("css", "js")
STATIC_FILES = ("icons/icon-192.png", "icons/favicon.svg")


def offline_apps():
    """The installed apps that have pages for use offline, in INSTALLED_APPS order."""
    return [config for config in apps.get_app_configs() if hasattr(config, "offline_pages")]


def pages():
    """(URL name, kwargs) of every stored page; the first is the home page, which the worker
    checks to know whether a language is stored."""
    return [page for config in offline_apps() for page in config.offline_pages()]


def languages():
    return [code for code, _ in settings.LANGUAGES]


def page_urls(lang=None):
    """Every stored page, of one language or of all."""
    urls = []
    for code in [lang] if lang else languages():
        with translation.override(code):
            urls += [reverse(name, kwargs=kwargs) for name, kwargs in pages()]
    return urls


def pages_by_language():
    return {lang: page_urls(lang) for lang in languages()}


def offline_pages():
    """The page that stands in, per language, for one that needs the network."""
    pages = {}
    for lang in languages():
        with translation.override(lang):
            pages[lang] = reverse("offline")
    return pages


def static_names():
    root = Path(settings.BASE_DIR) / "static"
    names = [
        path.relative_to(root).as_posix()
        for folder in STATIC_FOLDERS
        for path in sorted((root / folder).rglob("*"))
        if path.is_file()
    ]
    return names + list(STATIC_FILES)


def asset_urls():
    """What every language's pages need: hashed static files and the manifest."""
    return [static(name) for name in static_names()] + ["/manifest.json"]


def urls():
    return page_urls() + asset_urls()


def version():
    fingerprints = tuple(
        config.offline_fingerprint()
        for config in offline_apps()
        if hasattr(config, "offline_fingerprint")
    )
    return _version(fingerprints)


@cache
def _version(fingerprints):
    digest = hashlib.sha256("\n".join(fingerprints).encode())
    digest.update("\n".join(urls()).encode())
    # The project's templates (base.html) and those of every app with stored pages.
    roots = [Path(folder) for engine in settings.TEMPLATES for folder in engine["DIRS"]]
    roots += [Path(config.path) / "templates" for config in offline_apps()]
    files = [p for root in roots for p in sorted(root.rglob("*")) if p.is_file()]
    files += sorted((Path(settings.BASE_DIR) / "locale").rglob("*.mo"))
    for path in files:
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]
