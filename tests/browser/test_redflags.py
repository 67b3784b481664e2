"""The staged warning-sign check in Chromium: the shipped triage.js gives the same answers as
Python; every outcome is reached by tap, keyboard, without JavaScript, on a browser without the
newer built-ins, and with the server gone."""

import json

from django.templatetags.static import static
from playwright.sync_api import expect

from firstaid import content, triage
from tests.browser.conftest import wait_for_service_worker
from tests.browser.test_accessibility import axe_violations
from tests.browser.test_diary_local import save_at_the_end
from tests.firstaid.triage_cases import CASES, answers
from tests.harness import PHONE

FLAGS = content.load("de")["redflags"]
SELFTESTS = content.load("de")["selftests"]
QUESTION = {flag["id"]: flag["question"] for flag in FLAGS}
LABEL = {flag["id"]: flag["label"] for flag in FLAGS}
TIER = {flag["id"]: flag["tier"] for flag in FLAGS}
EMERGENCY = [flag["id"] for flag in FLAGS if flag["tier"] == "emergency"]
SUMMARY = "Unsicher? Zwei kurze Selbsttests"

# Built-ins that Safari 14 and Chrome 80 do not have (finding 5).
OLD_BROWSER = """
  delete Object.hasOwn; delete Array.prototype.at; delete String.prototype.at;
  delete String.prototype.replaceAll; delete window.structuredClone;
  delete Array.prototype.findLast; delete Array.prototype.findLastIndex;
  delete Array.prototype.toSorted; delete Array.prototype.toReversed; delete Object.groupBy;
  delete Promise.withResolvers; delete Array.prototype.with; delete String.prototype.isWellFormed;
"""


def test_it_evaluates_the_case_table_in_the_browser_as_in_python(shared_server, page):
    page.goto(f"{shared_server.url}/de/warnzeichen/")
    inputs = [answers(case) for case in CASES]
    results = page.evaluate(
        """async ([url, inputs]) => {
          const { evaluate } = await import(url);
          const data = JSON.parse(document.getElementById("triage-data").textContent);
          return inputs.map((given) => evaluate(data, given));
        }""",
        [static("js/triage.js"), inputs],
    )
    for case, given, result in zip(CASES, inputs, results, strict=True):
        assert result["tier"] == case["tier"], case
        assert result == triage.evaluate(FLAGS, given), case


def test_it_takes_the_order_of_the_tiers_from_the_page_not_from_a_copy(shared_server, page):
    # The table above passes only with the page's order (content.TIERS, checked in
    # tests/firstaid/test_redflag_page.py); turned round, the same answers give another outcome.
    page.goto(f"{shared_server.url}/de/warnzeichen/")
    given = {flag["id"]: False for flag in FLAGS} | {"fever": True, "no-improvement": True}
    tiers = page.evaluate(
        """async ([url, given]) => {
          const { evaluate } = await import(url);
          const data = JSON.parse(document.getElementById("triage-data").textContent);
          const turned = { ...data, tiers: data.tiers.slice().reverse() };
          return [evaluate(data, given).tier, evaluate(turned, given).tier];
        }""",
        [static("js/triage.js"), given],
    )
    assert tiers == ["today", "soon"]


def test_it_fills_the_self_tests_in_the_browser_as_in_python(shared_server, page):
    page.goto(f"{shared_server.url}/de/warnzeichen/")
    inputs = [
        ({"saddle": "numb", "heel-toe": "fine"}, {"leg-weakness": True, "fever": False}),
        ({"saddle": "fine", "heel-toe": "one"}, {"saddle-numbness": True, "leg-weakness": False}),
        ({"saddle": "", "heel-toe": "both"}, {}),
        ({"saddle": "unknown"}, {"saddle-numbness": False}),
    ]
    results = page.evaluate(
        """async ([url, inputs]) => {
          const { applySelftests } = await import(url);
          const data = JSON.parse(document.getElementById("triage-data").textContent);
          return inputs.map(([tests, given]) => applySelftests(data.selftests, tests, given));
        }""",
        [static("js/triage.js"), inputs],
    )
    for (tests, given), result in zip(inputs, results, strict=True):
        assert result == triage.apply_selftests(SELFTESTS, tests, given)


def stage(page, tier):
    return page.locator(f"#stage-{tier}")


