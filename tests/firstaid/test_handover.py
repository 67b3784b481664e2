"""The handover card as the server renders it, readable without JavaScript (review 2026-12
finding 16, phone walk M5; MEDICAL.md "Self-tests and the phone call")."""

import re

from django.utils.html import escape

from firstaid import content


def card(body, tier):
    outcome = body[body.index(f'data-outcome="{tier}"') :]
    return outcome[outcome.index("data-handover>") : outcome.index("</section>")]


def all_no():
    return {flag["id"]: "no" for flag in content.load("de")["redflags"]}


def post(client, **answers):
    return client.post("/de/warnzeichen/", {**all_no(), **answers}).content.decode()


def test_it_leads_with_where_and_asks_since_when_instead_of_the_apps_clock(client):
    text = card(post(client, **{"heart-signs": "yes"}), "emergency")
    first = text[text.index("<li") :].split("</li>")[0]
    assert "Wo bin ich:" in first
    assert 'data-handover-field="where"' in first
    assert "Seit wann:" in text
    assert "seit gestern" in text
    assert "angefangen um" not in text
    assert "Ich rufe an unter" not in text
    assert "Leg nicht auf, bis die Leitstelle es sagt." in text


def test_it_never_sends_the_address_or_the_age_with_the_form(client):
    body = post(client, **{"heart-signs": "yes"})
    form = body[body.index('id="redflag-form"') :].split("</form>")[0]
    assert "data-handover" not in form
    for field in re.findall(r"<input[^>]*data-handover-field[^>]*>", body):
        assert " name=" not in field, field


def test_it_lists_every_yes_of_every_tier_not_only_the_top_one(client):
    labels = {flag["id"]: flag["label"] for flag in content.load("de")["redflags"]}
    body = post(client, **{"heart-signs": "yes", "fever": "yes", "weight-loss": "yes"})
    reasons = card(body, "emergency").split("data-handover-reasons>")[1].split("</ul>")[0]
    assert re.findall(r"<li>(.*?)</li>", reasons) == [
        escape(labels[i]) for i in ("heart-signs", "fever", "weight-loss")
    ]


def test_it_names_heat_and_cold_for_what_was_done(client):
    text = card(post(client, **{"fever": "yes"}), "today")
    assert 'data-choice="cold-heat" data-option-heat="Wärme" data-option-cold="Kälte"' in text


def test_it_lists_the_signs_a_self_test_found_like_a_tapped_yes(client):
    # Review 2026-12 (issue 16) finding 6: fever tapped, then a foot drops in the heel-toe test.
    labels = {flag["id"]: flag["label"] for flag in content.load("de")["redflags"]}
    body = client.post(
        "/de/warnzeichen/", {"fever": "yes", "selftest-heel-toe": "one"}
    ).content.decode()
    reasons = card(body, "emergency").split("data-handover-reasons>")[1].split("</ul>")[0]
    found = re.findall(r"<li>(.*?)</li>", reasons)
    assert escape(labels["leg-paralysis"]) in found
    assert escape(labels["fever"]) in found
