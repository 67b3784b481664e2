"""Per-device API tokens (django-rest-knox): each with an expiry, listed on the account page,
ended one by one, all at once, by logout, a password change or reset, and account deletion."""

import importlib
import re
from datetime import timedelta
from types import SimpleNamespace

import pytest
import time_machine
from django.apps import apps
from django.contrib.auth.models import User
from django.core import mail
from django.db import connection
from django.test import Client
from django.utils import timezone
from knox.crypto import hash_token

from accounts.models import BrowserSession, DeviceToken

pytestmark = pytest.mark.django_db
PASSWORD = "Rücken-Krampf 2026"
EMAIL = "anna@example.org"


@pytest.fixture
def anna():
    return User.objects.create_user(EMAIL, EMAIL, PASSWORD)


def new_token(device=None, user_agent="Krampfhilfe-Skript/1.0"):
    body = {"email": EMAIL, "password": PASSWORD} | ({"device": device} if device else {})
    response = Client(HTTP_USER_AGENT=user_agent).post("/api/v1/auth/token/", body)
    assert response.status_code == 200, response.content
    return response.json()


def me(token):
    return Client(HTTP_AUTHORIZATION=f"Token {token}").get("/api/v1/auth/me/")


def signed_in(token):
    response = me(token)
    return response.status_code == 200 and response.json()["authenticated"]


def logged_in_browser():
    browser = Client()
    browser.force_login(User.objects.get(username=EMAIL))
    return browser


def test_it_gives_each_device_its_own_token_with_an_expiry(anna):
    first, second = new_token("Annas Laptop"), new_token()
    assert first["token"] != second["token"]
    assert signed_in(first["token"]) and signed_in(second["token"])
    names = set(DeviceToken.objects.values_list("name", flat=True))
    assert names == {"Annas Laptop", "Krampfhilfe-Skript/1.0"}
    expiry = timezone.datetime.fromisoformat(first["expiry"])
    assert timedelta(days=29) < expiry - timezone.now() <= timedelta(days=30)
    assert not DeviceToken.objects.filter(digest=first["token"]).exists()  # stored hashed


def test_it_shortens_a_long_device_name(anna):
    new_token(user_agent="Mozilla/5.0 " + "x" * 300)
    (name,) = DeviceToken.objects.values_list("name", flat=True)
    assert len(name) == 80 and name.endswith("…")


def test_it_ends_a_token_30_days_after_its_last_use(anna):
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        token = new_token()["token"]
        clock.shift(timedelta(days=20))
        assert signed_in(token)  # and moved on by this use
        clock.shift(timedelta(days=29))
        assert signed_in(token)
        clock.shift(timedelta(days=31))
        assert me(token).status_code == 401


def test_it_ends_every_token_when_the_password_changes(anna):
    token = new_token()["token"]
    browser = logged_in_browser()
    other_browser = logged_in_browser()
    response = browser.post(
        "/de/konto/passwort/",
        {
            "old_password": PASSWORD,
            "new_password1": "Neu und lang 2026",
            "new_password2": "Neu und lang 2026",
        },
    )
    assert response.status_code == 302
    assert me(token).status_code == 401
    assert browser.get("/api/v1/auth/me/").json()["authenticated"] is True
    assert other_browser.get("/api/v1/auth/me/").json()["authenticated"] is False


def test_it_ends_every_token_when_the_password_is_reset(anna):
    token = new_token()["token"]
    client = Client()
    client.post("/de/konto/passwort-vergessen/", {"email": EMAIL})
    (message,) = mail.outbox
    link = re.search(r"http://testserver(\S+)", message.body).group(1)
    form = client.get(link, follow=True)
    response = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": "Ganz neu 2026!", "new_password2": "Ganz neu 2026!"},
    )
    assert response.status_code == 302
    assert me(token).status_code == 401


def test_it_keeps_tokens_when_the_user_is_saved_without_a_new_password(anna):
    token = new_token()["token"]
    anna.first_name = "Anna"
    anna.save()
    assert signed_in(token)


def test_it_ends_the_token_used_for_an_api_logout(anna):
    kept, ended = new_token()["token"], new_token()["token"]
    response = Client(HTTP_AUTHORIZATION=f"Token {ended}").post("/api/v1/auth/logout/")
    assert response.status_code == 204
    assert me(ended).status_code == 401
    assert signed_in(kept)


