"""An account as a person gets one: registered, confirmed by the mailed link, logged in."""

import re

from django.core import mail

PASSWORD = "Rücken-Krampf 2026"


def register(client, email="anna@example.org", password=PASSWORD, lang="de"):
    path = "/de/konto/registrieren/" if lang == "de" else "/en/account/register/"
    return client.post(path, {"email": email, "password": password})


def mailed_link(message):
    return re.search(r"http://testserver(\S+)", message.body).group(1)


def sign_up(client, email="anna@example.org", password=PASSWORD):
    """Registers, follows the confirmation link and logs in; leaves no mail in the outbox."""
    assert register(client, email, password).status_code == 302
    client.get(mailed_link(mail.outbox[-1]))
    response = client.post("/de/konto/anmelden/", {"email": email, "password": password})
    assert response.status_code == 302, response.content.decode()
    mail.outbox.clear()
    return response
