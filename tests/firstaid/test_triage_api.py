import json

import pytest

from firstaid import content

URL = "/api/v1/firstaid/triage/"


def post(client, body, **headers):
    data = body if isinstance(body, (str, bytes)) else json.dumps(body)
    return client.post(URL, data, content_type="application/json", **headers)


def test_it_returns_the_checklist_for_a_language(client):
    data = client.get("/api/v1/firstaid/redflags/?lang=en").json()
    assert data["lang"] == "en"
    assert [f["id"] for f in data["redflags"]] == [f["id"] for f in content.load("de")["redflags"]]
    assert [o["tier"] for o in data["outcomes"]] == ["emergency", "today", "soon", "selfcare"]
    assert all(flag["sources"] and flag["why"] for flag in data["redflags"])


def test_it_refuses_a_checklist_in_an_unknown_language(client):
    response = client.get("/api/v1/firstaid/redflags/?lang=tr", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert response.json() == {"lang": ['"tr" is not a valid choice.']}


def test_it_evaluates_answers(client):
    no_emergency = {
        f["id"]: False for f in content.load("de")["redflags"] if f["tier"] == "emergency"
    }
    response = post(client, {"lang": "de", "answers": {**no_emergency, "fever": True}})
    assert response.status_code == 200
    data = response.json()
    assert data["tier"] == "today"
    assert data["reasons"] == [{"id": "fever", "label": "Fieber oder Schüttelfrost"}]
    assert data["title"] == "Heute ärztlich abklären"
    assert data["actions"]
    assert "heart-signs" not in data["unanswered"]


def test_it_uses_the_number_of_the_requested_country(client):
    data = post(client, {"lang": "de", "country": "AT", "answers": {"tearing-pain": True}}).json()
    assert data["title"] == "Notruf 144 jetzt"


def test_it_gives_no_lower_outcome_while_an_emergency_question_is_open(client):
    data = post(client, {"lang": "de", "answers": {"no-improvement": True}}).json()
    assert data["tier"] is None
    assert data["at_least"] == "soon"
    assert data["ask_next"] == "emergency"
    assert data["title"] is None


def test_it_gives_no_outcome_while_questions_are_open_and_none_is_yes(client):
    data = post(client, {"lang": "en", "answers": {"fever": False}}).json()
    assert data["tier"] is None
    assert data["title"] is None
    assert len(data["unanswered"]) == len(content.load("en")["redflags"]) - 1


def test_it_says_self_care_when_every_answer_is_no(client):
    answers = {flag["id"]: False for flag in content.load("en")["redflags"]}
    data = post(client, {"lang": "en", "answers": answers}).json()
    assert data["tier"] == "selfcare"
    assert data["unanswered"] == []


def test_it_refuses_an_unknown_question(client):
    response = post(
        client, {"answers": {"fever": True, "headache": True}}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 400
    assert response.json() == {"answers": ["Unknown question: headache"]}


@pytest.mark.parametrize("value", ["yes", 1, "true", None, [True]])
def test_it_refuses_an_answer_that_is_not_true_or_false(client, value):
    response = post(client, {"answers": {"fever": value}})
    assert response.status_code == 400
    assert "fever" in response.json()["answers"]


@pytest.mark.parametrize("body", [[], "nonsense", 42, None])
def test_it_refuses_a_body_that_is_not_an_object(client, body):
    response = post(client, json.dumps(body))
    assert response.status_code == 400
    assert response.json()


def test_it_refuses_answers_that_are_not_an_object(client):
    response = post(client, {"answers": ["fever"]})
    assert response.status_code == 400
    assert "answers" in response.json()


def test_it_refuses_a_missing_answers_field(client):
    response = post(client, {"lang": "de"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.json() == {"answers": ["This field is required."]}


def test_it_refuses_malformed_json(client):
    response = post(client, '{"answers": {"fever": tru')
    assert response.status_code == 400
    assert "detail" in response.json()


def test_it_refuses_a_wrong_language(client):
    response = post(client, {"lang": "xx", "answers": {}}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert response.json() == {"lang": ['"xx" is not a valid choice.']}


def test_it_refuses_a_huge_payload_unread(client):
    huge = json.dumps({"answers": {f"q{i}": True for i in range(100_000)}})
    response = post(client, huge, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 413
    assert response.json() == {"detail": "The request is too large."}


def test_it_refuses_other_content_types(client):
    response = client.post(URL, {"answers": "x"})
    assert response.status_code == 415


def test_it_refuses_get(client):
    assert client.get(URL).status_code == 405


def test_it_needs_no_csrf_token(client):
    client.handler.enforce_csrf_checks = True
    assert post(client, {"answers": {"fever": True}}).status_code == 200


def all_no(lang="de"):
    return {flag["id"]: False for flag in content.load(lang)["redflags"]}


def test_it_returns_the_lead_and_the_safety_net_of_the_outcome(client):
    selfcare = next(o for o in content.load("de")["outcomes"] if o["tier"] == "selfcare")
    data = post(client, {"lang": "de", "answers": all_no()}).json()
    assert data["lead"] == selfcare["lead"]
    assert "keine Diagnose" in data["lead"]
    assert data["note"] == selfcare["note"]
    # The call line of the self-care actions, filled with the number.
    assert any("sofort 112" in action for action in data["actions"])


def test_it_returns_no_note_where_the_outcome_has_none_and_no_lead_without_an_outcome(client):
    today = post(client, {"lang": "en", "answers": {**all_no("en"), "fever": True}}).json()
    assert today["lead"].startswith("You answered yes")
    assert today["note"] is None
    open_ = post(client, {"lang": "en", "answers": {"fever": False}}).json()
    assert open_["lead"] is None
    assert open_["note"] is None


def test_it_returns_the_on_call_number_its_today_outcome_points_to(client):
    answers = {**all_no(), "fever": True}
    data = post(client, {"lang": "de", "country": "DE", "answers": answers}).json()
    assert data["numbers"] == {
        "country": "DE",
        "emergency": {"number": "112", "label": "Notruf in Deutschland"},
        "on_call": [
            {
                "country": "DE",
                "country_name": "Deutschland",
                "number": "116117",
                "label": "Ärztlicher Bereitschaftsdienst",
            }
        ],
    }


def test_it_names_each_austrian_number_in_the_language_asked_for(client):
    data = post(client, {"lang": "en", "country": "AT", "answers": {"heart-signs": True}}).json()
    assert data["numbers"]["emergency"]["number"] == "144"
    assert [(line["number"], line["country"]) for line in data["numbers"]["on_call"]] == [
        ("141", "AT"),
        ("1450", "AT"),
    ]
    assert all(
        line["label"] and line["country_name"] == "Austria" for line in data["numbers"]["on_call"]
    )


def test_it_names_the_swiss_cantonal_service_without_inventing_a_number(client):
    data = post(client, {"lang": "de", "country": "CH", "answers": {"heart-signs": True}}).json()
    assert data["title"] == "Notruf 144 jetzt"
    [line] = data["numbers"]["on_call"]
    assert line["number"] is None
    assert "Kantonal" in line["label"]


def test_it_returns_every_countrys_on_call_lines_and_112_without_a_chosen_country(client):
    data = post(
        client, {"lang": "de", "answers": {"heart-signs": True}}, HTTP_ACCEPT_LANGUAGE="de-AT"
    ).json()
    assert data["numbers"]["country"] is None
    assert data["numbers"]["emergency"] == {"number": "112", "label": "112 gilt in ganz Europa."}
    assert {line["country"] for line in data["numbers"]["on_call"]} == {"DE", "AT", "CH"}
