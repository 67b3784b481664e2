"""Property-based tests of the merge rules: random interleavings of creates, edits and deletes
on two or three devices, with requests and responses lost on the way, always converge to the
same diary everywhere, with no entry and no typed text lost and no duplicates.

The simulated device follows the same rules as static/js/diary-store.js and diary-sync.js;
test_sync_model.py replays the SEQUENCES below on the shipped client to hold it to that. A
failure prints its sequence, ids included: add it to SEQUENCES. A longer search:
`SYNC_PROPERTY_EXAMPLES=4000 pytest tests/diary/test_sync_properties.py --hypothesis-seed=N`.
"""

import itertools
import os
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from django.contrib.auth.models import User
from hypothesis import HealthCheck, given, note, settings
from hypothesis import strategies as st

from diary import sync
from diary.serializers import ResultSerializer, RowSerializer, checked_changes
from tests.diary.helpers import validated

T0 = datetime(2026, 11, 1, tzinfo=UTC)
BATCH = 3  # small batches, so that every sync runs several rounds


class Server:
    def __init__(self, user):
        self.user = user
        self.received = {}  # change id -> every change that reached the server, as sent

    def sync(self, cursor, changes, device):
        valid, rejected = checked_changes(changes)
        assert not rejected
        for change in changes:
            self.received.setdefault(change["change"], change)
        applied = sync.push(self.user, valid, device)
        rows, cursor, more = sync.pull(self.user, cursor, limit=BATCH)
        return {
            "cursor": cursor,
            "applied": ResultSerializer(applied, many=True).data,
            "changes": RowSerializer(rows, many=True).data,
            "more": more,
        }


class Device:
    """A phone as static/js/diary-store.js and diary-sync.js make it: a change has an id of its
    own, replaces what the phone showed (and its own changes still waiting), and is known again
    by that id only."""

    def __init__(self, name, clock, device, new_id=None):
        self.name = name
        self.device = device
        self.clock = clock
        self.new_id = new_id or (lambda: str(uuid.uuid4()))
        self.entries = {}  # id -> {data, change, client_updated_at, deleted, kept}
        self.outbox = {}  # id -> {id, change, replaces, client_updated_at, deleted, data}
        self.cursor = 0
        self.typed = []  # (id, notes) in the order the user typed them

    def write(self, entry_id, data, deleted=False, shown=None):
        now = next(self.clock)
        entry = self.entries.get(entry_id, {"change": None, "kept": [], "deleted": True})
        if shown is None:
            # What the page showed: the current version; a deletion also takes the kept ones.
            shown = [entry["change"]] if entry["change"] else []
            if deleted:
                shown += [k["change"] for k in entry["kept"]]
        waiting = self.outbox.get(entry_id)
        chain = [*waiting["replaces"], waiting["change"]] if waiting else []
        change_id = self.new_id()
        self.outbox[entry_id] = {
            "id": entry_id,
            "change": change_id,
            "replaces": sorted(set(shown) | set(chain)),
            "client_updated_at": now,
            "deleted": deleted,
            "data": {} if deleted else data,
        }
        kept = [k for k in entry["kept"] if k["change"] not in shown]
        self.entries[entry_id] = {
            "data": {} if deleted else data,
            "change": None if deleted else change_id,
            "client_updated_at": now,
            "deleted": deleted,
            "kept": [] if deleted else kept,
        }

    def alive(self):
        return sorted(i for i, e in self.entries.items() if not e["deleted"])

    def conflicted(self):
        return sorted(i for i, e in self.entries.items() if e["kept"])

    def create(self, entry_id, notes):
        self.typed.append((entry_id, notes))
        self.write(entry_id, {"started_at": T0.isoformat(), "intensity": 4, "notes": notes})

    def edit(self, entry_id, notes):
        self.typed.append((entry_id, notes))
        self.write(entry_id, {**self.entries[entry_id]["data"], "notes": notes})

    def delete(self, entry_id):
        self.write(entry_id, {}, deleted=True)

    def resolve(self, entry_id, choice):
        """The conflict view: "take" the other version, "keep" this one, or keep "both"."""
        entry = self.entries[entry_id]
        other = entry["kept"][0]
        shown = [entry["change"], other["change"]]
        if choice == "both":
            self.typed.append((f"{entry_id}+", other["data"]["notes"]))
            self.write(self.new_id(), other["data"])
        data = other["data"] if choice == "take" else entry["data"]
        self.write(entry_id, data, shown=shown)

    def sync(self, server, failure=None):
        """failure: None, "request" (lost before the server) or "response" (lost after)."""
        for _ in range(100):
            changes = [self.outbox[i] for i in sorted(self.outbox)][:BATCH]
            if failure == "request":
                return
            answer = server.sync(self.cursor, changes, self.device)
            if failure == "response":
                return
            for result in answer["applied"]:
                self.confirm(result)
            for row in answer["changes"]:
                self.apply_remote(row)
            self.cursor = answer["cursor"]
            if not answer["more"] and not self.outbox:
                return
        raise AssertionError("sync did not settle")

    def confirm(self, result):
        waiting = self.outbox.get(result["id"])
        if waiting and waiting["change"] == result["change"]:
            del self.outbox[result["id"]]

    def apply_remote(self, row):
        waiting = self.outbox.get(row["id"])
        versions = [row["change"], *(k["change"] for k in row["kept"])]
        if waiting and waiting["change"] not in versions:
            return  # not received yet: keep what was typed; the next push lets the server decide
        self.outbox.pop(row["id"], None)
        self.entries[row["id"]] = {
            "data": row["data"],
            "change": row["change"],
            "client_updated_at": row["client_updated_at"],
            "deleted": row["deleted"],
            "kept": row["kept"],
        }

    def diary(self):
        return {
            i: (e["data"]["notes"], sorted(k["data"]["notes"] for k in e["kept"]))
            for i, e in self.entries.items()
            if not e["deleted"]
        }


