"""Deeply nested JSON answers 400 on every endpoint that takes a body, logged in or not: Python's
json module recurses once per level and would raise RecursionError (a 500)."""

import pytest
from django.contrib.auth.models import User
from django.test import Client

pytestmark = pytest.mark.django_db
LEVELS = 100_000


def nested(levels):
    return "[" * levels + "]" * levels


def post_operations(client):
    schema = client.get("/api/v1/schema/?format=json").json()
    return sorted(path for path, operations in schema["paths"].items() if "post" in operations)


@pytest.fixture(params=["anonymous", "logged in"])
def client(request):
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    if request.param == "logged in":
        client.force_login(User.objects.create_user("anna@example.org", "anna@example.org", "x"))
    return client


def test_it_knows_every_endpoint_that_takes_a_body(client):
    assert post_operations(client) == [
        "/api/v1/auth/logout/",
        "/api/v1/auth/token/",
        "/api/v1/diary/sync/",
        "/api/v1/firstaid/triage/",
    ]


def test_it_answers_deeply_nested_json_with_400_everywhere(client):
    for path in post_operations(client):
        # The triage takes 16 KB at most, which still holds 8,000 levels.
        body = nested(8_000 if path.endswith("/triage/") else LEVELS)
        response = client.post(path, body, content_type="application/json")
        if path.endswith("/logout/"):
            assert response.status_code == 204  # reads no body
            continue
        if path.endswith("/diary/sync/") and not client.session.get("_auth_user_id"):
            assert response.status_code == 401  # refused before the body is read
            continue
        assert response.status_code == 400, (path, response.content[:200])
        assert response.json() == {"detail": "The JSON is nested too deeply."}, path


def test_it_refuses_100000_levels_for_the_triage_as_too_large(client):
    response = client.post(
        "/api/v1/firstaid/triage/", nested(LEVELS), content_type="application/json"
    )
    assert response.status_code == 413
