"""The chaos run of issue 8: the shipped diary code on six phones of two users (Node, one worker
per phone, tests/diary/node/chaos.mjs) against the real app under gunicorn on PostgreSQL, with
lost requests and answers, duplicate and late requests, offline periods and skewed clocks.

A fixed seed runs with the PostgreSQL tests (`make test`); `make chaos SEED=… OPS=…` runs a longer
one and prints its figures. Afterwards every phone and the server agree, every text the server
acknowledged is current or a kept version every phone shows, unless a person who saw it
replaced it; no replaced version comes back; every kept version is marked; no outbox holds
anything; and no text crosses accounts.
"""

import json
import os
from collections import Counter
from datetime import datetime

import pytest
from django.contrib.auth.models import User
from django.db import connection

from diary.models import Entry, EntryVersion
from tests.diary.node_support import NODE, run_node, sessions
from tests.harness import AppServer

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="runs on PostgreSQL"),
    pytest.mark.skipif(not NODE, reason="needs Node (Debian package nodejs)"),
]
# Clock offsets of the phones: minutes to hours, fast and slow.
PHONES = {
    "a": ("anna", 0),
    "b": ("anna", 7 * 60_000),
    "c": ("anna", -2 * 3600_000),
    "d": ("anna", 3 * 3600_000 + 17_000),
    "e": ("ben", -11 * 60_000),
    "f": ("ben", 45 * 60_000),
}


@pytest.fixture
def server(tmp_path):
    settings = connection.settings_dict
    url = "postgres://{USER}@{HOST}:{PORT}/{NAME}".format(**settings)
    server = AppServer(tmp_path)
    server.env["DATABASE_URL"] = url
    server.start()
    yield server
    server.kill()


def instant(text):
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def test_it_loses_resurrects_duplicates_and_blocks_nothing_under_chaos(server, tmp_path):
    seed = int(os.environ.get("CHAOS_SEED", "8"))
    ops = int(os.environ.get("CHAOS_OPS", "500"))
    wanted = Counter(f"{user}@example.org" for user, _ in PHONES.values())
    cookies = sessions(server.env, dict(wanted))
    config = {"phones": {}}
    for name, (user, skew) in PHONES.items():
        email = f"{user}@example.org"
        config["phones"][name] = {
            "url": server.url,
            "cookies": cookies[email].pop(),
            "skew": skew,
            "user": email,
        }
    result_file = tmp_path / "chaos.json"
    run_node(
        "chaos.mjs",
        config,
        timeout=3600,
        CHAOS_SEED=str(seed),
        CHAOS_OPS=str(ops),
        RESULT=str(result_file),
    )
    result = json.loads(result_file.read_text())
    violations = []

    for email in wanted:
        user = User.objects.get(username=email)
        mine = {n: p for n, p in result["phones"].items() if config["phones"][n]["user"] == email}
        violations += check(user, mine)
    # Each text names the phone it was typed on: nobody's diary holds another person's text.
    for entry in Entry.objects.exclude(notes=""):
        if PHONES[entry.notes.split("-")[0]][0] != entry.user.username.split("@")[0]:
            violations.append(f"{entry.notes} in the diary of {entry.user.username}")

    figures = summary(result, violations)
    print(figures)
    assert not violations, "\n".join(violations[:50])


def check(user, phones):
    problems = []
    entries = {str(e.uuid): e for e in Entry.objects.filter(user=user).prefetch_related("kept")}

    # Every phone holds what the server holds, kept versions included, and no outbox waits.
    def kept_of(versions):
        return tuple(sorted((str(k["change"]), k["data"]["notes"]) for k in versions))

    server_view = {
        i: (
            e.deleted,
            None if e.deleted else e.notes,
            e.version,
            e.client_updated_at,
            kept_of({"change": k.change, "data": k.data} for k in e.kept.all()),
        )
        for i, e in entries.items()
    }
    for name, phone in phones.items():
        if phone["outbox"]:
            problems.append(f"{name}: {len(phone['outbox'])} changes stuck in the outbox")
        local = {
            e["id"]: (
                e["deleted"],
                None if e["deleted"] else e["data"]["notes"],
                e["version"],
                instant(e["client_updated_at"]),
                kept_of(e.get("kept", [])),
            )
            for e in phone["entries"]
        }
        for i in set(local) | set(server_view):
            if local.get(i) != server_view.get(i):
                problems.append(f"{name}: {i} is {local.get(i)} here, {server_view.get(i)} there")

    # Every acknowledged version is current or kept (so every phone shows it), unless a person
    # who saw it on a phone replaced it (typed over it, deleted it, chose in the conflict view).
    versions = {str(e.change) for e in entries.values() if e.change}
    versions |= {str(k.change) for e in entries.values() for k in e.kept.all()}
    seen = {change for phone in phones.values() for change in phone["replaced"]}
    answered = [a for phone in phones.values() for a in phone["answered"]]
    for answer in answered:
        if answer["status"] == "rejected" or answer["deleted"]:
            continue
        if answer["change"] not in versions | seen:
            problems.append(
                f"acknowledged text lost: {answer}; {story(answer['id'], entries, phones)}"
            )

    # Nothing removed comes back: a version a person replaced is neither current nor kept.
    for change in seen & versions:
        problems.append(f"replaced version {change} is back")

    # A kept version the app cannot show: one beside an entry not marked.
    for entry in entries.values():
        if entry.kept.all() and not entry.conflict:
            problems.append(f"kept version of {entry.uuid} not marked")

    # Nothing twice: each text once among the diary and the kept versions (keep both and
    # take-the-other write a chosen text again, as a version of its own).
    chosen = Counter(e.notes for e in entries.values() if not e.deleted)
    chosen.update(k.data["notes"] for e in entries.values() for k in e.kept.all())
    for text, count in chosen.items():
        if count > 2:
            problems.append(f"{text} is there {count} times")
    return problems


def story(entry_id, entries, phones):
    """What the server holds of an entry and every answer about it, to find the cause."""
    entry = entries.get(entry_id)
    held = entry and (entry.deleted, entry.notes, entry.version, entry.change)
    answers = [
        (name, a["status"], a["won"], a["version"], a["change"], a["deleted"], a["notes"])
        for name, phone in phones.items()
        for a in phone["answered"]
        if a["id"] == entry_id
    ]
    return f"server: {held}; answers: {answers}"


def summary(result, violations):
    answered = [a for phone in result["phones"].values() for a in phone["answered"]]
    statuses = Counter(a["status"] for a in answered)
    kept = EntryVersion.objects.count()
    faults = Counter()
    for phone in result["phones"].values():
        faults.update(phone["faults"])
    return (
        f"chaos seed {result['seed']}: {result['ops']} operations {dict(result['counts'])} "
        f"in {result['seconds']:.0f} s; faults {sum(faults.values())} {dict(faults)}; "
        f"answers {dict(statuses)}; kept versions {kept}, all marked and on every phone: "
        f"{not any('not marked' in v or 'there' in v for v in violations)}; "
        f"violations: {len(violations)}"
    )
