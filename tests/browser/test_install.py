"""The app is installable, and the home page offers the install where the browser can."""

from playwright.sync_api import expect

from tests.browser.conftest import wait_for_service_worker
from tests.harness import CHROMIUM, CHROMIUM_ARGS, PHONE

IPHONE_UA = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1"
)


def test_it_meets_chromiums_installability_criteria(shared_server, playwright_instance, tmp_path):
    context = playwright_instance.chromium.launch_persistent_context(
        tmp_path / "profile", executable_path=CHROMIUM, args=CHROMIUM_ARGS, **PHONE
    )
    try:
        page = context.pages[0] if context.pages else context.new_page()
        page.goto(f"{shared_server.url}/de/")
        wait_for_service_worker(page)
        session = context.new_cdp_session(page)
        assert session.send("Page.getInstallabilityErrors")["installabilityErrors"] == []
        manifest = session.send("Page.getAppManifest")
        assert manifest["errors"] == []
        assert manifest["url"] == f"{shared_server.url}/manifest.json"
    finally:
        context.close()


def test_it_offers_the_install_button_when_the_browser_allows_it(shared_server, page):
    page.goto(f"{shared_server.url}/de/")
    expect(page.locator("#install")).to_be_hidden()
    page.evaluate(
        """() => {
          const event = new Event("beforeinstallprompt", {cancelable: true});
          event.prompt = () => (window.__prompted = true);
          event.userChoice = Promise.resolve({outcome: "accepted"});
          window.dispatchEvent(event);
        }"""
    )
    page.get_by_role("button", name="App installieren").tap()
    assert page.evaluate("window.__prompted") is True
    expect(page.locator("#install")).to_be_hidden()


def test_it_explains_the_install_on_an_iphone(browser, shared_server):
    context = browser.new_context(**PHONE, user_agent=IPHONE_UA)
    page = context.new_page()
    page.goto(f"{shared_server.url}/en/")
    expect(page.get_by_text("On an iPhone: tap “Share” at the bottom")).to_be_visible()
    context.close()