def nothing_of_these(page, tier):
    stage(page, tier).get_by_label("Nichts davon").tap()


def one_of_these(page, tier, flag_id):
    stage(page, tier).get_by_label("Ja, eines davon").tap()
    page.get_by_role("group", name=QUESTION[flag_id]).get_by_label("Ja").tap()


def test_it_shows_the_emergency_signs_first_and_the_call_at_the_first_yes(shared_server, page):
    page.goto(f"{shared_server.url}/de/warnzeichen/")
    expect(stage(page, "emergency")).to_be_visible()
    expect(stage(page, "today")).to_be_hidden()
    expect(stage(page, "soon")).to_be_hidden()
    expect(stage(page, "emergency").locator(".question").first).to_be_hidden()
    one_of_these(page, "emergency", "heart-signs")
    outcome = page.locator('[data-outcome="emergency"]')
    expect(outcome).to_be_visible()
    expect(page.locator("#questions")).to_be_hidden()
    expect(outcome.locator("[data-reasons] li")).to_have_text([LABEL["heart-signs"]])
    call = outcome.locator('a[data-call="emergency"]').first
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


def count_taps(page):
    page.evaluate(
        """window.taps = 0;
           addEventListener("pointerdown", () => { window.taps += 1; }, true);"""
    )


def test_it_reaches_self_care_in_three_taps_when_nothing_applies(shared_server, page, artifacts):
    page.goto(f"{shared_server.url}/de/warnzeichen/")
    page.screenshot(path=artifacts / "check-start.png", full_page=True)
    count_taps(page)
    for tier in ("emergency", "today", "soon"):
        expect(stage(page, tier)).to_be_visible()
        nothing_of_these(page, tier)
    outcome = page.locator('[data-outcome="selfcare"]')
    expect(outcome).to_be_visible()
    expect(outcome).to_be_focused()
    expect(outcome.locator("h1")).to_have_text("Alle Warnzeichen mit Nein beantwortet")
    assert page.evaluate("window.taps") == 3
    assert axe_violations(page) == []


def test_it_reaches_every_outcome_by_tapping(shared_server, page):
    for yes, tier in [("fever", "today"), ("cramp-recurring", "soon")]:
        page.goto(f"{shared_server.url}/de/warnzeichen/")
        nothing_of_these(page, "emergency")
        if tier == "soon":
            nothing_of_these(page, "today")
        one_of_these(page, tier, yes)
        if tier == "soon":
            # Under 16 with another sign is "today": the age holds the outcome until answered.
            expect(page.locator('[data-outcome="soon"]')).to_be_hidden()
            page.get_by_role("group", name=QUESTION["under-16"]).get_by_label("Nein").tap()
        outcome = page.locator(f'[data-outcome="{tier}"]')
        expect(outcome).to_be_visible()
        expect(outcome).to_be_focused()
        expect(outcome.locator("[data-reasons] li")).to_have_count(1)
        assert axe_violations(page) == [], tier

    outcome.get_by_role("link", name="Antworten ändern").tap()
    expect(page.locator("#questions")).to_be_visible()
    expect(
        page.get_by_role("group", name=QUESTION["cramp-recurring"]).get_by_label("Ja")
    ).to_be_checked()


def test_it_leads_to_the_open_emergency_questions_before_any_lower_outcome(shared_server, page):
    page.goto(f"{shared_server.url}/de/warnzeichen/")
    page.get_by_role("button", name="Ergebnis zeigen").tap()
    notice = stage(page, "emergency").get_by_role("alert")
    expect(notice).to_contain_text("Beantworte zuerst diese Notfall-Zeichen")
    expect(page.locator("[data-outcome]:visible")).to_have_count(0)
    first_emergency = next(flag for flag in FLAGS if flag["tier"] == "emergency")
    first = page.get_by_role("group", name=first_emergency["question"])
    expect(first).to_be_visible()
    # Second clinical review, finding 5: focus on the first question scrolled the notice
    # 733 px out of view. The heading and the notice are what the person must see.
    expect(stage(page, "emergency").locator("h2")).to_be_focused()
    box = notice.bounding_box()
    assert box["y"] >= 0 and box["y"] + box["height"] <= page.viewport_size["height"]


def results(found):
    """(self-test, result) pairs of the content whose answers `found` accepts."""
    return [
        (test, result)
        for test in SELFTESTS
        for result in test["results"]
        if found(result["answers"])
    ]


