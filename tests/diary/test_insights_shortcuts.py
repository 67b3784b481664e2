"""Faster capture: a long press on the home-screen icon offers first aid, the warning-sign check
and a new diary entry, in the language of the request."""

import json

import pytest


def manifest(client, language):
    response = client.get("/manifest.json", HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    return json.loads(response.content)


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "de",
            [
                ("Akuthilfe", "/de/notfall/"),
                ("Warnzeichen", "/de/warnzeichen/"),
                ("Neuer Eintrag", "/de/tagebuch/eintrag/"),
            ],
        ),
        (
            "en",
            [
                ("First aid", "/en/emergency/"),
                ("Warning signs", "/en/warning-signs/"),
                ("New entry", "/en/diary/entry/"),
            ],
        ),
    ],
)
def test_it_offers_three_shortcuts_on_a_long_press(client, language, expected):
    shortcuts = manifest(client, language)["shortcuts"]
    found = [(s["name"], s["url"]) for s in shortcuts]
    assert found == expected
    assert all(s["icons"][0]["sizes"] == "192x192" for s in shortcuts)
