import json
import re

from django.utils.html import escape

from firstaid import content


def visible_outcome(body):
    """The tier of the outcome section the page shows (not hidden), if any."""
    shown = [
        tier
        for tier in ("emergency", "today", "soon", "selfcare")
        if f'data-outcome="{tier}" aria-labelledby="outcome-{tier}" tabindex="-1">' in body
    ]
    assert len(shown) <= 1
    return shown[0] if shown else None


def test_it_asks_every_question_as_a_labelled_yes_no_choice(client):
    body = client.get("/de/warnzeichen/").content.decode()
    for flag in content.load("de")["redflags"]:
        assert f"<legend>{escape(flag['question'])}</legend>" in body
        assert f'<label for="{flag["id"]}-yes">Ja</label>' in body
        assert f'<label for="{flag["id"]}-no">Nein</label>' in body
        assert f'href="/de/ueber/#warum-{flag["id"]}"' in body
    assert visible_outcome(body) is None


def test_it_says_why_each_question_is_asked_on_the_stored_about_page(client):
    # The reasons left the check's page for its first-round-trip budget (14 KB); each question
    # links to its reason and sources there.
    about = client.get("/de/ueber/").content.decode()
    for flag in content.load("de")["redflags"]:
        reason = about.split(f'id="warum-{flag["id"]}"')[1].split("</dd>")[0]
        assert escape(flag["why"]) in reason


def test_it_puts_the_most_urgent_questions_first(client):
    body = client.get("/en/warning-signs/").content.decode()
    tiers = [flag["tier"] for flag in content.load("en")["redflags"]]
    positions = {tier: body.index(f'data-tier="{tier}"') for tier in set(tiers)}
    assert positions["emergency"] < positions["today"] < positions["soon"]


def test_it_hands_triage_js_the_order_of_the_tiers_from_the_content(client):
    # triage.js keeps no copy of the order: a page handing over another one would rank wrongly.
    for path in ("/de/warnzeichen/", "/en/warning-signs/"):
        body = client.get(path).content.decode()
        block = re.search(r'<script id="triage-data" type="application/json">(.*?)</script>', body)
        assert json.loads(block[1])["tiers"] == list(content.TIERS)


def test_it_evaluates_the_answers_without_javascript(client):
    form = {"stage-emergency": "none", "fever": "yes", "no-improvement": "yes"}
    body = client.post("/de/warnzeichen/", form).content.decode()
    assert visible_outcome(body) == "today"
    assert "<li>Fieber oder Schüttelfrost</li>" in body
    assert 'id="fever-yes" value="yes" checked' in body


def test_it_shows_the_emergency_outcome_with_the_number_of_the_country(client):
    client.cookies["country"] = "AT"
    body = client.post("/de/warnzeichen/", {"saddle-numbness": "yes"}).content.decode()
    assert visible_outcome(body) == "emergency"
    assert 'class="button danger giant" href="tel:144"' in body


def test_it_asks_for_the_open_questions_before_saying_self_care(client):
    form = {"stage-emergency": "none", "stage-today": "none", "fever": "no"}
    body = client.post("/de/warnzeichen/", form).content.decode()
    assert visible_outcome(body) is None
    assert missing_notice(body) == "soon"


def test_it_shows_no_lower_outcome_while_an_emergency_question_is_open(client):
    # Finding 3: one minor "yes" with the emergency signs unanswered used to say "soon".
    body = client.post("/de/warnzeichen/", {"no-improvement": "yes"}).content.decode()
    assert visible_outcome(body) is None
    assert missing_notice(body) == "emergency"
    assert '<span data-at-least-tier="soon">Bald ärztlich abklären</span>' in body


def test_it_reaches_self_care_with_three_nothing_of_these(client):
    form = {f"stage-{tier}": "none" for tier in ("emergency", "today", "soon")}
    body = client.post("/de/warnzeichen/", form).content.decode()
    assert visible_outcome(body) == "selfcare"
    assert "Alle Warnzeichen mit Nein beantwortet" in body


def test_it_keeps_a_yes_when_its_stage_says_nothing_of_these(client):
    form = {f"stage-{tier}": "none" for tier in ("emergency", "today", "soon")}
    body = client.post("/de/warnzeichen/", {**form, "heart-signs": "yes"}).content.decode()
    assert visible_outcome(body) == "emergency"


def test_it_fills_the_questions_from_the_self_tests(client):
    body = client.post("/de/warnzeichen/", {"selftest-saddle": "numb"}).content.decode()
    assert visible_outcome(body) == "emergency"
    # "Ein Fuß sackt ab oder ein Bein knickt weg" is a sudden paralysis: the call (MEDICAL.md).
    form = {"stage-emergency": "none", "selftest-heel-toe": "one"}
    body = client.post("/de/warnzeichen/", form).content.decode()
    assert visible_outcome(body) == "emergency"


