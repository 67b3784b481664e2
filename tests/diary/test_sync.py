import uuid

import pytest
from django.contrib.auth.models import User

from diary import sync
from diary.models import Entry, EntryVersion
from tests.diary.helpers import change, validated

pytestmark = pytest.mark.django_db


@pytest.fixture
def alice():
    return User.objects.create_user("alice@example.org", "alice@example.org", "x")


def push(user, *changes):
    return sync.push(user, validated(*changes))


def test_it_creates_entries_with_increasing_versions(alice):
    results = push(alice, change(notes="a"), change(notes="b"))
    assert [r["status"] for r in results] == ["applied", "applied"]
    assert [r["version"] for r in results] == [1, 2]
    assert Entry.objects.filter(user=alice).count() == 2


def test_it_applies_the_same_change_twice_as_one(alice):
    first = change(notes="Rücken")
    push(alice, first)
    (result,) = push(alice, first)
    assert result["status"] == "duplicate"
    assert result["version"] == 1
    assert Entry.objects.get().version == 1


def test_it_applies_an_edit_based_on_the_current_version(alice):
    entry_id = uuid.uuid4()
    push(alice, change(entry_id, notes="first"))
    (result,) = push(alice, change(entry_id, base=1, when=2, notes="second"))
    assert result["status"] == "applied"
    entry = Entry.objects.get()
    assert (entry.notes, entry.version, entry.conflict) == ("second", 2, False)
    assert not EntryVersion.objects.exists()


def test_it_keeps_the_losing_text_of_a_conflict_in_the_history(alice):
    entry_id = uuid.uuid4()
    push(alice, change(entry_id, notes="original"))
    push(alice, change(entry_id, base=1, when=5, notes="phone, later"))
    (result,) = push(alice, change(entry_id, base=1, when=3, notes="tablet, earlier"))
    assert result["status"] == "conflict"
    entry = Entry.objects.get()
    assert entry.notes == "phone, later"
    assert entry.conflict is True
    assert [h.data["notes"] for h in entry.history.all()] == ["tablet, earlier"]


def test_it_lets_the_later_edit_win_even_when_it_arrives_last(alice):
    entry_id = uuid.uuid4()
    push(alice, change(entry_id, notes="original"))
    push(alice, change(entry_id, base=1, when=3, notes="tablet, earlier"))
    push(alice, change(entry_id, base=1, when=5, notes="phone, later"))
    entry = Entry.objects.get()
    assert entry.notes == "phone, later"
    assert [h.data["notes"] for h in entry.history.all()] == ["tablet, earlier"]


def test_it_deletes_as_a_tombstone_without_health_data(alice):
    entry_id = uuid.uuid4()
    push(alice, change(entry_id, notes="private", intensity=8))
    push(alice, change(entry_id, base=1, when=2, deleted=True))
    entry = Entry.objects.get()
    assert entry.deleted is True
    assert (entry.notes, entry.intensity, entry.started_at) == ("", None, None)
    rows, cursor, more = sync.pull(alice, 1)
    assert [(r.uuid, r.deleted) for r in rows] == [(entry_id, True)]


def test_it_keeps_an_edit_that_loses_to_a_later_delete(alice):
    entry_id = uuid.uuid4()
    push(alice, change(entry_id, notes="original"))
    push(alice, change(entry_id, base=1, when=9, deleted=True))
    push(alice, change(entry_id, base=1, when=4, notes="typed offline"))
    entry = Entry.objects.get()
    assert entry.deleted is True
    assert [h.data["notes"] for h in entry.history.all()] == ["typed offline"]


def test_it_brings_back_an_entry_edited_after_it_was_deleted_elsewhere(alice):
    entry_id = uuid.uuid4()
    push(alice, change(entry_id, notes="original"))
    push(alice, change(entry_id, base=1, when=4, deleted=True))
    push(alice, change(entry_id, base=1, when=9, notes="still needed"))
    entry = Entry.objects.get()
    assert (entry.deleted, entry.notes) == (False, "still needed")


def test_it_pulls_in_change_order_in_bounded_pages(alice):
    push(alice, *[change(notes=str(i)) for i in range(7)])
    rows, cursor, more = sync.pull(alice, 0, limit=3)
    assert [r.version for r in rows] == [1, 2, 3]
    assert (cursor, more) == (3, True)
    rows, cursor, more = sync.pull(alice, cursor, limit=3)
    rows, cursor, more = sync.pull(alice, cursor, limit=3)
    assert [r.version for r in rows] == [7]
    assert (cursor, more) == (7, False)
    assert sync.pull(alice, 7) == ([], 7, False)


def test_it_starts_over_when_a_cursor_is_ahead_of_the_server(alice):
    push(alice, change())
    rows, cursor, _ = sync.pull(alice, 99)
    assert (len(rows), cursor) == (1, 1)


def test_it_keeps_users_apart(alice):
    bob = User.objects.create_user("bob@example.org", "bob@example.org", "x")
    shared_id = uuid.uuid4()
    push(alice, change(shared_id, notes="alice"))
    (result,) = push(bob, change(shared_id, notes="bob"))
    assert result == {**result, "status": "applied", "version": 1}
    assert sorted(Entry.objects.values_list("notes", flat=True)) == ["alice", "bob"]
    assert [r.notes for r in sync.pull(bob, 0)[0]] == ["bob"]
