import json
import re
import shutil

from django.apps import apps
from django.templatetags.static import static

from shell import precache


def worker(client):
    response = client.get("/serviceworker.js")
    assert response.status_code == 200
    return response


def constant(body, name):
    return json.loads(re.search(rf"const {name} = (.*?);\n", body).group(1))


def precached(body):
    """Both sets' assets, and every language's pages: the worker stores those of the languages
    in use, first aid at install and the diary right after."""
    pages = [
        url for name in ("PAGES", "LATER_PAGES") for u in constant(body, name).values() for url in u
    ]
    return constant(body, "ASSETS") + constant(body, "LATER_ASSETS") + pages


def test_it_is_served_at_the_root_scope_and_always_revalidated(client):
    response = worker(client)
    assert response["Content-Type"].startswith("text/javascript")
    assert "no-cache" in response["Cache-Control"]


def test_it_precaches_every_first_aid_page_in_both_languages(client):
    urls = precached(worker(client).content.decode())
    for expected in ["/de/", "/en/", "/de/notfall/", "/en/emergency/", "/de/besser/"]:
        assert expected in urls
    assert "/de/schritt/knee-rotation/" in urls
    assert "/en/step/knee-rotation/" in urls
    assert "/en/about/" in urls


def test_it_lists_the_pages_of_each_language_apart(client):
    pages = constant(worker(client).content.decode(), "PAGES")
    assert set(pages) == {"de", "en"}
    assert all(url.startswith("/de/") for url in pages["de"])
    assert all(url.startswith("/en/") for url in pages["en"])
    # The worker checks a language's home page to know whether that language is stored.
    assert pages["de"][0] == "/de/" and pages["en"][0] == "/en/"
    assert len(pages["de"]) == len(pages["en"])


def test_it_stands_in_for_pages_that_need_the_network_with_the_offline_page(client):
    body = worker(client).content.decode()
    offline = constant(body, "OFFLINE_PAGES")
    pages = constant(body, "PAGES")
    assert offline == {"de": "/de/ohne-netz/", "en": "/en/offline/"}
    assert all(offline[lang] in pages[lang] for lang in offline)


def test_it_precaches_hashed_static_files(client):
    urls = constant(worker(client).content.decode(), "ASSETS")
    assert static("css/app.css") in urls
    assert static("js/timer.js") in urls
    assert re.search(r"/static/css/app\.[0-9a-f]{12}\.css", static("css/app.css"))


def test_it_changes_its_version_when_the_content_changes(client, settings, tmp_path):
    before = worker(client).content
    shutil.copytree(settings.FIRSTAID_CONTENT_DIR, tmp_path, dirs_exist_ok=True)
    data = json.loads((tmp_path / "de.json").read_text())
    data["steps"][0]["lead"] = "Ein anderer Satz."
    (tmp_path / "de.json").write_text(json.dumps(data))
    settings.FIRSTAID_CONTENT_DIR = tmp_path
    after = worker(client).content
    assert before != after
    assert precache.version() in after.decode()


def test_it_stores_the_pages_each_app_lists_and_no_others(client, monkeypatch):
    urls = precached(worker(client).content.decode())
    assert {"/de/tagebuch/", "/de/tagebuch/eintrag/", "/de/ohne-netz/"} <= set(urls)
    assert not [url for url in urls if url.startswith("/de/konto/")]
    # An app that lists one more page gets it stored, with no list in the shell to edit.
    accounts = apps.get_app_config("accounts")
    monkeypatch.setattr(
        accounts, "offline_pages", lambda: [("accounts:account", {})], raising=False
    )
    assert "/de/konto/" in constant(worker(client).content.decode(), "PAGES")["de"]
    # Or stored after the install, with the diary, when it lists it as a later page.
    monkeypatch.delattr(accounts, "offline_pages")
    monkeypatch.setattr(accounts, "later_pages", lambda: [("accounts:account", {})], raising=False)
    body = worker(client).content.decode()
    assert "/de/konto/" in constant(body, "LATER_PAGES")["de"]
    assert "/de/konto/" not in constant(body, "PAGES")["de"]
