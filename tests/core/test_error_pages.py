"""The pages people see when something goes wrong are the app's own, in their language."""

import pytest

from firstaid import content

pytestmark = pytest.mark.django_db


@pytest.fixture
def strict_client(client):
    client.handler.enforce_csrf_checks = True
    return client


def test_it_explains_a_refused_form_and_leads_back_to_it(strict_client):
    response = strict_client.post(
        "/de/konto/registrieren/",
        {"email": "anna@example.org"},
        headers={"referer": "http://testserver/de/konto/registrieren/"},
    )
    assert response.status_code == 403
    page = response.content.decode()
    assert "Formular abgelaufen" in page
    assert 'href="http://testserver/de/konto/registrieren/"' in page
    assert 'href="tel:112"' in page  # the call button stays, as on every page


def test_it_explains_a_refused_form_in_english(strict_client):
    response = strict_client.post("/en/account/register/", {"email": "anna@example.org"})
    assert response.status_code == 403
    assert "Form expired" in response.content.decode()


def test_it_never_leads_back_to_another_site(strict_client):
    response = strict_client.post(
        "/de/konto/registrieren/", headers={"referer": "https://evil.example/form/"}
    )
    page = response.content.decode()
    assert "evil.example" not in page
    assert 'href="/"' in page


def test_it_answers_an_unknown_page_with_a_way_to_first_aid(client):
    response = client.get("/de/gibt-es-nicht/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "Seite nicht gefunden" in page
    assert 'href="/de/notfall/"' in page


def test_it_answers_an_unknown_api_path_with_json(client):
    response = client.get("/api/v1/gibt-es-nicht/")
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}


@pytest.mark.parametrize("url", ["/de/gibt-es-nicht/", "/de/konto/", "/de/konto/anmelden/"])
def test_it_says_on_every_page_that_the_app_does_not_replace_a_doctor(client, url):
    assert content.load("de")["disclaimer"] in client.get(url).content.decode()
