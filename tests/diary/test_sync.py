"""The merge rules of diary/sync.py (second design, docs/architecture.md): versions are the
changes no received change replaces; the result depends on the set of changes, never on the
order in which they arrive."""

import itertools
import uuid
from datetime import timedelta

import pytest
from django.contrib.auth.models import User

from diary import sync
from diary.models import Entry, EntryVersion
from tests.diary.helpers import T0, change, validated


def at_(minutes):
    return T0 + timedelta(minutes=minutes)


pytestmark = pytest.mark.django_db


@pytest.fixture
def alice():
    return User.objects.create_user("alice@example.org", "alice@example.org", "x")


def push(user, *changes):
    return sync.push(user, validated(*changes))


def state(user):
    """The diary as every device must end: live entries' texts and their kept texts."""
    return {
        str(e.uuid): (e.deleted, e.notes, sorted(k.data["notes"] for k in e.kept.all()))
        for e in Entry.objects.filter(user=user)
    }


def kept(entry_id):
    return [k.data["notes"] for k in EntryVersion.objects.filter(entry__uuid=entry_id)]


def test_it_creates_entries_with_increasing_versions(alice):
    results = push(alice, change(notes="a"), change(notes="b"))
    assert [r["status"] for r in results] == ["applied", "applied"]
    assert [r["version"] for r in results] == [1, 2]
    assert Entry.objects.filter(user=alice).count() == 2


def test_it_applies_the_same_change_twice_as_one(alice):
    first = change(notes="Rücken")
    push(alice, first)
    (result,) = push(alice, first)
    assert (result["status"], result["won"]) == ("duplicate", True)
    assert Entry.objects.get().notes == "Rücken"
    # The version rises: a device that skipped the entry while the change waited pulls it again.
    assert result["version"] == 2


def test_it_applies_an_edit_of_what_the_device_showed(alice):
    first = change(notes="first")
    (result,) = push(alice, change(first["id"], [first], when=2, notes="second"))
    assert result["status"] == "applied"
    entry = Entry.objects.get()
    assert (entry.notes, entry.conflict) == ("second", False)
    assert not EntryVersion.objects.exists()


def test_it_keeps_the_version_of_another_device_made_from_the_same_base(alice):
    first = change(notes="original")
    push(alice, first)
    push(alice, change(first["id"], [first], when=5, notes="phone, later"))
    (result,) = push(alice, change(first["id"], [first], when=3, notes="tablet, earlier"))
    assert (result["status"], result["won"]) == ("applied", False)
    entry = Entry.objects.get()
    assert (entry.notes, entry.conflict) == ("phone, later", True)
    assert kept(first["id"]) == ["tablet, earlier"]


def test_it_orders_equal_stamps_by_change_id_and_keeps_both(alice):
    first = change(notes="original")
    a = change(
        first["id"], [first], when=5, notes="A", change_id="00000000-0000-4000-8000-000000000001"
    )
    b = change(
        first["id"], [first], when=5, notes="B", change_id="00000000-0000-4000-8000-000000000002"
    )
    push(alice, first, a, b)
    assert state(alice)[first["id"]] == (False, "B", ["A"])


def test_it_deletes_as_a_tombstone_without_health_data(alice):
    first = change(notes="private")
    push(alice, first)
    push(alice, change(first["id"], [first], when=2, deleted=True))
    entry = Entry.objects.get()
    assert entry.deleted is True
    assert (entry.notes, entry.intensity, entry.started_at) == ("", None, None)
    rows, _, _ = sync.pull(alice, 1)
    assert [(r.uuid, r.deleted) for r in rows] == [(entry.uuid, True)]


def test_it_takes_a_tombstone_for_an_id_it_never_had(alice):
    gone = change(deleted=True)
    (result,) = push(alice, gone)
    assert result["status"] == "applied"
    entry = Entry.objects.get()
    assert entry.deleted is True
    # The entry's create arriving later (a lost answer, then a discard) stays gone.
    push(alice, change(gone["id"], change_id=uuid.uuid4(), notes="late create"))
    # ... unless it replaces nothing the tombstone replaced: then it is a version nobody saw.
    assert Entry.objects.get().deleted is False


def test_it_never_brings_back_a_version_replaced_before_it_arrived(alice):
    first = change(notes="original")
    late = change(first["id"], [first], when=2, notes="late edit")
    push(alice, first, change(first["id"], [first, late], when=3, deleted=True))
    (result,) = push(alice, late)
    assert (result["status"], result["won"]) == ("applied", False)
    assert state(alice)[first["id"]] == (True, "", [])