def choose(page, test, label):
    page.get_by_role("group", name=test["title"]).get_by_label(label).tap()


def test_it_fills_the_questions_from_a_self_test(shared_server, page):
    test, result = results(lambda a: any(a[i] for i in a if TIER[i] == "emergency"))[0]
    page.goto(f"{shared_server.url}/de/warnzeichen/")
    page.get_by_text(SUMMARY).tap()
    choose(page, test, result["label"])
    expect(page.locator('[data-outcome="emergency"]')).to_be_visible()


def test_it_takes_back_what_a_self_test_filled_when_it_cannot_be_tried(shared_server, page):
    # Finding 6: "Fühlt sich an wie sonst" and "Klappt mit beiden Beinen", then "Kann ich
    # gerade nicht testen" in both, left saddle-numbness, leg-paralysis and leg-weakness "Nein".
    normal = results(lambda a: a and not any(a.values()))
    page.goto(f"{shared_server.url}/de/warnzeichen/")
    page.get_by_text(SUMMARY).tap()
    for test, result in normal:
        choose(page, test, result["label"])
    for test, _ in normal:
        choose(page, test, "Kann ich gerade nicht testen")
    filled = {i for _, result in normal for i in result["answers"]}
    assert filled, "no self-test result fills a 'no' any more: nothing to take back"
    for flag_id in filled:
        expect(page.locator(f"#{flag_id}-no")).not_to_be_checked()
    page.get_by_role("button", name="Ergebnis zeigen").tap()
    expect(stage(page, "emergency").get_by_role("alert")).to_be_visible()
    expect(page.locator("[data-outcome]:visible")).to_have_count(0)


def test_it_takes_back_the_nos_of_nothing_of_these_when_one_of_these_follows(shared_server, page):
    # Finding 1, tapped as in the review: "Nichts davon", then "Ja, eines davon" left all
    # emergency questions "Nein", and "Nichts davon" in stages 2 and 3 said self-care.
    page.goto(f"{shared_server.url}/de/warnzeichen/")
    nothing_of_these(page, "emergency")
    stage(page, "emergency").get_by_label("Ja, eines davon").tap()
    for flag in FLAGS:
        if flag["tier"] == "emergency":
            expect(page.locator(f"#{flag['id']}-no")).not_to_be_checked()
            expect(page.get_by_role("group", name=flag["question"])).to_be_visible()
    for tier in ("today", "soon"):
        if stage(page, tier).is_visible():
            nothing_of_these(page, tier)
    expect(page.locator("[data-outcome]:visible")).to_have_count(0)
    page.get_by_role("button", name="Ergebnis zeigen").tap()
    expect(stage(page, "emergency").get_by_role("alert")).to_contain_text("Welches trifft zu?")
    page.get_by_role("group", name=QUESTION[EMERGENCY[-1]]).get_by_label("Ja").tap()
    expect(page.locator('[data-outcome="emergency"]')).to_be_visible()


def test_it_turns_nothing_into_no_after_going_back(shared_server, page):
    # Back restores the page with its form (and the module runs again unless the page was kept
    # whole); either way "Ja, eines davon" then finds no "Nein" that "Nichts davon" had set.
    page.goto(f"{shared_server.url}/de/warnzeichen/")
    nothing_of_these(page, "emergency")
    page.goto(f"{shared_server.url}/de/")
    page.go_back()
    expect(stage(page, "emergency").get_by_label("Nichts davon")).to_be_checked()
    stage(page, "emergency").get_by_label("Ja, eines davon").tap()
    for flag_id in EMERGENCY:
        expect(page.locator(f"#{flag_id}-no")).not_to_be_checked()
    expect(stage(page, "today")).to_be_hidden()


def test_it_walks_the_check_with_the_keyboard_alone(shared_server, page):
    page.goto(f"{shared_server.url}/en/warning-signs/")
    for _ in range(200):
        page.keyboard.press("Tab")
        focused = page.evaluate("[document.activeElement.name || '', document.activeElement.value]")
        if focused[0].startswith("stage-") and focused[1] == "none":
            page.keyboard.press("Space")
        if page.locator('[data-outcome="selfcare"]').is_visible():
            break
    expect(page.locator('[data-outcome="selfcare"]')).to_be_focused()
    expect(page.locator('[data-outcome="selfcare"] h1')).to_have_text(
        "All warning signs answered no"
    )


