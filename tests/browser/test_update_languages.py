"""A language opened while a new version of the app waits to take over stays offline after the
update (the old worker stores it in the old cache, which the update deletes)."""

from playwright.sync_api import expect

from tests.browser.conftest import wait_for_service_worker, wait_until
from tests.browser.test_update import (
    publish_new_version,
    shows_both_languages_offline,
    update_now,
)


def test_it_keeps_a_language_first_opened_while_an_update_waited(server, context, page):
    page.goto(f"{server.url}/de/")
    wait_for_service_worker(page)
    publish_new_version(server)
    page.goto(f"{server.url}/de/")
    notice = page.get_by_role("status").filter(has_text="Eine neue Version ist da.")
    expect(notice).to_be_visible(timeout=20000)

    # The new version was installed with German only; English is first opened now.
    page.goto(f"{server.url}/en/")
    wait_until(page, "caches.match('/en/emergency/').then(Boolean)")
    update_now(page, server)
    shows_both_languages_offline(page, context, server)
