"""The shipped static/js/diary-store.js and diary-sync.js, in Node on fake-indexeddb, against
the real server under gunicorn: the fixed sequences of issue 8 (tests/diary/node/scenarios.mjs)."""

import json
import sqlite3
import uuid

import pytest

from tests.diary.node_support import NODE, in_django, run_node, sessions
from tests.harness import AppServer

pytestmark = pytest.mark.skipif(not NODE, reason="needs Node (Debian package nodejs)")


@pytest.fixture
def server(tmp_path):
    server = AppServer(tmp_path).start()
    yield server
    server.kill()


def scenario(server, name, devices=1, **config):
    email = f"{uuid.uuid4()}@example.org"
    cookies = sessions(server.env, {email: devices})[email]
    phones = dict(zip("abcd", cookies, strict=False))
    config = {"phones": {n: {"url": server.url, "cookies": c} for n, c in phones.items()}}
    return run_node("scenarios.mjs", config, SCENARIO=name), email


def on_server(server, sql, *args):
    with sqlite3.connect(server.database) as db:
        return db.execute(sql, args).fetchall()


def texts_of(server, entry_id):
    """The entry's current notes and those of its kept versions."""
    hex_id = uuid.UUID(entry_id).hex
    (current,) = on_server(server, "select notes from diary_entry where uuid = ?", hex_id)
    history = on_server(
        server,
        "select h.data from diary_entryversion h join diary_entry e on e.id = h.entry_id"
        " where e.uuid = ?",
        hex_id,
    )
    return current[0], [json.loads(data)["notes"] for (data,) in history]


def local(state, entry_id):
    return next(e for e in state["entries"] if e["id"] == entry_id)


def test_it_keeps_an_acknowledged_edit_when_the_device_that_lost_edits_again(server):
    result, _ = scenario(server, "lost-conflict", devices=2)
    assert result["cut"] == "retry"
    current, kept = texts_of(server, result["id"])
    # B typed over its own older text (seen, so replaced); A's acknowledged one stays, kept.
    assert (current, kept) == ("B again", ["A acknowledged"])
    for phone in ("a", "b"):
        record = local(result[phone], result["id"])
        assert record["data"]["notes"] == "B again"
        assert [k["data"]["notes"] for k in record["kept"]] == ["A acknowledged"]
        assert result[phone]["outbox"] == []


def test_it_syncs_everything_else_and_marks_a_rejected_entry_until_it_is_fixed(server):
    result, _ = scenario(server, "rejected")
    ids = result["ids"]
    assert result["first"] == "done"
    assert sorted(result["waiting"]) == sorted([ids["old"], ids["gone"]])
    assert "started_at" in result["waiting"][ids["old"]]["data"]
    notes = {n for (n,) in on_server(server, "select notes from diary_entry where not deleted")}
    assert result["second"] == "done"
    assert notes == {"fast phone", "fine", "clock reset, fixed"}
    assert result["end"]["outbox"] == []
    # Discarded: a tombstone here and on the server (it may have had the entry, finding 7).
    assert ids["gone"] not in {e["id"] for e in result["end"]["entries"] if not e["deleted"]}


def test_it_never_lets_a_phone_conflict_with_itself_after_a_lost_answer(server):
    result, _ = scenario(server, "self")
    assert result["lost"] == "retry"
    hex_id = uuid.UUID(result["id"]).hex
    rows = on_server(server, "select notes, conflict from diary_entry where uuid = ?", hex_id)
    assert rows == [("third edit", 0)]
    assert on_server(server, "select count(*) from diary_entryversion") == [(0,)]
    assert result["end"]["outbox"] == []


POPULATE = """
import sys, uuid
from datetime import UTC, datetime
from django.contrib.auth.models import User
from diary.models import Entry, SyncState

user = User.objects.get(username=sys.argv[1])
count = int(sys.argv[2])
now = datetime.now(UTC)
changes = [uuid.uuid4() for _ in range(count)]
Entry.objects.bulk_create(
    Entry(user=user, uuid=uuid.uuid4(), version=n, change=c, known={str(c): True},
          client_updated_at=now, started_at=now, intensity=5, notes=str(n))
    for n, c in enumerate(changes, 1)
)
SyncState.objects.create(user=user, last_version=count)
print("null")
"""


def test_it_pulls_a_diary_of_more_than_25000_rows_to_the_end_across_page_loads(server):
    email = f"{uuid.uuid4()}@example.org"
    cookies = sessions(server.env, {email: 1})[email]
    in_django(server.env, POPULATE, email, "26000")
    config = {"phones": {"a": {"url": server.url, "cookies": cookies[0]}}}
    result = run_node("scenarios.mjs", config, SCENARIO="big-diary")
    assert (result["cut"], result["resumed"]) == ("retry", "done")
    assert (result["entries"], result["outbox"]) == (26000, [])
    # Cut off in the 2nd round; after the page load it goes on from the stored cursor, and
    # then takes the 51 rounds still needed in one go.
    cursors = [r["cursor"] for r in result["requests"]]
    assert cursors == [0, 500, *range(500, 26000, 500)]
