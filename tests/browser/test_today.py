"""The "see a doctor today" screen on a 360 x 640 phone: "Ja" leads to the gentle steps or the
end, and while that answer stands every stretch says to wait for the doctor (phone walk B1)."""

import pytest
from playwright.sync_api import expect

from firstaid import content
from tests.browser.test_accessibility import axe_violations

SMALL = {"viewport": {"width": 360, "height": 640}, "device_scale_factor": 1, "has_touch": True}
PATHS = {
    "de": ("/de/heute-zum-arzt/", "/de/schritt/", "Ja, eines davon", "Nichts davon: weiter"),
    "en": ("/en/doctor-today/", "/en/step/", "Yes, one of these", "None of these: go on"),
}


@pytest.mark.parametrize("lang", ["de", "en"])
def test_it_tells_every_stretch_to_wait_after_yes_on_the_today_screen(browser, shared_server, lang):
    today, steps, yes, none = PATHS[lang]
    later = content.load(lang)["flow_today"]["later"]
    stretches = [s["id"] for s in content.load(lang)["steps"] if s["phase"] == "stretch"]
    context = browser.new_context(**SMALL)
    page = context.new_page()
    page.goto(shared_server.url + today)
    page.get_by_role("link", name=yes).tap()
    answer = page.locator("#today-yes")
    expect(answer.get_by_text(later)).to_be_visible()
    for step in content.load(lang)["steps"]:
        link = answer.get_by_role("link", name=step["title"], exact=True)
        expect(link).to_have_count(1 if step["phase"] == "gentle" else 0)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert axe_violations(page) == []
    for stretch in stretches:
        page.goto(f"{shared_server.url}{steps}{stretch}/")
        notice = page.locator("[data-today-notice]")
        expect(notice).to_be_visible()
        expect(notice).to_contain_text(later)
        assert notice.bounding_box()["y"] < 640  # on the first screen
    # Changing one's mind: "none of these" takes the notice away again.
    page.goto(shared_server.url + today)
    page.get_by_role("link", name=none).tap()
    expect(page.locator("[data-today-notice]")).to_be_hidden()
    context.close()


def test_it_shows_no_notice_on_a_stretch_without_a_today_sign(browser, shared_server):
    context = browser.new_context(**SMALL)
    page = context.new_page()
    page.goto(f"{shared_server.url}/de/schritt/cat-cow/")
    expect(page.locator("[data-today-notice]")).to_be_hidden()
    context.close()