def test_it_logs_a_browser_out_through_the_api(anna):
    browser = logged_in_browser()
    assert browser.post("/api/v1/auth/logout/").status_code == 204
    assert browser.get("/api/v1/auth/me/").json()["authenticated"] is False


def test_it_removes_the_tokens_with_the_account(anna):
    token = new_token()["token"]
    logged_in_browser().post("/de/konto/loeschen/", {"password": PASSWORD})
    assert not DeviceToken.objects.exists()
    assert me(token).status_code == 401


def test_it_lists_the_devices_on_the_account_page_and_signs_one_out(anna):
    laptop, script = new_token("Annas Laptop")["token"], new_token("Backup-Skript")["token"]
    signed_in(laptop)
    browser = logged_in_browser()
    page = browser.get("/de/konto/").content.decode()
    assert "Annas Laptop" in page and "Backup-Skript" in page
    assert "zuletzt genutzt am" in page and "noch nicht genutzt" in page and "gilt bis" in page
    device = DeviceToken.objects.get(name="Annas Laptop")
    response = browser.post("/de/konto/geraete/abmelden/", {"device": device.pk})
    assert response.headers["Location"] == "/de/konto/"
    assert me(laptop).status_code == 401
    assert signed_in(script)


def test_it_signs_out_all_other_devices_and_keeps_this_browser(anna):
    tokens = [new_token()["token"] for _ in range(3)]
    browser = logged_in_browser()
    browser.post("/de/konto/geraete/alle-abmelden/")
    assert all(me(token).status_code == 401 for token in tokens)
    assert browser.get("/api/v1/auth/me/").json()["authenticated"] is True


def test_it_does_not_sign_out_another_persons_device(anna):
    new_token()
    User.objects.create_user("ben@example.org", "ben@example.org", PASSWORD)
    ben = Client()
    ben.force_login(User.objects.get(username="ben@example.org"))
    device = DeviceToken.objects.get()
    assert ben.post("/de/konto/geraete/abmelden/", {"device": device.pk}).status_code == 404
    assert ben.get("/de/konto/geraete/abmelden/").status_code == 405
    assert DeviceToken.objects.exists()


def test_it_signs_out_devices_only_with_a_csrf_token(anna):
    new_token()
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(anna)
    assert browser.post("/de/konto/geraete/alle-abmelden/").status_code == 403
    assert DeviceToken.objects.exists()


def test_it_keeps_the_tokens_of_existing_api_clients_working(anna):
    carry_over = importlib.import_module("accounts.migrations.0002_keep_old_api_tokens").carry_over
    old_key = "0123456789abcdef0123456789abcdef01234567"
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TABLE authtoken_token (key varchar(40) PRIMARY KEY, user_id integer,"
            " created timestamp with time zone)"
            if connection.vendor == "postgresql"
            else "CREATE TABLE authtoken_token (key varchar(40) PRIMARY KEY, user_id integer,"
            " created datetime)"
        )
        cursor.execute(
            "INSERT INTO authtoken_token VALUES (%s, %s, %s)", [old_key, anna.pk, timezone.now()]
        )
    carry_over(apps, SimpleNamespace(connection=connection))
    assert signed_in(old_key)
    (device,) = DeviceToken.objects.all()
    assert device.digest == hash_token(old_key)
    assert device.expiry - timezone.now() <= timedelta(days=30)


def browser_logged_in_by_form():
    browser = Client()
    response = browser.post("/de/konto/anmelden/", {"email": EMAIL, "password": PASSWORD})
    assert response.status_code == 302
    return browser


def test_it_signs_out_the_other_browsers_too(anna):
    here, lost_phone, laptop = (browser_logged_in_by_form() for _ in range(3))
    laptop.post("/de/konto/abmelden/")
    here.post("/de/konto/geraete/alle-abmelden/")
    assert lost_phone.get("/api/v1/auth/me/").json()["authenticated"] is False
    assert here.get("/api/v1/auth/me/").json()["authenticated"] is True
    assert BrowserSession.objects.count() == 1


def test_it_does_not_take_a_token_request_for_a_browser_login(anna):
    new_token()
    assert not BrowserSession.objects.exists()
