"""Headers of every answer: nothing personal in a browser or proxy cache (no-store on the diary's
API and exports and on the account's pages and API), and a Permissions-Policy."""

from pathlib import Path

import pytest
from django.contrib.auth.models import User

from core import permissions

pytestmark = pytest.mark.django_db

PERSONAL = [
    "/api/v1/diary/entries/",
    "/api/v1/diary/export.json",
    "/api/v1/diary/export.csv",
    "/api/v1/auth/me/",
    "/de/konto/",
    "/en/account/",
    "/de/konto/passwort/",
    "/de/konto/anmelden/",
]
# The diary's pages carry no data and the service worker stores them (shell/precache.py).
STORED_BY_THE_SERVICE_WORKER = ["/de/tagebuch/", "/de/tagebuch/eintrag/", "/en/diary/"]


@pytest.fixture
def anna(client):
    user = User.objects.create_user("anna@example.org", "anna@example.org", "a long password 1")
    client.force_login(user)
    return client


@pytest.mark.parametrize("path", PERSONAL)
def test_it_lets_no_cache_keep_personal_data(anna, path):
    response = anna.get(path)
    assert response.status_code == 200
    assert "no-store" in response.headers["Cache-Control"]


def test_it_lets_no_cache_keep_the_answer_of_a_sync(anna):
    response = anna.post(
        "/api/v1/diary/sync/", {"cursor": 0, "changes": []}, content_type="application/json"
    )
    assert response.status_code == 200
    assert "no-store" in response.headers["Cache-Control"]


def test_it_refuses_a_cache_also_when_the_api_says_no(client):
    response = client.get("/api/v1/diary/entries/")
    assert response.status_code == 401
    assert "no-store" in response.headers["Cache-Control"]


@pytest.mark.parametrize("path", STORED_BY_THE_SERVICE_WORKER)
def test_it_leaves_the_pages_the_service_worker_stores_cacheable(anna, path):
    response = anna.get(path)
    assert response.status_code == 200
    assert "no-store" not in response.headers.get("Cache-Control", "")


def test_it_sends_a_permissions_policy_on_every_page(client):
    for path in ("/de/", "/de/tagebuch/", "/de/konto/", "/api/v1/firstaid/steps/"):
        response = client.get(path)
        assert response.headers["Permissions-Policy"] == permissions.POLICY, path


def test_it_denies_what_the_app_does_not_use_and_keeps_what_it_does():
    rules = dict(rule.split("=") for rule in permissions.POLICY.split(", "))
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert rules[feature] == "()"
    for feature in ("screen-wake-lock", "clipboard-write"):
        assert rules[feature] == "(self)"
    assert "web-share" not in rules  # allowed for the origin by default (report.js shares)


# What the shipped scripts call, and the feature that gates it.
CALLS = {
    "navigator.wakeLock": "screen-wake-lock",
    "navigator.clipboard": "clipboard-write",
    "navigator.share": "web-share",
    "navigator.geolocation": "geolocation",
    "getUserMedia": "camera",
    "requestFullscreen": "fullscreen",
    "PaymentRequest": "payment",
    "requestMIDIAccess": "midi",
    "navigator.usb": "usb",
}


def test_it_denies_nothing_that_a_shipped_script_calls():
    scripts = "".join(p.read_text(encoding="utf-8") for p in Path("static/js").glob("*.js"))
    used = {feature for call, feature in CALLS.items() if call in scripts}
    assert {"screen-wake-lock", "clipboard-write", "web-share"} <= used
    assert used.isdisjoint(permissions.DENIED)
