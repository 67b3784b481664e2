"""Real-browser fixtures: Debian's Chromium driven by Playwright, and the app in its own process."""

import shutil
import time
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect, sync_playwright

from shell import precache
from tests.harness import CHROMIUM, CHROMIUM_ARGS, PHONE, ROOT, AppServer

ARTIFACTS = ROOT / "test-artifacts"

# A CI machine under load can take longer than Playwright's 5 s for a server round trip; waiting
# longer for what must happen anyway makes no test weaker.
expect.set_options(timeout=15_000)


@pytest.fixture(scope="session")
def playwright_instance():
    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session")
def browser(playwright_instance):
    browser = playwright_instance.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield browser
    browser.close()


@pytest.fixture(scope="session")
def shared_server(tmp_path_factory):
    """One server for tests that only read."""
    server = AppServer(tmp_path_factory.mktemp("shared")).start()
    yield server
    server.kill()


@pytest.fixture
def server(tmp_path):
    """A server of the test's own, free to be killed and restarted."""
    content_dir = tmp_path / "content"
    shutil.copytree(ROOT / "firstaid" / "content", content_dir)
    server = AppServer(tmp_path, content_dir).start()
    yield server
    server.kill()


@pytest.fixture
def context(browser):
    context = browser.new_context(**PHONE)
    yield context
    context.close()


@pytest.fixture
def page(context):
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(error))
    yield page
    assert not errors, f"JavaScript errors on the page: {errors}"


def wait_until(page, expression, timeout=20):
    """Poll with page.evaluate: wait_for_function needs eval, which our CSP forbids."""
    deadline = time.monotonic() + timeout
    while not evaluate_through_navigation(page, expression):
        if time.monotonic() > deadline:
            raise AssertionError(f"still false after {timeout} s: {expression}")
        time.sleep(0.1)


def evaluate_through_navigation(page, expression):
    try:
        return page.evaluate(expression)
    except PlaywrightError as error:
        if "context was destroyed" not in str(error):
            raise
        return False


def wait_for_service_worker(page):
    """Until the service worker has precached everything and controls the page: first aid at
    install, then the diary of the page's language, which it stores in the background."""
    wait_until(page, "navigator.serviceWorker.controller !== null")
    lang = urlsplit(page.url).path.split("/")[1]
    later = precache.pages_by_language(precache.LATER).get(lang)
    if later:
        wait_until(page, f"caches.match({later[-1]!r}).then(Boolean)")


@pytest.fixture(scope="session")
def artifacts():
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
