"""What the service worker stores for offline use, and the version that names it.

It stores the shared assets and the pages of the person's language; another language's pages
are stored when a page of it is first opened online (DESIGN.md budget: 300 KB, one language).

The version is a digest of everything that shapes the cached bytes (content, illustrations,
templates, translations and the hashed static names), so any change makes the browser install
a new service worker.
"""

import hashlib
from functools import cache
from pathlib import Path

from django.conf import settings
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation

from firstaid import content, flow

# Our own static folders whose files every first-aid page may need. The large icons and the
# install-dialog screenshots are left out: the browser fetches them only when installing.
STATIC_FOLDERS = ("css", "js")
STATIC_FILES = ("icons/icon-192.png", "icons/favicon.svg")
PAGES = [
    ("home", {}),
    ("redflags", {}),
    ("guide", {}),
    ("about", {}),
    ("preferences", {}),
    ("offline", {}),
    ("diary", {}),
    ("diary-entry", {}),
]
# The diary's patterns, report and transfer pages and what only they load: stored when the diary
# is first opened online (and kept across updates), not on install, so the first-aid precache
# stays in its budget. Static names starting with these are left out of the assets.
DIARY_PAGES = [("diary-patterns", {}), ("diary-report", {}), ("diary-transfer", {})]
DIARY_STATIC = (
    "css/patterns",
    "css/report",
    "js/diary-insights",
    "js/patterns",
    "js/report",
    "js/diary-import",
    "js/fhir",
)


def languages():
    return [code for code, _ in settings.LANGUAGES]


def page_urls(lang=None):
    """Every first-aid page, of one language or of all."""
    urls = []
    for code in [lang] if lang else languages():
        with translation.override(code):
            urls += [reverse(name, kwargs=kwargs) for name, kwargs in PAGES + flow.pages()]
    return urls


def pages_by_language():
    return {lang: page_urls(lang) for lang in languages()}


def diary_extras():
    """{lang: [the diary page that stores them, its extra pages, then their static files]}."""
    assets = [static(name) for name in static_names(diary=True)]
    extras = {}
    for lang in languages():
        with translation.override(lang):
            pages = [reverse(name, kwargs=kwargs) for name, kwargs in [("diary", {}), *DIARY_PAGES]]
        extras[lang] = pages + assets
    return extras


def offline_pages():
    """The page that stands in, per language, for one that needs the network."""
    pages = {}
    for lang in languages():
        with translation.override(lang):
            pages[lang] = reverse("offline")
    return pages


def static_names(diary=False):
    """The precached static files, or (diary=True) those stored with the diary's extra pages."""
    root = Path(settings.BASE_DIR) / "static"
    names = [
        path.relative_to(root).as_posix()
        for folder in STATIC_FOLDERS
        for path in sorted((root / folder).rglob("*"))
        if path.is_file()
    ]
    if diary:
        return [name for name in names if name.startswith(DIARY_STATIC)]
    return [name for name in names if not name.startswith(DIARY_STATIC)] + list(STATIC_FILES)


def asset_urls():
    """What every language's pages need: hashed static files and the manifest."""
    return [static(name) for name in static_names()] + ["/manifest.json"]


def urls():
    return page_urls() + asset_urls() + [url for extra in diary_extras().values() for url in extra]


def version():
    return _version(str(settings.FIRSTAID_CONTENT_DIR))


@cache
def _version(content_dir):
    digest = hashlib.sha256(content.fingerprint().encode())
    digest.update("\n".join(urls()).encode())
    roots = [Path(settings.BASE_DIR) / app / "templates" for app in ("", "firstaid", "diary")]
    files = [p for root in roots for p in sorted(root.rglob("*")) if p.is_file()]
    files += sorted((Path(settings.BASE_DIR) / "locale").rglob("*.mo"))
    for path in files:
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]
