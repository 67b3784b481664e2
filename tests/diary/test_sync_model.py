"""The property test's model device (tests/diary/test_sync_properties.py) against the SHIPPED
client: the sequences that once failed, replayed with the same entry and device ids on phones
running static/js/diary-store.js and diary-sync.js in Node (tests/diary/node/replay.mjs) against
the real server under gunicorn, taking 3 changes per round as the model does. The shipped client
must converge by itself, and end where the model ends: else the model tests rules nobody ships."""

import json
import sqlite3
import uuid

import pytest

from diary.models import EntryVersion
from tests.diary.node_support import NODE, run_node, sessions
from tests.diary.test_sync_properties import BATCH, SEQUENCES, check, run
from tests.harness import AppServer

pytestmark = pytest.mark.skipif(not NODE, reason="needs Node (Debian package nodejs)")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    server = AppServer(tmp_path_factory.mktemp("model"))
    server.env["GUNICORN_CMD_ARGS"] = "--config python:tests.diary.gunicorn_batch"
    server.env["SYNC_BATCH"] = str(BATCH)
    server.start()
    yield server
    server.kill()


@pytest.fixture(scope="module")
def accounts(server):
    """A user per sequence, logged in on each of its devices: made in one go (a process each)."""
    wanted = {f"{name}@example.org": len(devices) for name, (devices, _) in SEQUENCES.items()}
    return sessions(server.env, wanted)


def shipped(server, email, cookies, devices, steps):
    """The shipped client's run: (server entries, server history, each phone's diary), and
    each phone's outbox and requests."""
    config = {
        "phones": {
            str(n): {"url": server.url, "cookies": c, "device": d}
            for n, (c, d) in enumerate(zip(cookies, devices, strict=True))
        }
    }
    phones = run_node("replay.mjs", config, STEPS=json.dumps(steps))
    phones = [phones[str(n)] for n in range(len(devices))]
    with sqlite3.connect(server.database) as db:
        rows = db.execute(
            "select e.id, e.uuid, e.deleted, e.notes, e.version, e.conflict from diary_entry e"
            " join auth_user u on u.id = e.user_id where u.username = ?",
            [email],
        ).fetchall()
        ids = {pk: str(uuid.UUID(hex_id)) for pk, hex_id, *_ in rows}
        history = db.execute(
            "select entry_id, data, replaced_at_version from diary_entryversion"
            f" where entry_id in ({','.join('?' * len(ids))})",
            list(ids),
        ).fetchall()
    entries = {ids[pk]: (bool(gone), notes, v, bool(c)) for pk, _, gone, notes, v, c in rows}
    history = [(ids[pk], json.loads(data)["notes"], at) for pk, data, at in history]
    diaries = [
        {e["id"]: e["data"]["notes"] for e in phone["entries"] if not e["deleted"]}
        for phone in phones
    ]
    return named(steps, entries, history, diaries), phones


def modelled(devices, steps):
    user, server, phones = run(devices, lambda _: steps)
    check(user, server, phones)
    entries = {
        str(e.uuid): (e.deleted, e.notes, e.version, e.conflict) for e in user.diary_entries.all()
    }
    history = [
        (str(h.entry.uuid), h.data["notes"], h.replaced_at_version)
        for h in EntryVersion.objects.filter(entry__user=user).select_related("entry")
    ]
    return named(steps, entries, history, [phone.diary() for phone in phones])


def named(steps, entries, history, diaries):
    """An edit kept as an entry of its own has an id made from its stamp, which differs between
    the two runs (the model's clock is not the phones'): such an entry is named by its text."""
    created = {step[2] for step in steps if step[0] == "create"}

    def name(entry_id, notes):
        return entry_id if entry_id in created else f"kept: {notes}"

    return (
        {name(i, entry[1]): entry for i, entry in entries.items()},
        sorted((name(i, entries[i][1]), notes, at) for i, notes, at in history),
        [{name(i, notes): notes for i, notes in diary.items()} for diary in diaries],
    )


@pytest.mark.django_db
@pytest.mark.parametrize("name", SEQUENCES)
def test_it_converges_on_the_shipped_client_and_ends_where_the_model_ends(server, accounts, name):
    devices, steps = SEQUENCES[name]
    email = f"{name}@example.org"
    (entries, history, diaries), phones = shipped(server, email, accounts[email], devices, steps)
    live = {key: notes for key, (gone, notes, *_) in entries.items() if not gone}
    for diary, phone in zip(diaries, phones, strict=True):
        assert diary == live
        assert phone["outbox"] == []
        assert max(request["changes"] for request in phone["requests"]) <= BATCH
    assert (entries, history, diaries) == modelled(devices, steps)
