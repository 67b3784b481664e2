"""Registration says nothing about whether an address has an account: the same answer for a
new and a taken address, and a mail that only the address's owner reads (a confirmation link,
or a notice that the account exists). An account is usable only after its link."""

from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth.models import User
from django.core import mail
from django.test import Client
from django.utils import timezone

from tests.accounts.helpers import PASSWORD, mailed_link, register

pytestmark = pytest.mark.django_db
EMAIL = "anna@example.org"
UNCONFIRMED = "Dein Konto ist noch nicht bestätigt."
WRONG = "E-Mail-Adresse oder Passwort stimmen nicht."


def log_in(client, password=PASSWORD, email=EMAIL):
    return client.post("/de/konto/anmelden/", {"email": email, "password": password})


def test_it_answers_a_taken_address_as_a_new_one():
    User.objects.create_user("ben@example.org", "ben@example.org", PASSWORD)
    new, taken = Client(), Client()
    answers = [register(new, EMAIL), register(taken, "ben@example.org", "Anderes Passwort 7")]
    assert [(r.status_code, r.headers["Location"]) for r in answers] == [
        (302, "/de/konto/registrieren/gesendet/")
    ] * 2
    pages = [
        c.get(r.headers["Location"]).content.decode()
        for c, r in zip([new, taken], answers, strict=True)
    ]
    assert pages[0] == pages[1]
    assert "Wir haben dir eine E-Mail geschickt." in pages[0]
    # Only the owners' mailboxes tell the two apart.
    confirm, notice = mail.outbox
    assert (confirm.to, notice.to) == ([EMAIL], ["ben@example.org"])
    assert confirm.subject == "Krampfhilfe: bestätige dein Konto"
    assert notice.subject == "Krampfhilfe: du hast schon ein Konto"
    assert "http://testserver/de/konto/anmelden/" in notice.body
    assert "http://testserver/de/konto/passwort-vergessen/" in notice.body
    # Nobody is logged in, and Ben's password is his own.
    assert not any(c.get("/api/v1/auth/me/").json()["authenticated"] for c in (new, taken))
    assert User.objects.get(username="ben@example.org").check_password(PASSWORD)


def test_it_makes_the_account_usable_only_after_the_link(client):
    register(client, EMAIL)
    response = log_in(client)
    assert response.status_code == 200
    assert UNCONFIRMED in response.content.decode()
    assert WRONG in log_in(client, "falsch").content.decode()  # says nothing without it
    confirmed = client.get(mailed_link(mail.outbox[0]), follow=True)
    assert confirmed.redirect_chain[-1][0] == "/de/konto/anmelden/"
    assert "Deine E-Mail-Adresse ist bestätigt." in confirmed.content.decode()
    assert client.get("/api/v1/auth/me/").json()["authenticated"] is False  # the link is no login
    assert log_in(client).status_code == 302
    assert client.get(mailed_link(mail.outbox[0])).status_code == 400  # once only


def test_it_answers_the_api_like_the_form_for_an_unconfirmed_account():
    register(Client(), EMAIL)
    api = Client(HTTP_ACCEPT_LANGUAGE="en")
    response = api.post("/api/v1/auth/token/", {"email": EMAIL, "password": PASSWORD})
    assert response.status_code == 400
    (message,) = response.json()["non_field_errors"]
    assert message.startswith("Your account is not confirmed yet.")


def test_it_ends_a_link_when_the_address_is_registered_again(client):
    register(client, EMAIL, "Erstes Passwort 1")
    register(client, EMAIL, "Zweites Passwort 2")
    first, second = (mailed_link(m) for m in mail.outbox)
    assert client.get(first).status_code == 400
    assert client.get(second).status_code == 302
    assert log_in(client, "Zweites Passwort 2").status_code == 302
    assert User.objects.count() == 1


def test_it_refuses_a_forged_link(client):
    register(client, EMAIL)
    link = mailed_link(mail.outbox[0])
    assert client.get(link[:-3] + "abc/").status_code == 400
    assert client.get("/de/konto/bestaetigen/zzzz/abc-def/").status_code == 400
    assert not User.objects.get().is_active


def test_it_removes_a_registration_whose_link_died():
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        register(Client(), EMAIL)
        clock.shift(timedelta(hours=23))
        register(Client(), "ben@example.org")
        assert User.objects.count() == 2
        clock.shift(timedelta(hours=2))
        register(Client(), "carla@example.org")
        assert sorted(User.objects.values_list("username", flat=True)) == [
            "ben@example.org",
            "carla@example.org",
        ]
        clock.shift(timedelta(hours=23))
        register(Client(), "carla@example.org")  # a new link, a new day for Carla
        clock.shift(timedelta(hours=2))
        register(Client(), "dora@example.org")
        assert sorted(User.objects.values_list("username", flat=True)) == [
            "carla@example.org",
            "dora@example.org",
        ]


def test_it_writes_the_mails_in_the_persons_language():
    User.objects.create_user("ben@example.org", "ben@example.org", PASSWORD)
    register(Client(), EMAIL, lang="en")
    register(Client(), "ben@example.org", lang="en")
    confirm, notice = mail.outbox
    assert confirm.subject == "Krampfhilfe: confirm your account"
    assert "http://testserver/en/account/confirm/" in confirm.body
    assert notice.subject == "Krampfhilfe: you already have an account"
    assert "http://testserver/en/account/login/" in notice.body
