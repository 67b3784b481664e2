"""After one online visit, every first-aid page works with the server really gone."""

from playwright.sync_api import expect

from firstaid import content
from shell import precache
from tests.browser.conftest import wait_for_service_worker, wait_until
from tests.harness import CHROMIUM, CHROMIUM_ARGS, PHONE

# The paths in the service worker's cache (the preferences cache left out).
STORED = (
    "caches.keys().then(async keys => { const paths = [];"
    " for (const key of keys.filter(k => k !== 'krampfhilfe-prefs'))"
    "  for (const request of await (await caches.open(key)).keys())"
    "   paths.push(new URL(request.url).pathname);"
    " return paths; })"
)


def assert_first_aid_page(page):
    assert page.locator("h1").first.inner_text().strip()
    assert page.locator("main svg").count() >= 1
    assert page.locator('.bar a[href^="tel:"]').is_visible()


def test_it_opens_every_first_aid_page_after_the_server_is_killed(server, page):
    page.goto(f"{server.url}/de/")
    wait_for_service_worker(page)
    page.goto(f"{server.url}/en/")
    # First aid's pages, then the diary's: the diary's last page means both are stored.
    wait_until(page, f"{STORED}.then(paths => paths.includes('/en/diary/entry/'))")
    server.kill()

    for url in precache.page_urls():
        response = page.goto(server.url + url)
        assert response.ok, url
        assert page.locator("h1").first.inner_text().strip(), url
        assert page.locator('.bar a[href^="tel:"]').is_visible(), url
    for step in content.load("en")["steps"]:
        page.goto(f"{server.url}/en/step/{step['id']}/")
        assert page.locator("h1").first.inner_text() == step["title"]
        assert page.locator("main .illu svg").first.is_visible()


def test_it_walks_the_flow_and_runs_a_timer_offline(server, context, page):
    page.goto(f"{server.url}/de/")
    wait_for_service_worker(page)
    context.set_offline(True)

    page.get_by_role("link", name="Akuthilfe starten").click()
    assert "Sofort" in page.locator("h1").inner_text()
    page.get_by_role("link", name="Nichts davon: weiter zur Hilfe").click()
    page.get_by_role("link", name="Alle Schritte der Reihe nach").click()
    assert_first_aid_page(page)
    page.get_by_role("button", name="Timer starten").click()
    page.wait_for_timeout(1300)
    minutes, seconds = page.locator("[data-remaining]").inner_text().split(":")
    # Counting down from 3:00; the bound leaves room for a slow machine, not for a stopped timer.
    assert 170 <= int(minutes) * 60 + int(seconds) < 180


def test_it_starts_the_installed_app_cold_without_a_server(server, playwright_instance, tmp_path):
    """A cold start: the browser profile is closed, the server killed, the app opened at /."""
    profile = tmp_path / "profile"

    def launch():
        return playwright_instance.chromium.launch_persistent_context(
            profile, executable_path=CHROMIUM, args=CHROMIUM_ARGS, **PHONE
        )

    browser = launch()
    page = browser.pages[0] if browser.pages else browser.new_page()
    page.goto(f"{server.url}/en/step/breathing/")
    wait_for_service_worker(page)
    browser.close()
    server.kill()

    browser = launch()
    try:
        page = browser.pages[0] if browser.pages else browser.new_page()
        page.goto(f"{server.url}/")
        # The remembered language (English, the last one read) comes back offline too.
        assert page.url == f"{server.url}/en/"
        assert page.get_by_role("link", name="Start first aid").is_visible()
        page.get_by_role("link", name="Start first aid").click()
        assert page.locator("h1").inner_text().startswith("Call")
    finally:
        browser.close()


def test_it_stores_only_the_language_in_use_and_another_once_it_is_opened(server, page):
    page.goto(f"{server.url}/de/")
    wait_for_service_worker(page)
    stored = page.evaluate(STORED)
    assert set(precache.page_urls("de")) <= set(stored)
    assert not [path for path in stored if path.startswith("/en/")]

    page.goto(f"{server.url}/en/about/")
    wait_until(page, f"{STORED}.then(paths => paths.includes('/en/diary/entry/'))")
    assert set(precache.page_urls("en")) <= set(page.evaluate(STORED))


def test_it_switches_country_and_language_offline(server, context, page):
    # Both languages were read online once, so both are stored.
    page.goto(f"{server.url}/en/")
    wait_for_service_worker(page)
    page.goto(f"{server.url}/de/")
    wait_until(page, f"{STORED}.then(paths => paths.includes('/de/notfall/'))")
    context.set_offline(True)

    page.get_by_role("link", name="Einstellungen").click()
    page.get_by_label("Schweiz (144)").check()
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_text("Gespeichert.")).to_be_visible()
    page.goto(f"{server.url}/de/notfall/")
    expect(page.locator(".bar a[data-call=emergency]")).to_have_attribute("href", "tel:144")
    expect(page.locator("main [data-call=doctor]")).to_have_count(3)
    for link in page.locator("main [data-call=doctor]").all():
        expect(link).to_be_hidden()
    expect(page.locator("main [data-doctor-call]")).to_have_text(
        "Schweiz: Kantonaler ärztlicher Notfalldienst oder deine Hausarztpraxis",
        use_inner_text=True,
    )

    page.get_by_role("link", name="English").click()
    expect(page).to_have_url(f"{server.url}/en/emergency/")
    expect(page.locator("main [data-doctor-call]")).to_have_text(
        "Switzerland: Cantonal emergency doctor service or your GP practice",
        use_inner_text=True,
    )
    expect(page.locator(".bar a[data-call=emergency]")).to_have_attribute("href", "tel:144")


def test_it_shows_the_offline_page_for_a_language_never_opened(server, context, page):
    page.goto(f"{server.url}/de/notfall/")
    wait_for_service_worker(page)
    context.set_offline(True)

    page.get_by_role("link", name="English").click()
    expect(page).to_have_url(f"{server.url}/en/emergency/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Keine Verbindung")
    page.get_by_role("link", name="Akuthilfe starten").click()
    assert_first_aid_page(page)


def test_it_says_so_when_a_page_needs_the_network(server, page):
    page.goto(f"{server.url}/en/")
    wait_for_service_worker(page)
    server.kill()

    page.goto(f"{server.url}/en/account/")
    expect(page.get_by_role("heading", level=1)).to_have_text("No connection")
    page.get_by_role("link", name="Start first aid").click()
    assert_first_aid_page(page)


def test_it_answers_a_form_sent_offline_without_the_browsers_error_page(server, context, page):
    page.goto(f"{server.url}/de/")
    wait_for_service_worker(page)
    page.goto(f"{server.url}/de/konto/anmelden/")
    context.set_offline(True)

    page.get_by_label("E-Mail-Adresse").fill("anna@example.org")
    page.get_by_label("Passwort").fill("Rücken-Krampf 2026")
    page.get_by_role("button", name="Anmelden").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Keine Verbindung")
    assert page.locator('.bar a[href^="tel:"]').is_visible()

    context.set_offline(False)
    page.get_by_role("link", name="Noch einmal versuchen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Anmelden")
