"""The service worker installs first aid alone, then stores the diary in the background; each
works with the network really gone (context.set_offline)."""

from playwright.sync_api import expect

from shell import precache
from tests.browser.conftest import wait_until
from tests.browser.test_offline import STORED

CONTROLLED = "navigator.serviceWorker.controller !== null"


def test_it_opens_first_aid_offline_right_after_the_install(server, context, page):
    page.goto(f"{server.url}/de/")
    wait_until(page, CONTROLLED)  # not waiting for the diary: first aid must not need it
    context.set_offline(True)
    page.goto(f"{server.url}/de/notfall/")
    assert page.locator("h1").inner_text().strip()
    page.goto(f"{server.url}/de/schritt/breathing/")
    expect(page.get_by_role("button", name="Atmen starten")).to_be_visible()
    assert page.evaluate("getComputedStyle(document.body).display") != "inline"  # app.css came


def test_it_stores_the_diary_after_first_aid_and_keeps_it_offline(server, context, page):
    errors = []
    page.on("pageerror", lambda error: errors.append(error))
    page.goto(f"{server.url}/de/")
    wait_until(page, CONTROLLED)
    wait_until(page, f"{STORED}.then(paths => paths.includes('/de/tagebuch/eintrag/'))")
    stored = page.evaluate(STORED)
    assert set(precache.page_urls("de")) <= set(stored)
    assert set(precache.asset_urls(precache.LATER)) <= set(stored)
    context.set_offline(True)

    page.goto(f"{server.url}/de/tagebuch/")
    expect(page.get_by_text("Noch keine Einträge.")).to_be_visible()  # diary-list.js ran
    page.goto(f"{server.url}/de/tagebuch/eintrag/")
    expect(page.get_by_role("group", name="Wie stark war der Schmerz?")).to_be_visible()
    assert not errors, errors


def test_it_stores_the_diary_on_a_later_visit_when_the_first_one_could_not(server, context, page):
    # The diary's files fail while the worker installs and activates: first aid is stored anyway.
    failed = []

    def fail(route):
        failed.append(route.request.url)
        route.abort()

    context.route("**/tagebuch/**", fail)
    page.goto(f"{server.url}/de/")
    wait_until(page, CONTROLLED)
    deadline = page.evaluate("Date.now()") + 10_000
    while not failed and page.evaluate("Date.now()") < deadline:
        page.wait_for_timeout(100)
    assert failed  # the worker did try, and failed
    assert "/de/tagebuch/" not in page.evaluate(STORED)
    assert "/de/notfall/" in page.evaluate(STORED)
    context.unroute("**/tagebuch/**")

    page.goto(f"{server.url}/de/notfall/")  # the next navigation tries again
    wait_until(page, f"{STORED}.then(paths => paths.includes('/de/tagebuch/eintrag/'))")
    context.set_offline(True)
    page.goto(f"{server.url}/de/tagebuch/")
    expect(page.get_by_text("Noch keine Einträge.")).to_be_visible()
