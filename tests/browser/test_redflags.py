"""The warning-sign check in Chromium: same answers as Python, reachable by tap and keyboard,
working with the server gone."""

import json

from django.templatetags.static import static
from playwright.sync_api import expect

from firstaid import content, triage
from tests.browser.conftest import wait_for_service_worker
from tests.browser.test_accessibility import axe_violations
from tests.firstaid.triage_cases import CASES, answers

FLAGS = content.load("de")["redflags"]


def test_it_evaluates_the_case_table_in_the_browser_as_in_python(shared_server, page):
    page.goto(f"{shared_server.url}/de/warnzeichen/")
    inputs = [answers(case) for case in CASES]
    results = page.evaluate(
        """async ([url, inputs]) => {
          const { evaluate } = await import(url);
          const flags = JSON.parse(document.getElementById("triage-data").textContent);
          return inputs.map((given) => evaluate(flags, given));
        }""",
        [static("js/triage.js"), inputs],
    )
    for case, given, result in zip(CASES, inputs, results, strict=True):
        assert result["tier"] == case["tier"], case
        assert result == triage.evaluate(FLAGS, given), case


def test_it_shows_the_emergency_outcome_at_the_first_yes(shared_server, page):
    page.goto(f"{shared_server.url}/de/warnzeichen/")
    first = page.get_by_role("group", name=FLAGS[0]["question"])
    first.get_by_label("Ja").check()
    outcome = page.locator('[data-outcome="emergency"]')
    expect(outcome).to_be_visible()
    expect(page.locator("#questions")).to_be_hidden()
    expect(outcome.locator("[data-reasons] li")).to_have_text([FLAGS[0]["label"]])
    call = outcome.locator("a.giant")
    expect(call).to_have_attribute("href", "tel:112")
    assert is_largest_on_screen(page, call)
    assert axe_violations(page) == []


def is_largest_on_screen(page, locator):
    return locator.evaluate(
        """(link) => {
          const area = (el) => {
            const r = el.getBoundingClientRect();
            const w = Math.min(r.right, innerWidth) - Math.max(r.left, 0);
            const h = Math.min(r.bottom, innerHeight) - Math.max(r.top, 0);
            return w > 0 && h > 0 ? w * h : 0;
          };
          const others = [...document.body.querySelectorAll("*")].filter(
            (el) => !el.contains(link) && !link.contains(el) && el.checkVisibility());
          return others.every((el) => area(el) < area(link));
        }"""
    )


def answer_by_tapping(page, given):
    for flag in FLAGS:
        if flag["id"] in given:
            group = page.get_by_role("group", name=flag["question"])
            group.get_by_label("Ja" if given[flag["id"]] else "Nein").tap()


def test_it_reaches_every_outcome_by_tapping(shared_server, page):
    no_emergency = {f["id"]: False for f in FLAGS if f["tier"] == "emergency"}
    everything_no = {f["id"]: False for f in FLAGS}
    for given, tier in [
        ({**no_emergency, "fever": True}, "today"),
        ({**no_emergency, "cramp-recurring": True}, "soon"),
        (everything_no, "selfcare"),
    ]:
        page.goto(f"{shared_server.url}/de/warnzeichen/")
        answer_by_tapping(page, given)
        page.get_by_role("button", name="Ergebnis zeigen").tap()
        outcome = page.locator(f'[data-outcome="{tier}"]')
        expect(outcome).to_be_visible()
        expect(outcome).to_be_focused()
        expect(outcome.locator("[data-unanswered]")).to_be_visible(visible=tier != "selfcare")
        assert axe_violations(page) == [], tier

    outcome.get_by_role("link", name="Antworten ändern").tap()
    expect(page.locator("#questions")).to_be_visible()
    expect(
        page.get_by_role("group", name=FLAGS[-1]["question"]).get_by_label("Nein")
    ).to_be_checked()


def test_it_asks_for_the_open_questions_instead_of_saying_self_care(shared_server, page):
    page.goto(f"{shared_server.url}/de/warnzeichen/")
    answer_by_tapping(page, {FLAGS[0]["id"]: False})
    page.get_by_role("button", name="Ergebnis zeigen").tap()
    expect(page.get_by_role("alert")).to_contain_text(f"{len(FLAGS) - 1} Fragen sind noch offen.")
    expect(page.locator("[data-outcome]:visible")).to_have_count(0)
    second = page.get_by_role("group", name=FLAGS[1]["question"])
    expect(second.get_by_label("Ja")).to_be_focused()


def test_it_walks_the_check_with_the_keyboard_alone(shared_server, page):
    page.goto(f"{shared_server.url}/en/warning-signs/")
    for _ in range(400):
        page.keyboard.press("Tab")
        focused = page.evaluate("[document.activeElement.type, document.activeElement.value]")
        if focused == ["radio", "yes"]:
            page.keyboard.press("ArrowRight")  # moves to "No" and selects it
        elif focused[0] == "submit":
            page.keyboard.press("Enter")
            break
    expect(page.locator('[data-outcome="selfcare"]')).to_be_focused()
    expect(page.locator('[data-outcome="selfcare"] h1')).to_have_text("Self-care is fine for now")


def test_it_works_with_the_server_gone(server, page):
    page.goto(f"{server.url}/de/")
    wait_for_service_worker(page)
    server.kill()
    page.locator(".check-link").tap()
    expect(page.locator("h1:visible")).to_have_text("Warnzeichen prüfen")
    answer_by_tapping(page, {"chest-pain": True})
    expect(page.locator('[data-outcome="emergency"] a.giant')).to_be_visible()


def test_it_starts_the_check_from_the_first_screen_of_the_flow(shared_server, page):
    page.goto(f"{shared_server.url}/de/notfall/")
    # The first screen names the signs in short plain groups of its own (issue 7, finding 16).
    labels = page.locator(".signs li").all_inner_texts()
    assert labels == [s["text"] for s in content.load("de")["emergency"]["signs"]]
    page.get_by_role("link", name="Alle Warnzeichen prüfen").tap()
    expect(page).to_have_url(f"{shared_server.url}/de/warnzeichen/")


def test_it_posts_the_answers_when_javascript_is_off(browser, shared_server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{shared_server.url}/de/warnzeichen/")
    page.get_by_role("group", name=FLAGS[12]["question"]).get_by_label("Ja").check()
    page.get_by_role("button", name="Ergebnis zeigen").click()
    expect(page.locator('[data-outcome="today"]')).to_be_visible()
    context.close()


def test_it_matches_the_api(shared_server, page):
    given = {"fever": True, "weight-loss": True}
    response = page.request.post(
        f"{shared_server.url}/api/v1/firstaid/triage/",
        data=json.dumps({"lang": "de", "answers": given}),
        headers={"Content-Type": "application/json"},
    )
    assert response.json()["tier"] == triage.evaluate(FLAGS, given)["tier"] == "today"
