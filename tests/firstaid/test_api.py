def test_it_returns_the_steps_in_german_by_default(client):
    response = client.get("/api/v1/firstaid/steps/")
    assert response.status_code == 200
    data = response.json()
    assert data["lang"] == "de"
    assert [s["id"] for s in data["steps"]][:2] == ["move", "cold-heat"]
    assert data["steps"][0]["sources"]
    assert {s["id"] for s in data["sources"]} >= {"nvl-kreuzschmerz", "nice-ng59"}


def test_it_returns_the_steps_in_english(client):
    data = client.get("/api/v1/firstaid/steps/?lang=en").json()
    assert data["lang"] == "en"
    assert data["steps"][0]["title"] == "Walk slowly"


def test_it_follows_the_browser_language_without_a_parameter(client):
    data = client.get("/api/v1/firstaid/steps/", HTTP_ACCEPT_LANGUAGE="en").json()
    assert data["lang"] == "en"


def test_it_answers_an_unknown_language_with_a_structured_400(client):
    response = client.get("/api/v1/firstaid/steps/?lang=fr", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert response.json() == {"lang": ['"fr" is not a valid choice.']}


def test_it_translates_its_errors(client):
    response = client.get("/api/v1/firstaid/steps/?lang=xx", HTTP_ACCEPT_LANGUAGE="de")
    assert response.json() == {"lang": ['"xx" ist keine gültige Option.']}


def test_it_is_read_only(client):
    assert client.post("/api/v1/firstaid/steps/", {}).status_code in (403, 405)
