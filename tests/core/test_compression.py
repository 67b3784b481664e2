"""Pages go out compressed: brotli where the browser takes it and nothing secret is on the page
(BREACH, core/compression.py), else gzip with Django's random padding, else as they are."""

import gzip

import brotli
import pytest
from django.contrib.auth.models import User

from tests.diary.helpers import change


def get(client, url, accept):
    return client.get(url, HTTP_ACCEPT_ENCODING=accept)


def test_it_sends_a_first_aid_page_as_brotli_to_a_browser_that_takes_it(client):
    plain = get(client, "/de/notfall/", "identity")
    packed = get(client, "/de/notfall/", "gzip, deflate, br, zstd")
    assert "Content-Encoding" not in plain
    assert packed["Content-Encoding"] == "br"
    assert "Accept-Encoding" in packed["Vary"]
    assert int(packed["Content-Length"]) == len(packed.content) < len(plain.content) / 2
    assert brotli.decompress(packed.content) == plain.content


@pytest.mark.parametrize("accept", ["gzip, deflate", "gzip, br;q=0", "gzip, br;q=0.0"])
def test_it_sends_gzip_to_a_browser_that_takes_no_brotli(client, accept):
    plain = get(client, "/de/notfall/", "identity")
    packed = get(client, "/de/notfall/", accept)
    assert packed["Content-Encoding"] == "gzip"
    assert gzip.decompress(packed.content) == plain.content


def test_it_takes_brotli_with_a_weight(client):
    assert get(client, "/de/notfall/", "gzip;q=0.5, br;q=0.8")["Content-Encoding"] == "br"


def test_it_never_sends_brotli_for_a_page_with_a_csrf_token(client):
    # The sign-up form carries a token: only gzip, padded at random against BREACH.
    packed = get(client, "/de/konto/registrieren/", "br, gzip")
    assert b"csrfmiddlewaretoken" in gzip.decompress(packed.content)
    assert packed["Content-Encoding"] == "gzip"


def test_it_never_sends_brotli_to_someone_logged_in(client, db):
    client.force_login(User.objects.create_user("fay@example.org", "fay@example.org", "x"))
    assert get(client, "/de/notfall/", "br, gzip")["Content-Encoding"] == "gzip"


def test_it_never_sends_brotli_for_a_diary_read_with_a_token(db):
    from rest_framework.test import APIClient

    from accounts.models import DeviceToken

    user = User.objects.create_user("gil@example.org", "gil@example.org", "x")
    _, token = DeviceToken.objects.create(user=user, name="script")
    api = APIClient(HTTP_AUTHORIZATION=f"Token {token}", HTTP_ACCEPT_ENCODING="br, gzip")
    response = api.post(
        "/api/v1/diary/sync/", {"cursor": 0, "changes": [change(notes="x" * 300)]}, format="json"
    )
    assert response["Content-Encoding"] == "gzip"
