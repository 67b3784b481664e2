"""Deleting the account leaves no row that names the person: besides the diary and tokens
(which go with the user), the sessions of the account's other browsers and the counted login
failures go too, and this browser forgets that it knew the account."""

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import User
from django.contrib.sessions.models import Session
from django.test import Client

from accounts import lockout
from accounts.models import BrowserSession, DeviceToken

pytestmark = pytest.mark.django_db
PASSWORD = "Rücken-Krampf 2026"
EMAIL = "anna@example.org"


def log_in(client, password=PASSWORD, email=EMAIL):
    return client.post("/de/konto/anmelden/", {"email": email, "password": password})


def test_it_removes_the_other_sessions_and_the_counted_failures():
    User.objects.create_user(EMAIL, EMAIL, PASSWORD)
    User.objects.create_user("ben@example.org", "ben@example.org", PASSWORD)
    here, laptop, ben = Client(), Client(), Client()
    assert log_in(here).status_code == 302
    assert log_in(laptop).status_code == 302
    Client().post("/api/v1/auth/token/", {"email": EMAIL, "password": PASSWORD})
    log_in(here, "falsch")  # counted for this device, a known one
    log_in(Client(), "falsch")  # and for the unknown devices
    log_in(ben, "falsch", "ben@example.org")
    assert AccessAttempt.objects.count() == 3

    response = here.post("/de/konto/loeschen/", {"password": PASSWORD})
    assert response.status_code == 302
    assert not User.objects.filter(username=EMAIL).exists()
    # Ben's row stays; Anna's went, of every device.
    assert AccessAttempt.objects.count() == 1
    assert Session.objects.count() == 0
    assert not BrowserSession.objects.exists()
    assert not DeviceToken.objects.exists()
    assert laptop.get("/api/v1/auth/me/").json()["authenticated"] is False
    assert response.cookies[lockout.DEVICE_COOKIE].value == ""
