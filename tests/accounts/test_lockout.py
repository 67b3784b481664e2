"""Password guessing (django-axes): five failures lock one account for one client, for 15
minutes; the person's own device is not locked out by somebody else's guesses."""

from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone

pytestmark = pytest.mark.django_db
PASSWORD = "Rücken-Krampf 2026"
EMAIL = "anna@example.org"
LOCKED = "Zu viele Versuche. Bitte warte 15 Minuten"
WRONG = "E-Mail-Adresse oder Passwort stimmen nicht."


@pytest.fixture(autouse=True)
def anna():
    return User.objects.create_user(EMAIL, EMAIL, PASSWORD)


def from_client(address, **headers):
    return Client(REMOTE_ADDR=address, **headers)


def log_in(client, password=PASSWORD, email=EMAIL):
    return client.post("/de/konto/anmelden/", {"email": email, "password": password})


def guess(client, times=5):
    return [log_in(client, "falsch") for _ in range(times)]


def test_it_locks_an_account_for_a_client_after_five_wrong_passwords():
    attacker = from_client("203.0.113.9")
    *first, fifth = guess(attacker)
    assert all(WRONG in r.content.decode() for r in first)
    assert fifth.status_code == 429
    assert LOCKED in fifth.content.decode()
    response = log_in(attacker)
    assert response.status_code == 429
    assert LOCKED in response.content.decode()
    assert attacker.get("/api/v1/auth/me/").json()["authenticated"] is False


def test_it_does_not_lock_the_person_out_on_their_own_device():
    guess(from_client("203.0.113.9"), times=8)
    response = log_in(from_client("198.51.100.7"))
    assert response.status_code == 302


def test_it_does_not_lock_other_accounts_for_the_guessing_client():
    User.objects.create_user("ben@example.org", "ben@example.org", PASSWORD)
    shared = from_client("203.0.113.9")
    guess(shared)
    assert log_in(shared, email="ben@example.org").status_code == 302


def test_it_ends_the_lockout_exactly_15_minutes_after_the_last_failure():
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        attacker = from_client("203.0.113.9")
        guess(attacker)
        clock.shift(timedelta(minutes=6))
        assert log_in(attacker).status_code == 429
        clock.shift(timedelta(minutes=8, seconds=55))
        assert log_in(attacker).status_code == 429  # 14:55 after, and it did not extend it
        clock.shift(timedelta(seconds=10))
        assert log_in(attacker).status_code == 302


def test_it_forgets_the_failures_after_a_successful_login():
    client = from_client("203.0.113.9")
    guess(client, times=4)
    assert log_in(client).status_code == 302
    client.post("/de/konto/abmelden/")
    responses = guess(client, times=4)
    assert all(r.status_code == 200 for r in responses)
    assert log_in(client).status_code == 302


def test_it_ignores_x_forwarded_for_unless_a_proxy_is_trusted():
    guess(from_client("10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.9"))
    response = log_in(from_client("10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.7"))
    assert response.status_code == 429


def test_it_takes_the_client_address_from_a_trusted_proxy(settings):
    settings.TRUSTED_PROXIES = 1
    # The attacker forges the left part of the header; the proxy appends what it saw.
    attacker = from_client("10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.7, 203.0.113.9")
    guess(attacker)
    assert log_in(attacker).status_code == 429
    owner = from_client("10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert log_in(owner).status_code == 302


def token(client, password=PASSWORD):
    return client.post("/api/v1/auth/token/", {"email": EMAIL, "password": password})


def test_it_locks_the_token_endpoint_with_a_structured_429():
    attacker = from_client("203.0.113.9", HTTP_ACCEPT_LANGUAGE="en")
    responses = [token(attacker, "wrong") for _ in range(5)]
    assert [r.status_code for r in responses] == [400, 400, 400, 400, 429]
    assert responses[0].json() == {
        "non_field_errors": ["The email address or password is not right."]
    }
    response = token(attacker)
    assert response.status_code == 429
    assert response.json() == {
        "detail": "Too many attempts. Please wait 15 minutes, then try again."
    }
    assert response["Retry-After"] == "900"
    assert token(from_client("198.51.100.7")).status_code == 200


def test_it_counts_form_and_token_failures_together():
    client = from_client("203.0.113.9")
    guess(client, times=3)
    token(client, "wrong")
    token(client, "wrong")
    assert log_in(client).status_code == 429
