"""What the service worker stores for offline use, and the version that names it.

Two sets, each for the languages the person reads (docs/architecture.md):
- the acute set, stored at install (budget: 300 KiB for one language): the pages the apps list in
  `offline_pages()` and only the static files those pages load;
- the later set, stored in the background once the worker is active: the pages the apps list in
  `later_pages()` (the diary) and the static files they load that the acute set lacks.
Another language's pages are stored when a page of it is first opened online. shell/apps.py says
how an app lists its pages.

The static files a set loads are those its templates name with `{% static %}` and, transitively,
what those ES modules import. They are read from the template and static sources, not from
rendered pages: rendering here would call version(), which the first-aid views use themselves.

The version is a digest of everything that shapes the cached bytes (the apps' data such as the
first-aid content, the templates, translations and the hashed static names of both sets), so any
change makes the browser install a new service worker.
"""

import hashlib
import re
from functools import cache
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.staticfiles import finders
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation

ACUTE, LATER = "offline_pages", "later_pages"  # the AppConfig method that lists each set's pages
# Templates that are not pages: the manifest's icons and screenshots are fetched only to install.
NOT_PAGES = ("manifest.json",)
STATIC_TAG = re.compile(r"""{%\s*static\s+["']([^"']+)["']\s*%}""")
# `import … from "./x.js"`, `import "./x.js"` and `import("./x.js")`: relative imports only.
IMPORT = re.compile(r"""(?:\bfrom|\bimport)\s*\(?\s*["'](\.{1,2}/[^"']+)["']""")


def offline_apps(kind=None):
    """The installed apps that list pages of one set (or of either), in INSTALLED_APPS order."""
    kinds = [kind] if kind else [ACUTE, LATER]
    return [c for c in apps.get_app_configs() if any(hasattr(c, k) for k in kinds)]


def pages(kind=ACUTE):
    """(URL name, kwargs) of the set's pages; the acute set's first is the home page, which the
    worker checks to know whether a language is stored."""
    return [page for config in offline_apps(kind) for page in getattr(config, kind)()]


def languages():
    return [code for code, _ in settings.LANGUAGES]


def page_urls(lang=None, kinds=(ACUTE, LATER)):
    """The stored pages of one language or of all; of both sets unless told."""
    urls = []
    for code in [lang] if lang else languages():
        with translation.override(code):
            urls += [reverse(name, kwargs=kw) for kind in kinds for name, kw in pages(kind)]
    return urls


def pages_by_language(kind=ACUTE):
    return {lang: page_urls(lang, kinds=(kind,)) for lang in languages()}


def offline_pages():
    """The page that stands in, per language, for one that needs the network."""
    pages = {}
    for lang in languages():
        with translation.override(lang):
            pages[lang] = reverse("shell:offline")
    return pages


def template_files(kind):
    """The templates of the apps that list pages of this set; the project's (base.html) belong to
    the acute set, so the later set only adds what its own apps' templates name."""
    roots = [Path(config.path) / "templates" for config in offline_apps(kind)]
    if kind == ACUTE:
        roots += [Path(folder) for engine in settings.TEMPLATES for folder in engine["DIRS"]]
    return [p for root in roots for p in sorted(root.rglob("*")) if p.is_file()]


def static_closure(names):
    """The static names given and every module they import, transitively, in a stable order."""
    found, todo = [], list(names)
    while todo:
        name = todo.pop(0)
        if name in found:
            continue
        found.append(name)
        if name.endswith(".js"):
            source = Path(finders.find(name)).read_text(encoding="utf-8")
            folder = Path("/" + name).parent
            todo += [(folder / rel).resolve().as_posix()[1:] for rel in IMPORT.findall(source)]
    return found


@cache
def static_names(kind=ACUTE):
    named = [
        name
        for path in template_files(kind)
        if path.name not in NOT_PAGES
        for name in STATIC_TAG.findall(path.read_text(encoding="utf-8"))
    ]
    names = static_closure(named)
    if kind == LATER:
        names = [name for name in names if name not in static_names(ACUTE)]
    return names


def asset_urls(kind=ACUTE):
    """Hashed static files the set's pages load (every language's), and the manifest."""
    urls = [static(name) for name in static_names(kind)]
    return urls + ["/manifest.json"] if kind == ACUTE else urls


def urls():
    return page_urls() + asset_urls(ACUTE) + asset_urls(LATER)


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
    files = template_files(ACUTE) + template_files(LATER)
    files += sorted((Path(settings.BASE_DIR) / "locale").rglob("*.mo"))
    for path in files:
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]
