"""The forms that ask a logged-in person for their current password (password change, account
deletion) are guarded like the login: five wrong passwords lock them, and the login, for 15
minutes, and their failures count together with the login's."""

import pytest
from django.contrib.auth.models import User
from django.test import Client

pytestmark = pytest.mark.django_db
PASSWORD = "Rücken-Krampf 2026"
EMAIL = "anna@example.org"
LOCKED = "Zu viele Versuche. Bitte warte 15 Minuten"
NEW = "Neues Passwort 99"


@pytest.fixture
def anna():
    User.objects.create_user(EMAIL, EMAIL, PASSWORD)
    client = Client(REMOTE_ADDR="203.0.113.9")
    assert log_in(client).status_code == 302
    return client


def log_in(client, password=PASSWORD):
    return client.post("/de/konto/anmelden/", {"email": EMAIL, "password": password})


def change_password(client, old):
    form = {"old_password": old, "new_password1": NEW, "new_password2": NEW}
    return client.post("/de/konto/passwort/", form)


def delete_account(client, password):
    return client.post("/de/konto/loeschen/", {"password": password})


def test_it_locks_the_password_change_after_five_wrong_passwords(anna):
    responses = [change_password(anna, f"geraten {n}") for n in range(5)]
    assert [r.status_code for r in responses] == [200, 200, 200, 200, 429]
    assert LOCKED in responses[-1].content.decode()
    response = change_password(anna, PASSWORD)  # even the right one, for 15 minutes
    assert response.status_code == 429
    assert User.objects.get().check_password(PASSWORD)


def test_it_locks_the_account_deletion_after_five_wrong_passwords(anna):
    responses = [delete_account(anna, f"geraten {n}") for n in range(5)]
    assert [r.status_code for r in responses] == [200, 200, 200, 200, 429]
    assert LOCKED in responses[-1].content.decode()
    assert delete_account(anna, PASSWORD).status_code == 429
    assert User.objects.exists()


def test_it_counts_these_failures_together_with_the_logins(anna):
    change_password(anna, "geraten 1")
    change_password(anna, "geraten 2")
    delete_account(anna, "geraten 3")
    anna.post("/de/konto/abmelden/")
    log_in(anna, "geraten 4")
    assert log_in(anna, "geraten 5").status_code == 429
    assert log_in(anna).status_code == 429


def test_it_still_changes_the_password_and_deletes_with_the_right_one(anna):
    assert change_password(anna, "geraten").status_code == 200
    assert change_password(anna, PASSWORD).status_code == 302
    assert User.objects.get().check_password(NEW)
    assert delete_account(anna, NEW).status_code == 302
    assert not User.objects.exists()