def test_it_leaves_the_questions_open_when_a_self_test_cannot_be_tried(client):
    form = {"selftest-saddle": "", "selftest-heel-toe": ""}
    body = client.post("/de/warnzeichen/", form).content.decode()
    assert visible_outcome(body) is None
    assert missing_notice(body) == "emergency"


def test_it_keeps_a_stage_open_that_says_one_of_these_without_javascript(client):
    # Finding 1: the form ignored "stage-emergency=some"; with every question "no" and the two
    # other stages "Nichts davon" it said "Alle Warnzeichen mit Nein beantwortet".
    emergency = [f["id"] for f in content.load("de")["redflags"] if f["tier"] == "emergency"]
    form = {"stage-emergency": "some", "stage-today": "none", "stage-soon": "none"}
    for given in (form, form | dict.fromkeys(emergency, "no")):
        body = client.post("/de/warnzeichen/", given).content.decode()
        assert visible_outcome(body) is None
        assert missing_notice(body) == "emergency"
        assert "<p data-which>Welches trifft zu?" in body
    body = client.post("/de/warnzeichen/", form | {emergency[0]: "yes"}).content.decode()
    assert visible_outcome(body) == "emergency"


def test_it_ticks_only_the_radios_the_person_tapped(client):
    # Sent back with the stage or the test changed, a "no" that "Nichts davon" or a self-test
    # filled in must not come back as an answer (findings 1 and 6, without JavaScript).
    form = {"stage-emergency": "none", "selftest-heel-toe": "fine", "fever": "no"}
    body = client.post("/de/warnzeichen/", form).content.decode()
    assert 'value="no" checked' in body.split('id="fever-no"')[1][:40]
    assert body.count('value="no" checked') == 1


def test_it_asks_each_question_as_one_thing_without_an_added_condition():
    # Findings 1, 2 and 13: "… and you can hardly move" let someone who fell hard answer "no".
    questions = {flag["id"]: flag["question"] for flag in content.load("de")["redflags"]}
    # Examples of "schwer" (finding 15) may follow; no further condition may.
    assert questions["severe-accident"].startswith(
        "Begann der Schmerz nach einem schweren Sturz oder Unfall"
    )
    assert " und " not in questions["severe-accident"]
    assert "wandert" not in questions["tearing-pain"]
    assert "Schulterblättern" in questions["heart-signs"]
    assert "seit Wochen" in questions["morning-stiffness"]
    assert "er schnell schwächer" not in questions["leg-paralysis"]
    for lang in ("de", "en"):
        for flag in content.load(lang)["redflags"]:
            for word in (
                "Flanke",
                "flank",
                "bakteriell",
                "bacterial",
                "Reithosen",
                "älter sind",
                "older",
            ):
                assert word not in flag["question"], (flag["id"], word)


def test_it_asks_about_pregnancy_as_an_emergency_sign():
    flags = {flag["id"]: flag for flag in content.load("de")["redflags"]}
    assert flags["pregnancy"]["tier"] == "emergency"
    assert "schwanger" in flags["pregnancy"]["question"]


def missing_notice(body):
    """The stage whose "answer these first" notice the page shows."""
    shown = [
        tier
        for tier in ("emergency", "today", "soon")
        if body.split(f'id="stage-{tier}"')[1].split("data-missing")[1].startswith(">")
    ]
    assert len(shown) <= 1
    return shown[0] if shown else None


def test_it_says_self_care_only_when_every_answer_is_no(client):
    answers = {flag["id"]: "no" for flag in content.load("de")["redflags"]}
    body = client.post("/de/warnzeichen/", answers).content.decode()
    assert visible_outcome(body) == "selfcare"
    assert content.load("de")["disclaimer"] in body


def test_it_needs_no_csrf_token_for_the_check(client):
    client.handler.enforce_csrf_checks = True
    assert client.post("/de/warnzeichen/", {"fever": "yes"}).status_code == 200


def test_it_links_the_check_from_every_page_header(client):
    for url in ["/de/", "/de/schritt/move/", "/en/about/"]:
        body = client.get(url).content.decode()
        assert 'class="check-link" href="/' in body


def test_it_puts_the_number_only_where_the_text_asks_for_it(client):
    body = client.get("/en/warning-signs/").content.decode()
    assert '<h1 id="outcome-selfcare">All warning signs answered no</h1>' in body
    assert 'Call <span data-number="emergency">112</span> now</h1>' in body
