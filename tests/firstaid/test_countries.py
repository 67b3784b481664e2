"""Emergency numbers by the chosen country only; 112 when none is chosen (docs/medical.md "Numbers")."""

import re

import pytest
from django.test import RequestFactory

from firstaid import countries


@pytest.mark.parametrize("accept", ["de-AT,de", "de-CH", "fr-CH", "en-GB", ""])
def test_it_never_guesses_the_country_from_the_browsers_language(accept):
    request = RequestFactory().get("/", HTTP_ACCEPT_LANGUAGE=accept)
    assert countries.from_request(request) is None
    assert countries.emergency(countries.from_request(request)) == "112"


@pytest.mark.parametrize("cookie,code", [("AT", "AT"), ("ch", "CH"), ("XX", None), ("", None)])
def test_it_takes_the_country_the_person_chose(cookie, code):
    request = RequestFactory().get("/", HTTP_ACCEPT_LANGUAGE="de-DE")
    request.COOKIES["country"] = cookie
    assert countries.from_request(request) == code


def test_it_gives_the_browser_every_emergency_number_and_112_for_no_country():
    numbers = countries.numbers()
    assert numbers[""] == {"emergency": "112", "where": ""}
    assert {code: n["emergency"] for code, n in numbers.items() if code} == {
        "DE": "112",
        "AT": "144",
        "CH": "144",
    }
    assert numbers["AT"]["where"] == "Rettung in Österreich"
    assert all(set(n) == {"emergency", "where"} for n in numbers.values())


def call_block(body):
    start = body.index('<a class="button danger huge"')
    return body[start : body.index("</p>", start)]


def doctor_block(body):
    start = body.index("data-doctor-call")
    return body[start : body.index("</ul>", start)]


@pytest.mark.parametrize("accept", ["de-DE", "de-AT", "de-CH"])
def test_it_shows_112_and_every_countrys_doctor_line_without_a_chosen_country(client, accept):
    body = client.get("/de/notfall/", HTTP_ACCEPT_LANGUAGE=accept).content.decode()
    call = call_block(body)
    assert 'href="tel:112" data-call="emergency"' in call
    assert "112 gilt in ganz Europa." in call
    assert ">Land wählen</a>" in call
    assert 'href="/de/einstellungen/?next=/de/notfall/"' in call
    doctors = doctor_block(body)
    for name in ("Deutschland:", "Österreich:", "Schweiz:"):
        assert name in doctors
    assert " hidden" not in doctors
    assert "Kantonaler ärztlicher Notfalldienst oder deine Hausarztpraxis" in doctors
    assert "Bereitschaftsdienst" not in doctors.split("Schweiz:")[1]


def test_it_makes_every_on_call_number_a_tel_link(client):
    doctors = doctor_block(client.get("/de/notfall/").content.decode())
    shown = re.findall(r">(?:<span[^>]*>[^<]*</span>)?(\d{3,})</a>", doctors)
    assert shown == ["116117", "141", "1450"]
    for number in shown:
        assert f'href="tel:{number}"' in doctors
    # No number in plain text outside a link.
    assert re.findall(r"\d{3,}", re.sub(r"<a .*?</a>", "", doctors)) == []


@pytest.mark.parametrize(
    "country,emergency,where,doctors",
    [
        ("AT", "144", "Rettung in Österreich", ["141", "1450"]),
        ("CH", "144", "Rettung in der Schweiz", []),
        ("DE", "112", "Notruf in Deutschland", ["116117"]),
    ],
)
def test_it_names_the_chosen_country_under_the_call(client, country, emergency, where, doctors):
    client.cookies["country"] = country
    body = client.get("/de/notfall/", HTTP_ACCEPT_LANGUAGE="de-DE").content.decode()
    call = call_block(body)
    assert f'href="tel:{emergency}" data-call="emergency"' in call
    assert f'<strong data-number="emergency">{emergency}</strong>: <span data-where>{where}' in call
    assert "112 gilt in ganz Europa." in call
    assert ">Land ändern</a>" in call
    shown = doctor_block(body).split(f'data-country="{country}">')[1].split("</li>")[0]
    assert re.findall(r'href="tel:(\d+)"', shown) == doctors
    assert body.count('<li data-country="') == 3
    assert body.count('" hidden>') >= 2  # the other two countries' lines, for country.js


def test_it_says_it_in_english_too(client):
    body = client.get("/en/emergency/").content.decode()
    assert 'Call <span data-number="emergency">112</span> now' in body
    assert "112 works across Europe." in body
    assert "Cantonal emergency doctor service or your GP practice" in body


def test_it_renders_the_call_partial_on_the_emergency_outcome(client):
    client.cookies["country"] = "CH"
    body = client.post("/de/warnzeichen/", {"heart-signs": "yes"}).content.decode()
    assert 'class="button danger giant" href="tel:144" data-call="emergency"' in body
    assert "Rettung in der Schweiz" in body
    assert 'href="/de/einstellungen/?next=/de/warnzeichen/"' in body


def test_it_offers_to_undo_the_choice(client):
    client.cookies["country"] = "AT"
    page = client.get("/de/einstellungen/").content.decode()
    assert 'value="AT" checked' in page
    assert 'value=""> Nicht festgelegt (112)' in page
    response = client.get("/de/einstellungen/?country=&next=/de/notfall/")
    assert response.headers["Location"] == "/de/notfall/"
    assert response.cookies["country"].value == ""
    assert response.cookies["country"]["max-age"] == 0
    client.cookies.pop("country")
    assert 'value="" checked' in client.get("/de/einstellungen/").content.decode()


def test_it_keeps_the_page_for_an_unknown_country(client):
    response = client.get("/de/einstellungen/?country=FR")
    assert response.status_code == 200
    assert "country" not in response.cookies


def test_it_uses_112_in_the_api_for_an_austrian_browser_without_a_country(client):
    data = client.post(
        "/api/v1/firstaid/triage/",
        {"lang": "de", "answers": {"heart-signs": True}},
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="de-AT",
    ).json()
    assert data["title"] == "Notruf 112 jetzt"
