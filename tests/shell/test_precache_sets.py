"""The service worker's two sets: first aid at install (within its budget), the diary after.

The static files a page needs are found here from what the browser would load: the rendered
page's <link>/<script>/<img> and, transitively, the imports in the collected (hashed) modules.
shell/precache.py finds them another way, from the template and static sources.
"""

import json
import re
from html.parser import HTMLParser
from pathlib import Path

from django.conf import settings

from shell import precache

BUDGET = 300 * 1024
IMPORT = re.compile(r"""(?:\bfrom|\bimport)\s*\(?\s*["'](\.{1,2}/[^"']+)["']""")


def constant(body, name):
    return json.loads(re.search(rf"const {name} = (.*?);\n", body).group(1))


class StaticRefs(HTMLParser):
    def __init__(self):
        super().__init__()
        self.urls = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src") and value and value.startswith(settings.STATIC_URL):
                self.urls.append(value)


def collected(url):
    return Path(settings.STATIC_ROOT) / url.removeprefix(settings.STATIC_URL)


def loaded_by(client, page):
    """Every static URL the page loads: its own references and what its modules import."""
    refs = StaticRefs()
    refs.feed(client.get(page).content.decode())
    found, todo = set(), list(refs.urls)
    while todo:
        url = todo.pop()
        if url in found:
            continue
        found.add(url)
        if url.endswith(".js"):
            source = collected(url).read_text(encoding="utf-8")
            folder = url.rsplit("/", 1)[0]
            todo += [f"{folder}/{rel.removeprefix('./')}" for rel in IMPORT.findall(source)]
    return found


def worker(client):
    return client.get("/serviceworker.js").content.decode()


def test_it_installs_every_static_file_a_first_aid_page_loads(client):
    assets = set(constant(worker(client), "ASSETS"))
    for pages in constant(worker(client), "PAGES").values():
        for page in pages:
            assert loaded_by(client, page) <= assets, page


def test_it_stores_every_static_file_a_diary_page_loads_in_one_set_or_the_other(client):
    body = worker(client)
    assets = set(constant(body, "ASSETS")) | set(constant(body, "LATER_ASSETS"))
    for pages in constant(body, "LATER_PAGES").values():
        for page in pages:
            assert loaded_by(client, page) <= assets, page


def test_it_installs_first_aid_and_leaves_the_diary_for_later(client):
    body = worker(client)
    pages, later = constant(body, "PAGES"), constant(body, "LATER_PAGES")
    assert pages["de"][0] == "/de/" and "/de/ohne-netz/" in pages["de"]
    assert later["de"][:2] == ["/de/tagebuch/", "/de/tagebuch/eintrag/"]
    assert "/de/tagebuch/muster/" in later["de"] and "/en/diary/report/" in later["en"]
    assert not set(later["de"]) & set(pages["de"])
    diary_only = [url for url in constant(body, "LATER_ASSETS") if "/diary-" in url]
    assert diary_only and not set(diary_only) & set(constant(body, "ASSETS"))
    # Only what a page loads: the account's script is on no stored page.
    assert not [url for url in precache.urls() if "/account." in url]


def test_it_keeps_the_install_set_of_one_language_within_300_kib(client):
    body = worker(client)
    stored = sum(len(client.get(url).content) for url in constant(body, "PAGES")["de"])
    stored += len(client.get("/manifest.json").content)
    stored += sum(collected(url).stat().st_size for url in constant(body, "ASSETS")[:-1])
    assert constant(body, "ASSETS")[-1] == "/manifest.json"
    assert stored <= BUDGET, stored


def test_it_changes_its_version_when_only_a_diary_template_changes(tmp_path, monkeypatch):
    before = precache.version()
    templates = precache.template_files
    listing = next(p for p in templates(precache.LATER) if p.name == "list.html")
    changed = tmp_path / "list.html"
    changed.write_text(listing.read_text() + "<!-- changed -->")
    monkeypatch.setattr(
        precache,
        "template_files",
        lambda kind: [changed if p == listing else p for p in templates(kind)],
    )
    precache._version.cache_clear()
    try:
        assert precache.version() != before
    finally:
        precache._version.cache_clear()
