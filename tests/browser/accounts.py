"""An account in the real browser as a person gets one: the registration form, the link of the
mail (made by the server's own code on its database: the mail itself goes to the server's
console), the login form. For every browser test that needs a logged-in account."""

from playwright.sync_api import expect

from tests.diary.node_support import in_django

PASSWORD = "Rücken-Krampf 2026"
LINK = """
import json, sys
from django.contrib.auth.models import User
from accounts.registration import confirmation_path
print(json.dumps(confirmation_path(User.objects.get(username=sys.argv[1]))))
"""


def confirmation_link(server, email):
    return server.url + in_django(server.env, LINK, email)


def fill(page, email, password, button):
    page.get_by_label("E-Mail-Adresse").fill(email)
    page.get_by_label("Passwort").fill(password)
    page.get_by_role("button", name=button).click()


def sign_up(page, server, email, password=PASSWORD):
    """Registers, confirms and logs in; ends on the diary, as a login does."""
    page.goto(f"{server.url}/de/konto/registrieren/")
    fill(page, email, password, "Konto anlegen")
    expect(page).to_have_url(f"{server.url}/de/konto/registrieren/gesendet/")
    page.goto(confirmation_link(server, email))
    expect(page).to_have_url(f"{server.url}/de/konto/anmelden/")
    fill(page, email, password, "Anmelden")
    expect(page).to_have_url(f"{server.url}/de/tagebuch/")