def test_it_works_with_the_server_gone(server, page):
    page.goto(f"{server.url}/de/")
    wait_for_service_worker(page)
    server.kill()
    page.locator(".check-link").tap()
    expect(page.locator("h1:visible")).to_have_text("Warnzeichen prüfen")
    one_of_these(page, "emergency", "heart-signs")
    expect(
        page.locator('[data-outcome="emergency"] a[data-call="emergency"]').first
    ).to_be_visible()


def test_it_shows_the_call_on_a_browser_without_the_newer_built_ins(browser, shared_server):
    context = browser.new_context(**PHONE)
    context.add_init_script(OLD_BROWSER)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(error))
    page.goto(f"{shared_server.url}/de/warnzeichen/")
    assert page.evaluate("typeof Object.hasOwn + typeof [].at") == "undefinedundefined"
    one_of_these(page, "emergency", "heart-signs")
    expect(page.locator('[data-outcome="emergency"]')).to_be_visible()
    assert errors == []
    context.close()


def test_it_sends_the_form_to_the_server_when_the_script_fails(browser, shared_server):
    context = browser.new_context(**PHONE)
    context.add_init_script("window.CustomEvent = undefined;")  # showing the outcome throws
    page = context.new_page()
    page.goto(f"{shared_server.url}/de/warnzeichen/")
    with page.expect_navigation():
        one_of_these(page, "emergency", "heart-signs")
    expect(page.locator('[data-outcome="emergency"]')).to_be_visible()
    expect(page.locator('[data-outcome="emergency"] [data-reasons] li')).to_have_text(
        [LABEL["heart-signs"]]
    )
    context.close()


