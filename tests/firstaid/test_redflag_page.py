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
        assert escape(flag["why"]) in body
    assert visible_outcome(body) is None


def test_it_puts_the_most_urgent_questions_first(client):
    body = client.get("/en/warning-signs/").content.decode()
    tiers = [flag["tier"] for flag in content.load("en")["redflags"]]
    positions = {tier: body.index(f'data-tier="{tier}"') for tier in set(tiers)}
    assert positions["emergency"] < positions["today"] < positions["soon"]


def test_it_evaluates_the_answers_without_javascript(client):
    body = client.post("/de/warnzeichen/", {"fever": "yes", "cramp-long": "yes"}).content.decode()
    assert visible_outcome(body) == "today"
    assert "<li>Fieber oder Schüttelfrost</li>" in body
    assert 'id="fever-yes" value="yes" checked' in body


def test_it_shows_the_emergency_outcome_with_the_number_of_the_country(client):
    client.cookies["country"] = "AT"
    body = client.post("/de/warnzeichen/", {"saddle-numbness": "yes"}).content.decode()
    assert visible_outcome(body) == "emergency"
    assert 'class="button danger giant" href="tel:144"' in body


def test_it_asks_for_the_open_questions_before_saying_self_care(client):
    body = client.post("/de/warnzeichen/", {"fever": "no"}).content.decode()
    assert visible_outcome(body) is None
    assert "29 Fragen sind noch offen." in body


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
    assert '<h1 id="outcome-selfcare">Self-care is fine for now</h1>' in body
    assert 'Call <span data-number="emergency">112</span> now</h1>' in body