def ticking_clock():
    for second in itertools.count(1):
        yield (T0 + timedelta(seconds=second)).isoformat()


create = st.tuples(st.just("create"), st.integers(0, 2))
edit = st.tuples(st.just("edit"), st.integers(0, 2), st.integers(0, 3))
delete = st.tuples(st.just("delete"), st.integers(0, 2), st.integers(0, 3))
sync_now = st.tuples(
    st.just("sync"), st.integers(0, 2), st.sampled_from([None, None, "request", "response"])
)
resolve = st.tuples(
    st.just("resolve"), st.integers(0, 2), st.sampled_from(["take", "keep", "both"])
)
# Weighted towards edits and syncs of few entries, which is where conflicts happen.
operation = st.one_of(create, edit, edit, edit, delete, resolve, sync_now, sync_now, sync_now)


def run(devices, plan):
    """Plays the steps of plan(phones) on devices with these ids, then everybody syncs with a
    good network, twice round. A step: ("create" | "edit", device, id, notes), ("delete",
    device, id) or ("sync", device, None | "request" | "response"); each is taken after the
    one before has run. Returns (user, server, phones)."""
    user = User.objects.create(username=str(uuid.uuid4()))
    server = Server(user)
    clock = ticking_clock()
    ids = (str(uuid.UUID(int=n, version=4)) for n in itertools.count(1))
    phones = [
        Device(n, clock, uuid.UUID(device), lambda: next(ids)) for n, device in enumerate(devices)
    ]
    for step in plan(phones):
        perform(server, phones, step)
    for _ in range(2):
        for phone in phones:
            phone.sync(server)
    return user, server, phones


def perform(server, phones, step):
    kind, phone, *args = step
    if kind == "sync":
        phones[phone].sync(server, failure=args[0])
    else:
        getattr(phones[phone], kind)(*args)


def diary_of(user):
    return {
        str(e.uuid): (e.notes, sorted(k.data["notes"] for k in e.kept.all()))
        for e in user.diary_entries.filter(deleted=False).prefetch_related("kept")
    }


def check(user, server, phones):
    # Same diary on every device, kept versions included, and the same as on the server.
    on_server = diary_of(user)
    for phone in phones:
        assert phone.diary() == on_server
        assert not phone.outbox

    # Nothing lost and nothing back: the versions left are exactly the texts received that no
    # received change replaced, and a change replaces only what its phone showed (or its own
    # changes before it). So every text typed is current or a kept version the app shows until
    # a person who saw it replaced it.
    replaced = {r for change in server.received.values() for r in change["replaces"]}
    left = {}
    for change in server.received.values():
        if not change["deleted"] and change["change"] not in replaced:
            left.setdefault(change["id"], set()).add(change["data"]["notes"])
    assert {i: {notes, *kept} for i, (notes, kept) in on_server.items()} == left

    # The same changes in another order end in the same diary (in one batch each, reversed).
    again = User.objects.create(username=str(uuid.uuid4()))
    for change in reversed(list(server.received.values())):
        sync.push(again, validated(change))
    assert diary_of(again) == on_server


