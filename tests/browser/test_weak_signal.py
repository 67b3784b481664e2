"""One bar of signal, or a captive portal: the app's address accepts connections and never
answers. After one visit, first aid paints from the cache at once, as it does offline."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import wait_for_service_worker
from tests.harness import FIRST_CONTENTFUL_PAINT, SilentServer

# The budget is 300 ms (docs/architecture.md; bench/firstaid.py prints the figure). A test machine shared
# with others needs headroom, but the old worker's 3 s wait for the network stays far above it.
FCP_LIMIT_MS = 1000


@pytest.fixture
def silent(server):
    """The app server killed and its port taken by one that accepts and never answers."""

    def start():
        server.kill()
        return SilentServer(server.port).start()

    started = []
    yield lambda: started.append(start()) or started[0]
    for silent_server in started:
        silent_server.stop()


def test_it_paints_first_aid_from_the_cache_when_the_network_never_answers(server, silent, page):
    page.goto(f"{server.url}/de/")
    wait_for_service_worker(page)
    silent()

    for path in ["/de/notfall/", "/de/schritt/breathing/", "/de/warnzeichen/"]:
        page.goto(server.url + path, wait_until="commit")
        expect(page.locator("h1").first).not_to_be_empty()
        page.reload(wait_until="commit")
        expect(page.locator("h1").first).not_to_be_empty()
        assert page.evaluate(FIRST_CONTENTFUL_PAINT) < FCP_LIMIT_MS, path
        assert page.locator('.bar a[href^="tel:"]').is_visible(), path


def test_it_starts_the_installed_app_without_waiting_for_the_network(server, silent, page):
    page.goto(f"{server.url}/de/schritt/move/")
    wait_for_service_worker(page)
    silent()

    # "/" is the installed app's start URL: it opens the language last read.
    page.goto(f"{server.url}/", wait_until="commit")
    expect(page).to_have_url(f"{server.url}/de/")
    assert page.evaluate(FIRST_CONTENTFUL_PAINT) < FCP_LIMIT_MS
    expect(page.get_by_role("link", name="Akuthilfe starten")).to_be_visible()
