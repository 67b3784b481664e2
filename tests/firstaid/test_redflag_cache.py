"""The empty warning-sign check is rendered once per language and country and kept until the
next deploy; nothing personal (answers, a CSRF token, a login, a message) is ever kept."""

import pytest
from django.contrib.auth.models import User
from django.middleware.csrf import get_token
from django.utils import translation

from firstaid import views
from shell import precache

FORM = {"stage-emergency": "none", "fever": "yes", "no-improvement": "yes"}


@pytest.fixture(autouse=True)
def empty_cache():
    views.PAGES.clear()
    yield
    views.PAGES.clear()
    translation.deactivate()  # an English page leaves English active for the next test


def rendered(response):
    return bool(response.templates)


def test_it_renders_the_empty_check_once_and_then_sends_the_same_page(client):
    first = client.get("/de/warnzeichen/")
    again = client.get("/de/warnzeichen/")
    assert rendered(first) and not rendered(again)
    assert again.content == first.content
    assert {k: v for k, v in again.items() if k != "Date"} == {
        k: v for k, v in first.items() if k != "Date"
    }


def test_it_keeps_one_page_per_language_and_country(client):
    client.get("/de/warnzeichen/")
    english = client.get("/en/warning-signs/")
    assert rendered(english)
    assert english.content.decode().startswith('<!doctype html>\n\n<html lang="en" ')
    client.cookies["country"] = "AT"
    austria = client.get("/de/warnzeichen/")
    assert rendered(austria)
    assert 'href="tel:144"' in austria.content.decode()
    del client.cookies["country"]
    assert 'href="tel:144"' not in client.get("/de/warnzeichen/").content.decode()


def test_it_never_keeps_or_reuses_an_answered_check(client):
    client.get("/de/warnzeichen/")
    answered = client.post("/de/warnzeichen/", FORM)
    assert rendered(answered)
    assert 'id="fever-yes" value="yes" checked' in answered.content.decode()
    empty = client.get("/de/warnzeichen/").content.decode()
    assert "checked" not in empty
    assert 'aria-labelledby="outcome-today" tabindex="-1">' not in empty


def test_it_renders_afresh_after_a_deploy(client, monkeypatch):
    client.get("/de/warnzeichen/")
    monkeypatch.setattr(precache, "version", lambda: "next-deploy")
    assert rendered(client.get("/de/warnzeichen/"))
    assert not rendered(client.get("/de/warnzeichen/"))


def test_it_never_keeps_a_page_that_carries_a_csrf_token(client, monkeypatch):
    render = views.redflags_page

    def with_token(request):
        get_token(request)
        return render(request)

    monkeypatch.setattr(views, "redflags_page", with_token)
    client.get("/de/warnzeichen/")
    assert rendered(client.get("/de/warnzeichen/"))


def test_it_renders_for_a_person_who_is_logged_in(client, db):
    client.force_login(User.objects.create_user("erin@example.org", "erin@example.org", "x"))
    client.get("/de/warnzeichen/")
    assert rendered(client.get("/de/warnzeichen/"))


def test_it_renders_a_request_with_a_query(client):
    client.get("/de/warnzeichen/?from=home")
    assert rendered(client.get("/de/warnzeichen/?from=home"))
