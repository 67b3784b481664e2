import itertools
import uuid
from datetime import timedelta

import pytest
from django.contrib.auth.models import User

from diary import sync
from diary.models import Entry, EntryVersion, SyncState
from tests.diary.helpers import T0, change, validated


def at_(minutes):
    return T0 + timedelta(minutes=minutes)


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


def test_it_keeps_an_edit_that_loses_to_a_later_delete_as_an_entry_of_its_own(alice):
    entry_id = uuid.uuid4()
    push(alice, change(entry_id, notes="original"))
    push(alice, change(entry_id, base=1, when=9, deleted=True))
    (result,) = push(alice, change(entry_id, base=1, when=4, notes="typed offline"))
    assert (result["status"], result["won"]) == ("conflict", False)
    deleted = Entry.objects.get(uuid=entry_id)
    assert deleted.deleted is True
    assert not EntryVersion.objects.exists()
    kept = Entry.objects.get(deleted=False)
    assert kept.uuid != entry_id
    assert (kept.notes, kept.conflict) == ("typed offline", True)
    (again,) = push(alice, change(entry_id, base=1, when=4, notes="typed offline"))
    assert (again["status"], again["won"]) == ("duplicate", False)
    assert Entry.objects.filter(deleted=False).count() == 1


def test_it_keeps_two_devices_edits_with_the_same_stamp_that_lose_to_a_deletion(alice):
    """Found by the chaos run: phones whose clocks lag stamp "last + 1 ms", so two of them can
    send different edits with the same stamp; both must be kept."""
    entry_id = uuid.uuid4()
    push(alice, change(entry_id, notes="original"))
    push(alice, change(entry_id, base=1, when=9, deleted=True))
    push(alice, change(entry_id, base=1, when=4, notes="phone"))
    push(alice, change(entry_id, base=1, when=4, notes="tablet"))
    kept = sorted(Entry.objects.filter(deleted=False).values_list("notes", flat=True))
    assert kept == ["phone", "tablet"]


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


def outcome(user):
    return sorted(
        (str(e.uuid), e.deleted, e.notes, e.client_updated_at)
        for e in Entry.objects.filter(user=user)
    )


# Finding 2 of issue 8: a second deletion kept the first one's stamp.
@pytest.mark.parametrize(
    "order", [(0, 1, 2), (0, 2, 1), (1, 0, 2), (1, 2, 0), (2, 0, 1), (2, 1, 0)]
)
def test_it_lets_a_later_deletion_win_over_an_edit_whatever_the_order(alice, order):
    entry_id = uuid.uuid4()
    push(alice, change(entry_id, notes="original"))
    changes = [
        change(entry_id, base=1, when=4, deleted=True),
        change(entry_id, base=1, when=5, notes="edited between"),
        change(entry_id, base=1, when=9, deleted=True),
    ]
    for index in order:
        push(alice, changes[index])
    entry = Entry.objects.get(uuid=entry_id)
    assert (entry.deleted, entry.client_updated_at) == (True, at_(9))
    # The edit the deleting devices had not seen stays, as an entry of its own.
    assert [e.notes for e in Entry.objects.filter(deleted=False)] == ["edited between"]


def test_it_ends_in_the_same_diary_whatever_the_order_of_deletions_and_edits(alice):
    entry_id = uuid.uuid4()
    changes = [
        change(entry_id, base=1, when=4, deleted=True),
        change(entry_id, base=1, when=5, notes="phone"),
        change(entry_id, base=1, when=6, notes="tablet"),
        change(entry_id, base=1, when=9, deleted=True),
    ]
    outcomes = set()
    for order in itertools.permutations(range(4)):
        Entry.objects.all().delete()
        SyncState.objects.all().delete()
        push(alice, change(entry_id, notes="original"))
        for index in order:
            push(alice, changes[index])
        outcomes.add(tuple(outcome(alice)))
    assert len(outcomes) == 1


# Finding 3 of issue 8: history versions kept their health data after the entry was deleted.
def test_it_deletes_the_history_with_the_entry(alice):
    entry_id = uuid.uuid4()
    push(alice, change(entry_id, notes="original"))
    push(alice, change(entry_id, base=1, when=5, notes="phone", intensity=9))
    push(alice, change(entry_id, base=1, when=3, notes="tablet"))
    assert EntryVersion.objects.count() == 1
    push(alice, change(entry_id, base=3, when=7, deleted=True))
    assert not EntryVersion.objects.exists()
    assert Entry.objects.get().deleted is True


def test_it_keeps_a_lost_version_the_deleting_device_never_saw(alice):
    entry_id = uuid.uuid4()
    push(alice, change(entry_id, notes="original"))
    push(alice, change(entry_id, base=1, when=5, notes="phone"))
    push(alice, change(entry_id, base=1, when=3, notes="tablet"))  # lost: history at v3
    (result,) = push(alice, change(entry_id, base=2, when=7, deleted=True))
    assert result["status"] == "applied"
    assert not EntryVersion.objects.exists()
    assert [e.notes for e in Entry.objects.filter(deleted=False)] == ["tablet"]


