"""A content change on the server reaches an installed app that had the old version cached."""

import json

from playwright.sync_api import expect

from tests.browser.conftest import wait_for_service_worker, wait_until


def rename_step(content_dir, step_id, title):
    path = content_dir / "de.json"
    data = json.loads(path.read_text())
    next(s for s in data["steps"] if s["id"] == step_id)["title"] = title
    path.write_text(json.dumps(data, ensure_ascii=False))


NEW_TITLE = "Langsam gehen, neu"


def publish_new_version(server):
    """A content change on the server: the first step gets a new German title."""
    rename_step(server.content_dir, "move", NEW_TITLE)
    server.restart()


def update_now(page, server):
    page.goto(f"{server.url}/de/")
    with page.expect_navigation():
        page.get_by_role("button", name="Jetzt aktualisieren").click(timeout=20000)


def shows_both_languages_offline(page, context, server):
    """Once the old version's cache is gone, offline, from the new one: English and the new
    German title."""
    wait_until(page, "caches.keys().then(k => k.length === 2)")
    wait_until(page, "caches.match('/en/emergency/').then(Boolean)")
    context.set_offline(True)
    page.goto(f"{server.url}/en/emergency/")
    expect(page.locator("h1")).to_contain_text("Call")
    page.goto(f"{server.url}/de/schritt/move/")
    expect(page.locator("h1")).to_have_text(NEW_TITLE)


def test_it_brings_new_content_to_a_client_with_the_old_version_cached(server, context, page):
    page.goto(f"{server.url}/de/schritt/move/")
    wait_for_service_worker(page)
    (old_cache,) = [k for k in page.evaluate("caches.keys()") if k != "krampfhilfe-prefs"]

    rename_step(server.content_dir, "breathing", "Ruhig atmen, neu formuliert")
    server.restart()

    page.goto(f"{server.url}/de/schritt/move/")
    notice = page.get_by_role("status").filter(has_text="Eine neue Version ist da.")
    expect(notice).to_be_visible(timeout=20000)
    with page.expect_navigation():
        page.get_by_role("button", name="Jetzt aktualisieren").click()
    wait_until(page, f"caches.keys().then(k => k.length === 2 && !k.includes('{old_cache}'))")

    # Offline, a page this client never opened since the update shows the new text,
    # so it came from the new precache.
    context.set_offline(True)
    page.goto(f"{server.url}/de/anleitung/")
    expect(page.get_by_role("heading", name="Ruhig atmen, neu formuliert")).to_be_visible()
    page.goto(f"{server.url}/de/schritt/breathing/")
    expect(page.locator("h1")).to_have_text("Ruhig atmen, neu formuliert")


def test_it_keeps_what_the_phone_stored_through_an_update(server, context, page):
    page.goto(f"{server.url}/de/einstellungen/")
    wait_for_service_worker(page)
    page.get_by_label("Österreich (144)").check()
    page.get_by_role("button", name="Speichern").click()
    page.evaluate("localStorage.setItem('diary-draft', 'kept')")

    publish_new_version(server)
    update_now(page, server)

    assert page.evaluate("localStorage.getItem('diary-draft')") == "kept"
    expect(page.locator(".bar [data-number=emergency]")).to_have_text("144")


def test_it_keeps_a_second_language_read_before_through_an_update(server, context, page):
    page.goto(f"{server.url}/de/")
    wait_for_service_worker(page)
    page.goto(f"{server.url}/en/")
    wait_until(page, "caches.match('/en/emergency/').then(Boolean)")

    publish_new_version(server)
    update_now(page, server)
    shows_both_languages_offline(page, context, server)