# Sequences that failed once, with their ids: checked on every run, on the model here and
# on the shipped client in test_sync_model.py. Devices are named by their place in `devices`.
SEQUENCES = {
    # The answer to device 0's create is lost; device 1 edits the entry. Device 0's next sync
    # sends 3 entries whose ids sort first, and pulls the edit while its create still waits
    # (so it keeps its own text); then the resent create is "duplicate" and did not win. The
    # entry's version stayed, so device 0 never pulled the edit again: it showed "text 0",
    # everybody else "text 1". The property test found it when ids came in that order.
    "stale-resend": (
        ["00000000-0000-4000-8000-00000000000a", "00000000-0000-4000-8000-00000000000b"],
        [
            ("create", 0, "ffffffff-0000-4000-8000-000000000000", "text 0"),
            ("sync", 0, "response"),
            ("sync", 1, None),
            ("edit", 1, "ffffffff-0000-4000-8000-000000000000", "text 1"),
            ("sync", 1, None),
            ("create", 0, "00000000-0000-4000-8000-000000000001", "text 2"),
            ("create", 0, "00000000-0000-4000-8000-000000000002", "text 3"),
            ("create", 0, "00000000-0000-4000-8000-000000000003", "text 4"),
            ("sync", 0, None),
        ],
    ),
    # A deletion from a device that had the version with text 6 in its history takes the
    # history along (docs: "deleting an entry deletes its history too"); the check once
    # called that a lost text.
    "deletion-takes-history": (
        [
            "00000000-0000-4000-8000-008000000000",
            "00000000-0000-4000-8220-8ff800000001",
            "00000000-0000-4000-8020-f5a600000002",
        ],
        [
            ("create", 2, "00000000-0000-4000-800c-3f0600000004", "text 2"),
            ("sync", 2, None),
            ("sync", 1, None),
            ("edit", 1, "00000000-0000-4000-800c-3f0600000004", "text 6"),
            ("sync", 0, None),
            ("edit", 0, "00000000-0000-4000-800c-3f0600000004", "text 9"),
            ("sync", 1, None),
            ("sync", 0, None),
            ("sync", 2, None),
            ("delete", 2, "00000000-0000-4000-800c-3f0600000004"),
        ],
    ),
}


@pytest.mark.django_db
@pytest.mark.parametrize("name", SEQUENCES)
def test_it_holds_for_the_sequences_that_failed_once(name):
    devices, steps = SEQUENCES[name]
    check(*run(devices, lambda _: steps))


@pytest.mark.django_db
@settings(
    max_examples=int(os.environ.get("SYNC_PROPERTY_EXAMPLES", "200")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    devices=st.integers(2, 3),
    operations=st.lists(operation, max_size=60),
    ids=st.randoms(use_true_random=False),
)
def test_it_converges_without_losing_entries_or_text(devices, operations, ids):
    # Ids drawn by hypothesis, not uuid4(): a failure that depends on their order replays.
    # (The counter keeps them unique: a shrunk Random gives the same bits every time.)
    counter = itertools.count()

    def new_id():
        return str(uuid.UUID(int=ids.getrandbits(96) << 32 | next(counter), version=4))

    device_ids = [new_id() for _ in range(devices)]
    steps = []

    def plan(phones):
        texts = (f"text {n}" for n in itertools.count())
        for op in operations:
            phone = phones[op[1] % devices]
            if op[0] == "create":
                steps.append(("create", phone.name, new_id(), next(texts)))
            elif op[0] == "sync":
                steps.append(("sync", phone.name, op[2]))
            elif op[0] == "resolve":
                if conflicted := phone.conflicted():
                    steps.append(("resolve", phone.name, conflicted[0], op[2]))
                else:
                    continue
            elif alive := phone.alive():
                entry_id = alive[op[2] % len(alive)]
                if op[0] == "delete":
                    steps.append(("delete", phone.name, entry_id))
                else:
                    steps.append(("edit", phone.name, entry_id, next(texts)))
            else:
                continue
            yield steps[-1]

    try:
        check(*run(device_ids, plan))
    finally:
        # A failure names its whole sequence, ids included: paste it into SEQUENCES.
        note(f"devices={device_ids!r},\nsteps={steps!r},")
