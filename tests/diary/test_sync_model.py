"""The property test's model device (tests/diary/test_sync_properties.py) against the SHIPPED
client: the sequences that once failed, replayed with the same entry and device ids on phones
running static/js/diary-store.js and diary-sync.js in Node (tests/diary/node/replay.mjs) against
the real server under gunicorn, taking 3 changes per round as the model does. The shipped client
must converge by itself, and end where the model ends: else the model tests rules nobody ships."""

import json
import sqlite3
import uuid

import pytest

from tests.diary.node_support import NODE, run_node, sessions
from tests.diary.test_sync_properties import BATCH, SEQUENCES, check, diary_of, run
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
    """The shipped client's run: (server diary, each phone's diary), and each phone's outbox
    and requests. A diary: {entry id: (notes, sorted notes of its kept versions)}."""
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
            "select e.id, e.uuid, e.notes from diary_entry e join auth_user u on u.id = e.user_id"
            " where u.username = ? and not e.deleted",
            [email],
        ).fetchall()
        kept = db.execute(
            "select entry_id, data from diary_entryversion"
            f" where entry_id in ({','.join('?' * len(rows))})",
            [pk for pk, *_ in rows],
        ).fetchall()
    on_server = {
        str(uuid.UUID(hex_id)): (notes, sorted(json.loads(d)["notes"] for e, d in kept if e == pk))
        for pk, hex_id, notes in rows
    }
    diaries = [
        {
            e["id"]: (e["data"]["notes"], sorted(k["data"]["notes"] for k in e["kept"]))
            for e in phone["entries"]
            if not e["deleted"]
        }
        for phone in phones
    ]
    return named(steps, on_server, diaries), phones


def modelled(devices, steps):
    user, server, phones = run(devices, lambda _: steps)
    check(user, server, phones)
    return named(steps, diary_of(user), [phone.diary() for phone in phones])


def named(steps, on_server, diaries):
    """An entry "keep both" made has an id of its own, which differs between the two runs: such
    an entry is named by its text."""
    created = {step[2] for step in steps if step[0] == "create"}

    def name(entry_id, version):
        return entry_id if entry_id in created else f"kept: {version[0]}"

    return (
        {name(i, v): v for i, v in on_server.items()},
        [{name(i, v): v for i, v in diary.items()} for diary in diaries],
    )


@pytest.mark.django_db
@pytest.mark.parametrize("name", SEQUENCES)
def test_it_converges_on_the_shipped_client_and_ends_where_the_model_ends(server, accounts, name):
    devices, steps = SEQUENCES[name]
    email = f"{name}@example.org"
    (on_server, diaries), phones = shipped(server, email, accounts[email], devices, steps)
    for diary, phone in zip(diaries, phones, strict=True):
        assert diary == on_server
        assert phone["outbox"] == []
        assert max(request["changes"] for request in phone["requests"]) <= BATCH
    assert (on_server, diaries) == modelled(devices, steps)
