import re

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.views.debug import SafeExceptionReporterFilter

from diary import schema
from diary.models import Entry
from tests.accounts.helpers import PASSWORD, register, sign_up
from tests.diary.helpers import change

pytestmark = pytest.mark.django_db


def test_it_registers_with_email_and_password_and_logs_in_once_confirmed(client):
    response = register(client, "Anna@Example.org")
    assert response.status_code == 302
    assert response.headers["Location"] == "/de/konto/registrieren/gesendet/"
    user = User.objects.get()
    assert (user.username, user.email) == ("anna@example.org", "anna@example.org")
    assert client.get("/api/v1/auth/me/").json()["authenticated"] is False
    sign_up(client, "anna@example.org")  # a second registration, then the link and the login
    assert client.get("/api/v1/auth/me/").json() == {
        "authenticated": True,
        "email": "anna@example.org",
        "account": user.pk,  # whose diary a phone holds (issue 17)
        "sync_batch": schema.BATCH_LIMIT,  # how many changes the device may send at once
    }


def test_it_refuses_a_weak_password(client):
    body = register(client, password="12345678").content.decode()
    assert "Dieses Passwort ist zu üblich." in body or "komplett aus Ziffern" in body
    assert not User.objects.exists()


def test_it_logs_in_and_out(client):
    sign_up(client)
    client.post("/de/konto/abmelden/")
    assert client.get("/api/v1/auth/me/").json()["authenticated"] is False
    response = client.post(
        "/de/konto/anmelden/", {"email": "ANNA@example.org", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert client.get("/api/v1/auth/me/").json()["authenticated"] is True


def test_it_logs_out_only_by_post(client):
    sign_up(client)
    assert client.get("/de/konto/abmelden/").status_code == 405
    response = client.post("/de/konto/abmelden/")
    assert response.headers["Location"] == "/de/konto/?signed-out=1"


def test_it_changes_the_password(client):
    sign_up(client)
    response = client.post(
        "/de/konto/passwort/",
        {
            "old_password": PASSWORD,
            "new_password1": "Neues Passwort 99",
            "new_password2": "Neues Passwort 99",
        },
    )
    assert response.status_code == 302
    assert User.objects.get().check_password("Neues Passwort 99")


def test_it_resets_a_forgotten_password_by_email(client):
    sign_up(client)
    client.logout()
    client.post("/de/konto/passwort-vergessen/", {"email": "anna@example.org"})
    (message,) = mail.outbox
    link = re.search(r"http://testserver(\S+)", message.body).group(1)
    form = client.get(link, follow=True)
    response = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": "Ganz neu 2026!", "new_password2": "Ganz neu 2026!"},
    )
    assert response.status_code == 302
    assert User.objects.get().check_password("Ganz neu 2026!")


def test_it_does_not_say_whether_an_address_has_an_account(client):
    response = client.post("/de/konto/passwort-vergessen/", {"email": "nobody@example.org"})
    assert response.status_code == 302
    assert mail.outbox == []


def test_it_deletes_the_account_with_all_its_data(client):
    sign_up(client)
    user = User.objects.get()
    client.post(
        "/api/v1/diary/sync/",
        {"cursor": 0, "changes": [change(notes="weg damit")]},
        content_type="application/json",
    )
    assert Entry.objects.filter(user=user).count() == 1
    body = client.post("/de/konto/loeschen/", {"password": "wrong"}).content.decode()
    assert "Das Passwort stimmt nicht." in body
    response = client.post("/de/konto/loeschen/", {"password": PASSWORD})
    assert response.headers["Location"] == "/de/konto/?signed-out=1"
    assert not User.objects.exists()
    assert not Entry.objects.exists()
    assert client.get("/api/v1/auth/me/").json()["authenticated"] is False


def test_it_needs_a_login_to_delete_or_change_the_password(client):
    assert client.get("/de/konto/loeschen/").headers["Location"].startswith("/de/konto/anmelden/")
    assert client.get("/de/konto/passwort/").headers["Location"].startswith("/de/konto/anmelden/")


def test_it_protects_the_account_forms_with_csrf(client):
    client.handler.enforce_csrf_checks = True
    assert register(client).status_code == 403


def test_it_does_not_redirect_to_another_site_after_login(client):
    sign_up(client)
    client.logout()
    response = client.post(
        "/de/konto/anmelden/",
        {"email": "anna@example.org", "password": PASSWORD, "next": "https://evil.example/"},
    )
    assert response.headers["Location"] == "/de/tagebuch/"


@pytest.mark.parametrize(
    ("path", "form"),
    [
        ("/de/konto/anmelden/", {"email": "anna@example.org", "password": "wrong"}),
        ("/de/konto/registrieren/", {"email": "bert@example.org", "password": "123"}),
        ("/de/konto/loeschen/", {"password": "wrong"}),
    ],
)
def test_it_keeps_passwords_out_of_error_reports_and_caches(client, path, form):
    sign_up(client)
    if "loeschen" not in path:
        client.logout()
    response = client.post(path, form)
    assert response.status_code == 200
    # What Django's error mail and debug page would show of the request's form.
    shown = SafeExceptionReporterFilter().get_post_parameters(response.wsgi_request)
    assert form["password"] not in shown.values()
    for sent in (response, client.get(path)):
        assert "no-store" in sent.headers["Cache-Control"]