def test_it_keeps_a_kept_version_through_an_ordinary_save(alice):
    """Audit finding 3: a save of the current version, not of the kept one, keeps the kept one."""
    first = change(notes="original")
    a = change(first["id"], [first], when=5, notes="A")
    b = change(first["id"], [first], when=3, notes="B, acknowledged")
    push(alice, first, a, b)
    note = change(first["id"], [a], when=6, notes="C saw the mark and saved a note")
    push(alice, note)
    entry = Entry.objects.get()
    assert (entry.notes, entry.conflict) == ("C saw the mark and saved a note", True)
    assert kept(first["id"]) == ["B, acknowledged"]
    # A deletion by a device that never saw the kept version leaves it as the entry.
    push(alice, change(first["id"], [note], when=7, deleted=True))
    assert state(alice)[first["id"]] == (False, "B, acknowledged", [])


def test_it_takes_the_kept_versions_along_with_a_deletion_that_showed_them(alice):
    first = change(notes="original")
    a = change(first["id"], [first], when=5, notes="A")
    b = change(first["id"], [first], when=3, notes="B")
    push(alice, first, a, b)
    push(alice, change(first["id"], [a, b], when=8, deleted=True))
    assert state(alice)[first["id"]] == (True, "", [])
    assert not EntryVersion.objects.exists()


def test_it_settles_a_conflict_only_by_a_change_that_replaces_both(alice):
    first = change(notes="original")
    a = change(first["id"], [first], when=5, notes="A")
    b = change(first["id"], [first], when=3, notes="B")
    push(alice, first, a, b)
    push(alice, change(first["id"], [a, b], when=9, notes="B, taken over"))
    assert state(alice)[first["id"]] == (False, "B, taken over", [])
    assert Entry.objects.get().conflict is False


def test_it_ends_two_deletions_the_same_in_either_order(alice):
    """Audit finding 6: C deletes X seeing t0, A deletes X after seeing B's edit t1."""
    t0 = change(notes="t0")
    t1 = change(t0["id"], [t0], when=2, notes="t1 (B, acknowledged)")
    by_c = change(t0["id"], [t0], when=3, deleted=True)
    by_a = change(t0["id"], [t1], when=4, deleted=True)
    outcomes = set()
    for order in ([by_c, by_a], [by_a, by_c]):
        User.objects.filter(username="order@example.org").delete()
        user = User.objects.create_user("order@example.org", "order@example.org", "x")
        push(user, t0)
        push(user, t1)
        for deletion in order:
            push(user, deletion)
        outcomes.add(repr(state(user)))
        assert state(user)[t0["id"]] == (True, "", [])
    assert len(outcomes) == 1


def test_it_brings_back_an_entry_edited_from_a_version_the_deletion_never_saw(alice):
    first = change(notes="original")
    push(alice, first, change(first["id"], [first], when=9, deleted=True))
    push(alice, change(first["id"], [first], when=2, notes="still needed"))
    entry = Entry.objects.get()
    assert (entry.deleted, entry.notes) == (False, "still needed")


def test_it_ends_in_the_same_diary_in_every_order_of_the_same_changes(alice):
    x = change(notes="x0")
    x1 = change(x["id"], [x], when=2, notes="x1")
    x2 = change(x["id"], [x], when=2, notes="x2, same stamp")
    gone = change(x["id"], [x1], when=3, deleted=True)
    settle = change(x["id"], [x1, x2], when=4, notes="settled")
    y = change(notes="y0")
    y_gone = change(y["id"], [y], when=5, deleted=True)
    changes = [x1, x2, gone, settle, y_gone]
    outcomes = set()
    for n, order in enumerate(itertools.permutations(changes)):
        user = User.objects.create(username=f"u{n}@example.org")
        push(user, x, y)
        for one in order:
            push(user, one)
        outcomes.add(repr(sorted(state(user).items())))
    assert len(outcomes) == 1


def test_it_pulls_in_change_order_in_bounded_pages(alice):
    for n in range(7):
        push(alice, change(notes=str(n)))
    rows, cursor, more = sync.pull(alice, 0, limit=3)
    assert [r.version for r in rows] == [1, 2, 3]
    assert (cursor, more) == (3, True)
    rows, cursor, more = sync.pull(alice, 6, limit=3)
    assert [r.version for r in rows] == [7]
    assert (cursor, more) == (7, False)
    assert sync.pull(alice, 7) == ([], 7, False)


def test_it_starts_over_when_a_cursor_is_ahead_of_the_server(alice):
    push(alice, change(notes="a"))
    rows, cursor, _ = sync.pull(alice, 99)
    assert (len(rows), cursor) == (1, 1)


def test_it_keeps_users_apart(alice):
    bob = User.objects.create_user("bob@example.org", "bob@example.org", "x")
    shared = change(notes="alice")
    push(alice, shared)
    (result,) = push(bob, {**shared, "data": {**shared["data"], "notes": "bob"}})
    assert result == {**result, "status": "applied", "version": 1}
    assert sorted(Entry.objects.values_list("notes", flat=True)) == ["alice", "bob"]
    assert [r.notes for r in sync.pull(bob, 0)[0]] == ["bob"]
