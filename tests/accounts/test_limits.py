"""Rate limits for password-reset mails and registrations, per address and per client; a
limited reset request answers exactly like any other, so it reveals no account."""

from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth.models import User
from django.core import mail
from django.test import Client
from django.utils import timezone

pytestmark = pytest.mark.django_db
PASSWORD = "Rücken-Krampf 2026"
TOO_MANY = "Zu viele Anfragen von hier."


def reset(client, email):
    return client.post("/de/konto/passwort-vergessen/", {"email": email})


def test_it_sends_at_most_three_reset_mails_an_hour_to_one_address():
    User.objects.create_user("anna@example.org", "anna@example.org", PASSWORD)
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        responses = [
            reset(Client(REMOTE_ADDR=f"198.51.100.{n}"), "anna@example.org") for n in range(5)
        ]
        assert [r.headers["Location"] for r in responses] == [
            "/de/konto/passwort-vergessen/gesendet/"
        ] * 5
        assert len(mail.outbox) == 3
        clock.shift(timedelta(minutes=59))
        reset(Client(), "anna@example.org")
        assert len(mail.outbox) == 3
        clock.shift(timedelta(minutes=2))
        reset(Client(), "anna@example.org")
        assert len(mail.outbox) == 4


def test_it_answers_a_limited_request_like_one_for_an_unknown_address():
    User.objects.create_user("anna@example.org", "anna@example.org", PASSWORD)
    for _ in range(3):
        reset(Client(REMOTE_ADDR="198.51.100.1"), "anna@example.org")
    limited = reset(Client(REMOTE_ADDR="198.51.100.2"), "anna@example.org")
    unknown = reset(Client(REMOTE_ADDR="198.51.100.3"), "nobody@example.org")
    assert (limited.status_code, limited.headers["Location"]) == (
        unknown.status_code,
        unknown.headers["Location"],
    )


def test_it_limits_reset_requests_per_client_whatever_the_address():
    client = Client(REMOTE_ADDR="203.0.113.9")
    for n in range(10):
        assert reset(client, f"person{n}@example.org").status_code == 302
    response = reset(client, "anna@example.org")
    assert response.status_code == 429
    assert TOO_MANY in response.content.decode()
    assert reset(Client(REMOTE_ADDR="198.51.100.7"), "x@example.org").status_code == 302


def register(client, email):
    return client.post("/de/konto/registrieren/", {"email": email, "password": PASSWORD})


def test_it_limits_registrations_per_client():
    client = Client(REMOTE_ADDR="203.0.113.9")
    for n in range(10):
        assert register(client, f"bot{n}@example.org").status_code == 302
        client.logout()
    response = register(client, "bot10@example.org")
    assert response.status_code == 429
    assert TOO_MANY in response.content.decode()
    assert User.objects.count() == 10
    assert register(Client(REMOTE_ADDR="198.51.100.7"), "anna@example.org").status_code == 302


def test_it_limits_registration_attempts_per_address():
    for n in range(5):
        register(Client(REMOTE_ADDR=f"198.51.100.{n}"), "anna@example.org")
    response = register(Client(REMOTE_ADDR="198.51.100.99"), "anna@example.org")
    assert response.status_code == 429


def test_it_keeps_no_address_in_the_limits_table():
    reset(Client(), "anna@example.org")
    from accounts.models import LimitHit

    assert LimitHit.objects.count() == 2
    assert not LimitHit.objects.filter(key__contains="anna").exists()


def test_it_names_the_field_of_an_over_long_email_in_a_token_request():
    email = "a" * 200 + "@example.org"
    response = Client(HTTP_ACCEPT_LANGUAGE="en").post(
        "/api/v1/auth/token/", {"email": email, "password": "x"}
    )
    assert response.status_code == 400
    body = response.json()
    assert list(body) == ["email"]
    assert body["email"] and all(message for message in body["email"])