def test_it_works_without_javascript(browser, shared_server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{shared_server.url}/de/warnzeichen/")
    page.get_by_role("button", name="Ergebnis zeigen").click()
    expect(stage(page, "emergency").get_by_role("alert")).to_be_visible()
    for tier in ("emergency", "today", "soon"):
        stage(page, tier).get_by_label("Nichts davon").check()
    page.get_by_role("button", name="Ergebnis zeigen").click()
    expect(page.locator('[data-outcome="selfcare"]')).to_be_visible()

    page.goto(f"{shared_server.url}/de/warnzeichen/")
    stage(page, "emergency").get_by_label("Nichts davon").check()
    page.get_by_role("group", name=QUESTION["fever"]).get_by_label("Ja").check()
    page.get_by_role("button", name="Ergebnis zeigen").click()
    expect(page.locator('[data-outcome="today"]')).to_be_visible()
    context.close()


def test_it_gives_a_handover_card_for_the_phone_call(shared_server, page, artifacts):
    page.goto(f"{shared_server.url}/de/schritt/move/")
    page.get_by_role("link", name="Geschafft – weiter", exact=True).tap()
    expect(page).to_have_url(f"{shared_server.url}/de/schritt/cold-heat/")
    page.goto(f"{shared_server.url}/de/warnzeichen/")
    one_of_these(page, "emergency", "severe-accident")
    card = page.locator('[data-outcome="emergency"] [data-handover]')
    expect(card).to_be_visible()
    expect(card).to_contain_text(LABEL["severe-accident"])
    expect(card).to_contain_text("Langsam umhergehen")
    expect(card).not_to_contain_text("angefangen um")  # asked, never the app's clock
    card.get_by_label("Schmerz jetzt (0 bis 10):").select_option("8")
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    card.get_by_role("button", name="Kopieren").tap()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert LABEL["severe-accident"] in copied
    assert "Schmerz jetzt (0 bis 10): 8" in copied
    page.screenshot(path=artifacts / "check-emergency-handover.png", full_page=True)

    # The card stays with the episode: the one-tap diary entry at the end keeps it as its note.
    page.goto(f"{shared_server.url}/de/besser/")
    entry = save_at_the_end(page, shared_server, before="8")
    assert entry["data"]["redflag"] == {"tier": "emergency", "reasons": ["severe-accident"]}
    assert entry["data"]["notes"] == copied


def test_it_matches_the_api(shared_server, page):
    given = {"fever": True, "weight-loss": True}
    response = page.request.post(
        f"{shared_server.url}/api/v1/firstaid/triage/",
        data=json.dumps({"lang": "de", "answers": given}),
        headers={"Content-Type": "application/json"},
    )
    expected = triage.evaluate(FLAGS, given)
    assert response.json()["tier"] == expected["tier"] is None
    assert response.json()["at_least"] == expected["at_least"] == "today"


def test_it_has_no_axe_violations_sideways_scroll_or_small_targets_on_any_stage(
    browser, shared_server, artifacts
):
    for scheme in ("light", "dark"):
        for width in (320, 360):
            context = browser.new_context(
                viewport={"width": width, "height": 740}, has_touch=True, color_scheme=scheme
            )
            page = context.new_page()
            for lang, url in (("de", "/de/warnzeichen/"), ("en", "/en/warning-signs/")):
                page.goto(shared_server.url + url)
                page.evaluate(
                    """document.querySelectorAll('details').forEach(d => d.open = true);
                       document.querySelectorAll('[data-stage], [data-questions], [data-missing]')
                         .forEach(el => el.hidden = false);"""
                )
                assert_well_laid_out(page, f"{url} questions {width} {scheme}")
                page.locator("[name=selftest-heel-toe][value=fine]").check()
                page.locator("[name=selftest-saddle][value=numb]").check()
                expect(page.locator('[data-outcome="emergency"]')).to_be_visible()
                page.screenshot(path=artifacts / f"check-emergency-{lang}-{width}-{scheme}.png")
                assert_well_laid_out(page, f"{url} emergency {width} {scheme}")
            context.close()


def assert_well_laid_out(page, where):
    assert axe_violations(page) == [], where
    width = page.evaluate("innerWidth")
    assert page.evaluate("document.documentElement.scrollWidth") <= width, where
    small = page.evaluate(
        """[...document.querySelectorAll('a, button, select, summary, .yesno label, .check')]
          .filter(el => el.checkVisibility() && !el.closest('p, dd, li li, .foot'))
          .map(el => [el.getBoundingClientRect(), el.textContent.trim().slice(0, 30)])
          .filter(([box]) => box.height < 48 || box.width < 48)
          .map(([box, text]) => `${text} ${box.width}x${box.height}`)"""
    )
    assert small == [], where


THEMES = ["light", "dark", "night"]


def themed(browser, theme, width, height):
    context = browser.new_context(
        viewport={"width": width, "height": height},
        has_touch=True,
        color_scheme="dark" if theme == "dark" else "light",
    )
    if theme == "night":
        context.add_init_script("localStorage.setItem('night', '1@' + Date.now())")
    return context


def test_it_opens_with_the_first_screens_signs_the_call_and_the_answer_in_view(
    browser, shared_server, artifacts
):
    # Item 5: the check starts as the flow's first screen does; the 13 single emergency
    # questions come only after "Ja, eines davon".
    for theme in THEMES:
        for width, height in ((360, 640), (320, 568)):
            context = themed(browser, theme, width, height)
            page = context.new_page()
            for lang, url in (("de", "/de/warnzeichen/"), ("en", "/en/warning-signs/")):
                page.goto(shared_server.url + url)
                signs = content.load(lang)["emergency"]["signs"]
                first = stage(page, "emergency")
                expect(first.locator(".emergency-signs li")).to_have_text(
                    [s["text"] for s in signs]
                )
                expect(first.locator("a.huge[data-call=emergency]")).to_be_visible()
                expect(first.locator(".question").first).to_be_hidden()
                answers = first.locator(".stage-answer label")
                expect(answers).to_have_count(2)
                where = f"{url} {width}x{height} {theme}"
                page.screenshot(path=artifacts / f"check-first-{lang}-{width}-{theme}.png")
                # Every alternative of every emergency question stands on its line (the
                # clinical review of December 2026: coughing blood, shivering), so the list
                # no longer fits 640 px with the answers: the header's call stays in view,
                # the list starts in the first screen, and the answers follow the last sign.
                header_call = page.locator("header a.call[data-call=emergency]").bounding_box()
                assert header_call["y"] >= 0 and header_call["height"] >= 44, where
                last = first.locator(".emergency-signs li").last.bounding_box()
                assert first.locator(".emergency-signs li").first.bounding_box()["y"] < height
                for box in (answers.nth(i).bounding_box() for i in range(2)):
                    assert box["y"] >= last["y"] + last["height"], where
                assert_well_laid_out(page, where)
            context.close()
