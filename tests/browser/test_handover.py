"""The handover card on a 360 x 640 phone, German and English: where first (kept on this phone
only), since when as asked, every "yes", heat or cold by name; with old-phone JavaScript and
without any (review 2026-12 finding 16, phone walk M5)."""

import json

import pytest
from playwright.sync_api import expect

from firstaid import content
from tests.browser.test_redflags import OLD_BROWSER

SMALL = {"viewport": {"width": 360, "height": 640}, "device_scale_factor": 1, "has_touch": True}
WORDS = {
    "de": {
        "where": "Wo bin ich:",
        "since": "Seit wann:",
        "hang": "Leg nicht auf",
        "cold": "Kälte",
        "path": "/de/warnzeichen/",
        "change": "Antworten ändern",
    },
    "en": {
        "where": "Where I am:",
        "since": "Since when:",
        "hang": "Do not hang up",
        "cold": "Cold",
        "path": "/en/warning-signs/",
        "change": "Change answers",
    },
}
FLOW = {
    "steps": {"move": {"used": True, "done": True}, "cold-heat": {"used": True}},
    "option": "cold",
}


def label(lang, flag_id):
    return next(f["label"] for f in content.load(lang)["redflags"] if f["id"] == flag_id)


def open_phone(browser, **options):
    context = browser.new_context(**SMALL, **options)
    context.add_init_script(OLD_BROWSER)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(error))
    return context, page, errors


@pytest.mark.parametrize("lang", ["de", "en"])
def test_it_leads_the_card_with_where_and_keeps_that_on_the_phone(browser, shared_server, lang):
    words = WORDS[lang]
    context, page, errors = open_phone(browser)
    page.goto(shared_server.url + words["path"])
    flow = {**FLOW, "started_at": "2026-12-03T08:45:00Z"}
    page.evaluate(f"sessionStorage.setItem('flow', {json.dumps(json.dumps(flow))})")
    page.reload()
    # A "today" sign first, then an emergency one on second thought: the card names every
    # "yes", not only the top tier's. (A "yes" to an emergency sign shows the call at once, so
    # the today sign has to come first.)
    page.locator("#stage-emergency-none").tap()
    page.locator("#stage-today-some").tap()
    page.locator("#fever-yes").tap()
    expect(page.locator('[data-outcome="today"]')).to_be_visible()
    page.locator('[data-outcome="today"]').get_by_role("link", name=words["change"]).tap()
    page.locator("#stage-emergency-some").tap()
    page.locator("#heart-signs-yes").tap()
    outcome = page.locator('[data-outcome="emergency"]')
    expect(outcome).to_be_visible()
    card = outcome.locator("[data-handover]")
    items = card.locator("[data-handover-text] > li")
    expect(items.first).to_contain_text(words["where"])
    where = card.get_by_label(words["where"])
    where.fill("Hauptstr. 5, 3. OG, Tür 12")
    card.get_by_label(words["since"]).select_option(index=4)
    reasons = card.locator("[data-handover-reasons] li")
    expect(reasons).to_have_text([label(lang, "heart-signs"), label(lang, "fever")])
    expect(card.locator("[data-handover-steps]")).to_contain_text(words["cold"])
    expect(card.locator("[data-handover-steps]")).not_to_contain_text("08:45")
    expect(card.get_by_text(words["hang"])).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    box = where.bounding_box()
    assert box["height"] >= 48 and box["x"] >= 0 and box["x"] + box["width"] <= 360
    assert float(where.evaluate("el => parseFloat(getComputedStyle(el).fontSize)")) >= 16
    # The address stays in this phone's storage; the diary's note never gets it.
    note = page.evaluate("sessionStorage.getItem('handover')")
    assert "Hauptstr" not in note
    assert label(lang, "fever") in note
    assert page.evaluate("localStorage.getItem('handover-where')") == "Hauptstr. 5, 3. OG, Tür 12"
    page.reload()
    page.locator("#stage-emergency-some").tap()
    page.locator("#heart-signs-yes").tap()
    expect(outcome.locator("[data-handover]").get_by_label(words["where"])).to_have_value(
        "Hauptstr. 5, 3. OG, Tür 12"
    )
    assert errors == []
    context.close()


@pytest.mark.parametrize("lang", ["de", "en"])
def test_it_puts_a_sign_found_by_a_self_test_on_the_card(browser, shared_server, lang):
    # Review 2026-12 (issue 16) finding 6: fever tapped, then "Ein Fuß sackt ab" in the heel-toe
    # test makes it an emergency; the card names the paralysis as well as the fever.
    context, page, errors = open_phone(browser)
    page.goto(shared_server.url + WORDS[lang]["path"])
    page.locator("#stage-emergency-none").tap()
    page.locator("#stage-today-some").tap()
    page.locator("#fever-yes").tap()
    expect(page.locator('[data-outcome="today"]')).to_be_visible()
    page.locator('[data-outcome="today"]').get_by_role("link", name=WORDS[lang]["change"]).tap()
    page.locator("#selftests summary").tap()
    page.locator("input[name=selftest-heel-toe][value=one]").check()
    outcome = page.locator('[data-outcome="emergency"]')
    expect(outcome).to_be_visible()
    expect(outcome.locator("[data-reasons]")).to_contain_text(label(lang, "leg-paralysis"))
    reasons = outcome.locator("[data-handover-reasons]")
    expect(reasons).to_contain_text(label(lang, "leg-paralysis"))
    expect(reasons).to_contain_text(label(lang, "fever"))
    assert label(lang, "leg-paralysis") in page.evaluate("sessionStorage.getItem('handover')")
    assert errors == []
    context.close()


@pytest.mark.parametrize("lang", ["de", "en"])
def test_it_shows_a_plain_readable_card_without_javascript(browser, shared_server, lang):
    words = WORDS[lang]
    context = browser.new_context(**SMALL, java_script_enabled=False)
    page = context.new_page()
    page.goto(shared_server.url + words["path"])
    page.locator("#heart-signs-yes").check()
    page.locator("#fever-yes").check()
    page.locator("#show-result").click()
    card = page.locator('[data-outcome="emergency"] [data-handover]')
    expect(card).to_be_visible()
    expect(card.locator("[data-handover-text] > li").first).to_contain_text(words["where"])
    expect(card.locator("[data-handover-reasons] li")).to_have_text(
        [label(lang, "heart-signs"), label(lang, "fever")]
    )
    expect(card.get_by_text(words["hang"])).to_be_visible()
    expect(card.locator("[data-handover-actions]")).to_be_hidden()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    context.close()
