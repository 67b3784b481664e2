"""A language opened while a new version of the app waits to take over stays offline after the
update (the old worker stores it in the old cache, which the update deletes)."""

from playwright.sync_api import expect

from tests.browser.conftest import wait_for_service_worker, wait_until
from tests.browser.test_update import rename_step


def test_it_keeps_a_language_first_opened_while_an_update_waited(server, context, page):
    page.goto(f"{server.url}/de/")
    wait_for_service_worker(page)
    rename_step(server.content_dir, "move", "Langsam gehen, neu")
    server.restart()
    page.goto(f"{server.url}/de/")
    notice = page.get_by_role("status").filter(has_text="Eine neue Version ist da.")
    expect(notice).to_be_visible(timeout=20000)

    # The new version was installed with German only; English is first opened now.
    page.goto(f"{server.url}/en/")
    wait_until(page, "caches.match('/en/emergency/').then(Boolean)")
    page.goto(f"{server.url}/de/")
    with page.expect_navigation():
        page.get_by_role("button", name="Jetzt aktualisieren").click(timeout=20000)
    wait_until(page, "caches.keys().then(k => k.length === 2)")
    wait_until(page, "caches.match('/en/emergency/').then(Boolean)")

    context.set_offline(True)
    page.goto(f"{server.url}/en/emergency/")
    expect(page.locator("h1")).to_contain_text("Call")
    page.goto(f"{server.url}/de/schritt/move/")
    expect(page.locator("h1")).to_have_text("Langsam gehen, neu")