# Finding 5 of issue 8: after a lost answer the device's next edit conflicted with itself, and
# every resend of a losing change wrote one more history row.
def test_it_never_lets_a_device_conflict_with_itself(alice):
    phone = uuid.uuid4()
    entry_id = uuid.uuid4()
    sync.push(alice, validated(change(entry_id, notes="original")), phone)
    sync.push(alice, validated(change(entry_id, base=1, when=2, notes="first")), phone)
    # The answer was lost: the phone still bases its next edit on version 1.
    (result,) = sync.push(alice, validated(change(entry_id, base=1, when=3, notes="second")), phone)
    assert (result["status"], result["won"]) == ("applied", True)
    entry = Entry.objects.get()
    assert (entry.notes, entry.conflict) == ("second", False)
    assert not EntryVersion.objects.exists()


def test_it_still_sees_a_conflict_with_another_device_from_the_same_base(alice):
    phone, tablet = uuid.uuid4(), uuid.uuid4()
    entry_id = uuid.uuid4()
    sync.push(alice, validated(change(entry_id, notes="original")), phone)
    sync.push(alice, validated(change(entry_id, base=1, when=2, notes="phone")), phone)
    (result,) = sync.push(
        alice, validated(change(entry_id, base=1, when=3, notes="tablet")), tablet
    )
    assert result["status"] == "conflict"
    assert [h.data["notes"] for h in EntryVersion.objects.all()] == ["phone"]


def test_it_keeps_a_resent_losing_change_once(alice):
    entry_id = uuid.uuid4()
    push(alice, change(entry_id, notes="original"))
    push(alice, change(entry_id, base=1, when=5, notes="phone, later"))
    losing = change(entry_id, base=1, when=3, notes="tablet, earlier")
    push(alice, losing)
    (result,) = push(alice, losing)
    assert (result["status"], result["won"]) == ("duplicate", False)
    assert EntryVersion.objects.count() == 1


# Finding 1 of issue 8 (server side): the answer says that a change lost, so the device keeps
# its base; its next edit from that base is a conflict again and keeps the winner's text.
def test_it_says_that_a_change_lost_and_keeps_the_winner_when_the_loser_edits_again(alice):
    phone, tablet = uuid.uuid4(), uuid.uuid4()
    entry_id = uuid.uuid4()
    sync.push(alice, validated(change(entry_id, notes="original")), phone)
    sync.push(
        alice, validated(change(entry_id, base=1, when=9, notes="phone, acknowledged")), phone
    )
    sync.push(alice, validated(*[change(notes=f"{i}") for i in range(500)]), phone)
    (lost,) = sync.push(alice, validated(change(entry_id, base=1, when=3, notes="tablet")), tablet)
    assert (lost["status"], lost["won"]) == ("conflict", False)
    sync.push(alice, validated(change(entry_id, base=1, when=12, notes="tablet again")), tablet)
    entry = Entry.objects.get(uuid=entry_id)
    texts = {entry.notes, *(h.data["notes"] for h in entry.history.all())}
    assert "phone, acknowledged" in texts


def test_it_takes_a_late_resend_for_what_it_is_not_for_a_new_change(alice):
    phone, tablet = uuid.uuid4(), uuid.uuid4()
    entry_id = uuid.uuid4()
    sync.push(alice, validated(change(entry_id, notes="original")), phone)
    first = change(entry_id, base=1, when=5, notes="phone, first")
    sync.push(alice, validated(first), phone)
    sync.push(alice, validated(change(entry_id, base=2, when=3, notes="tablet, on top")), tablet)
    (result,) = sync.push(alice, validated(first), phone)  # the same request, arriving late
    assert (result["status"], result["won"]) == ("duplicate", False)
    entry = Entry.objects.get()
    assert (entry.notes, entry.conflict) == ("tablet, on top", False)
    assert not EntryVersion.objects.exists()


def test_it_tells_an_earlier_deletion_that_a_later_one_won(alice):
    """Found by the chaos run: the device of the earlier deletion kept its own stamp."""
    entry_id = uuid.uuid4()
    push(alice, change(entry_id, notes="original"))
    push(alice, change(entry_id, base=1, when=9, deleted=True))
    (result,) = push(alice, change(entry_id, base=1, when=4, deleted=True))
    assert (result["status"], result["won"]) == ("conflict", False)
    rows, _, _ = sync.pull(alice, 2)  # the device had pulled up to the later deletion
    assert [(r.deleted, r.client_updated_at) for r in rows] == [(True, at_(9))]
