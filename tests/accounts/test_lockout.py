"""Password guessing (django-axes): five failures lock an account for 15 minutes for every
device that never logged in to it; a device that did (it holds a signed cookie) is locked only
by its own failures, so nobody can lock the person out of the phone they use, whatever address
they share with it."""

import re
from datetime import timedelta

import pytest
import time_machine
from axes.models import AccessAttempt
from django.contrib.auth.models import User
from django.core import mail
from django.test import Client, RequestFactory
from django.utils import timezone

from accounts import lockout

pytestmark = pytest.mark.django_db
PASSWORD = "Rücken-Krampf 2026"
EMAIL = "anna@example.org"
LOCKED = "Zu viele Versuche. Bitte warte 15 Minuten"
WRONG = "E-Mail-Adresse oder Passwort stimmen nicht."
NAT = "203.0.113.9"  # one carrier-NAT address for the attacker and the person alike


@pytest.fixture(autouse=True)
def anna():
    return User.objects.create_user(EMAIL, EMAIL, PASSWORD)


def from_client(address=NAT, **headers):
    return Client(REMOTE_ADDR=address, **headers)


def log_in(client, password=PASSWORD, email=EMAIL):
    return client.post("/de/konto/anmelden/", {"email": email, "password": password})


def guess(client, times=5, email=EMAIL):
    return [log_in(client, "falsch", email) for _ in range(times)]


def known_device(address=NAT):
    """A phone that logged in to Anna's account once and logged out again."""
    phone = from_client(address)
    assert log_in(phone).status_code == 302
    assert lockout.DEVICE_COOKIE in phone.cookies
    phone.post("/de/konto/abmelden/")
    return phone


def test_it_locks_the_account_for_unknown_devices_after_five_wrong_passwords():
    attacker = from_client()
    *first, fifth = guess(attacker)
    assert all(WRONG in r.content.decode() for r in first)
    assert fifth.status_code == 429
    assert LOCKED in fifth.content.decode()
    response = log_in(attacker)
    assert response.status_code == 429
    assert LOCKED in response.content.decode()
    assert attacker.get("/api/v1/auth/me/").json()["authenticated"] is False
    # Another address changes nothing: the count is the account's, not an address's.
    assert log_in(from_client("198.51.100.7")).status_code == 429


def test_it_does_not_lock_the_person_out_on_a_device_they_logged_in_with():
    phone = known_device()
    guess(from_client(), times=8)  # from the very same address
    assert log_in(phone).status_code == 302


def test_it_locks_a_known_device_by_its_own_failures_only():
    phone, laptop = known_device(), known_device()
    *_, fifth = guess(phone)
    assert fifth.status_code == 429
    assert log_in(phone).status_code == 429
    assert log_in(laptop).status_code == 302
    assert log_in(from_client()).status_code == 302  # nor the unknown devices


def test_it_counts_a_forged_or_another_accounts_device_cookie_as_unknown():
    User.objects.create_user("ben@example.org", "ben@example.org", PASSWORD)
    bens_phone = from_client()
    log_in(bens_phone, email="ben@example.org")
    bens_phone.post("/de/konto/abmelden/")
    forged = from_client()
    forged.cookies[lockout.DEVICE_COOKIE] = "x:y"
    guess(bens_phone, times=3)
    guess(forged, times=2)
    assert log_in(from_client()).status_code == 429
    assert log_in(bens_phone, email="ben@example.org").status_code == 302


def test_it_does_not_lock_other_accounts():
    User.objects.create_user("ben@example.org", "ben@example.org", PASSWORD)
    shared = from_client()
    guess(shared)
    assert log_in(shared, email="ben@example.org").status_code == 302


def test_it_ends_the_lockout_exactly_15_minutes_after_the_last_failure():
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        attacker = from_client()
        guess(attacker)
        clock.shift(timedelta(minutes=6))
        assert log_in(attacker).status_code == 429
        clock.shift(timedelta(minutes=8, seconds=55))
        assert log_in(attacker).status_code == 429  # 14:55 after, and it did not extend it
        clock.shift(timedelta(seconds=10))
        assert log_in(attacker).status_code == 302


def test_it_forgets_the_failures_after_a_successful_login():
    client = known_device()
    guess(client, times=4)
    assert log_in(client).status_code == 302
    client.post("/de/konto/abmelden/")
    responses = guess(client, times=4)
    assert all(r.status_code == 200 for r in responses)
    assert log_in(client).status_code == 302


def test_it_keeps_neither_the_address_nor_a_password_in_its_rows():
    guess(from_client(), times=2)
    (attempt,) = AccessAttempt.objects.all()
    assert EMAIL not in attempt.username
    assert EMAIL not in attempt.post_data
    assert "falsch" not in attempt.post_data


def test_it_unlocks_the_unknown_devices_when_the_password_is_reset_by_mail():
    guess(from_client())
    newcomer = from_client("198.51.100.7")
    newcomer.post("/de/konto/passwort-vergessen/", {"email": EMAIL})
    link = re.search(r"http://testserver(\S+)", mail.outbox[0].body).group(1)
    form = newcomer.get(link, follow=True)
    new = {"new_password1": "Neues Passwort 99", "new_password2": "Neues Passwort 99"}
    assert newcomer.post(form.wsgi_request.path, new).status_code == 302
    assert log_in(newcomer, "Neues Passwort 99").status_code == 302


def token(client, password=PASSWORD):
    return client.post("/api/v1/auth/token/", {"email": EMAIL, "password": password})


def test_it_locks_the_token_endpoint_with_a_structured_429():
    script = known_device()
    attacker = from_client(HTTP_ACCEPT_LANGUAGE="en")
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
    assert token(script).status_code == 200


def test_it_remembers_a_device_that_got_a_token():
    script = from_client()
    assert token(script).status_code == 200
    guess(from_client())
    assert token(script).status_code == 200


def test_it_counts_form_and_token_failures_together():
    client = from_client()
    guess(client, times=3)
    token(client, "wrong")
    token(client, "wrong")
    assert log_in(client).status_code == 429


def request_from(remote, forwarded=None):
    headers = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded else {}
    return RequestFactory().get("/", REMOTE_ADDR=remote, **headers)


def test_it_trusts_no_x_forwarded_for_by_default():
    assert lockout.client_address(request_from("10.0.0.1", "198.51.100.7")) == "10.0.0.1"


def test_it_ignores_x_forwarded_for_from_a_client_that_is_not_the_proxy(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.1"]
    # gunicorn reached directly: the header is the client's own invention.
    assert lockout.client_address(request_from("198.51.100.7", "203.0.113.9")) == "198.51.100.7"


def test_it_takes_the_address_the_trusted_proxy_saw(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.1"]
    # The client forges the left part; the proxy appends the address it saw.
    request = request_from("10.0.0.1", "192.0.2.1, 203.0.113.9")
    assert lockout.client_address(request) == "203.0.113.9"


def test_it_walks_back_through_a_chain_of_trusted_proxies(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8", "::1"]
    request = request_from("::1", "192.0.2.1, 203.0.113.9, 10.1.2.3")
    assert lockout.client_address(request) == "203.0.113.9"
    assert lockout.client_address(request_from("10.0.0.1", "junk, 10.0.0.7")) == "10.0.0.7"
    assert lockout.client_address(request_from("10.0.0.1")) == "10.0.0.1"
