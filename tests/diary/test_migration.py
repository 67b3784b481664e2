"""Diaries of the first sync design, upgraded (issue 17): server rows by migration 0005 (every
history row of a live entry becomes a kept version, marked), and a phone's IndexedDB written by
the first design's client by diary-store.js's version 3 (tests/diary/node/upgrade.mjs)."""

import uuid
from datetime import UTC, datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from tests.diary.node_support import NODE, run_node

NOW = datetime(2026, 11, 1, tzinfo=UTC)


def migrate(target):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate([("diary", target)])
    return MigrationExecutor(connection).loader.project_state([("diary", target)]).apps


@pytest.mark.django_db(transaction=True)
def test_it_turns_the_history_of_live_entries_into_kept_versions_and_marks_them():
    old = migrate("0004_entry_for_doctor")
    user = old.get_model("auth", "User").objects.create(username="migrated@example.org")
    Entry, EntryVersion = old.get_model("diary", "Entry"), old.get_model("diary", "EntryVersion")
    base = {"user_id": user.pk, "client_updated_at": NOW, "started_at": NOW, "intensity": 4}
    # An ordinary save had cleared the mark: the kept version was unreachable in the app.
    hidden = Entry.objects.create(uuid=uuid.uuid4(), version=3, notes="current", **base)
    EntryVersion.objects.create(
        entry=hidden,
        data={"notes": "acknowledged, hidden"},
        client_updated_at=NOW,
        deleted=False,
        replaced_at_version=2,
    )
    gone = Entry.objects.create(uuid=uuid.uuid4(), version=4, deleted=True, user_id=user.pk,
                                client_updated_at=NOW)  # fmt: skip
    EntryVersion.objects.create(
        entry=gone, data={"notes": "x"}, client_updated_at=NOW, deleted=False, replaced_at_version=4
    )
    try:
        new = migrate("0005_kept_versions")
        Entry = new.get_model("diary", "Entry")
        entry = Entry.objects.get(pk=hidden.pk)
        assert entry.conflict is True and entry.change is not None
        assert [k.data["notes"] for k in entry.kept.all()] == ["acknowledged, hidden"]
        assert set(entry.known) == {str(entry.change), str(entry.kept.get().change)}
        tombstone = Entry.objects.get(pk=gone.pk)
        assert (tombstone.change, list(tombstone.kept.all())) == (None, [])
        # The id the phone computes for the row (diary-store.js, migratedId) is the server's.
        if NODE:
            ids = run_node("upgrade.mjs", {"ids": [[str(hidden.uuid), 3]]})["migrated"]
            assert ids == [str(entry.change)]
    finally:
        migrate("0005_kept_versions")
        new.get_model("auth", "User").objects.all().delete()


@pytest.mark.skipif(not NODE, reason="needs Node (Debian package nodejs)")
def test_it_upgrades_a_phones_diary_written_by_the_first_design():
    result = run_node("upgrade.mjs", {"ids": []})
    records = {r["id"]: r for r in result["entries"]}
    synced, imported = (
        records["11111111-1111-4111-8111-111111111111"],
        records["22222222-2222-4222-8222-222222222222"],
    )
    # Records carry the account they last synced with, known by its address until the next sync.
    assert synced["account"] == "email:anna@example.org"
    assert (synced["change"], synced["kept"]) == (None, [])
    # An import's other version, kept only locally before, is a kept version queued for the server.
    assert [k["data"]["notes"] for k in imported["kept"]] == ["file version"]
    queued = {c["change"]: c for c in result["outbox"]}
    assert queued[imported["kept"][0]["change"]]["replaces"] == []
    # The change waiting from before names the version it was based on, as the server migrated it.
    (waiting,) = [
        c
        for c in result["outbox"]
        if c["id"] == imported["id"] and c["data"]["notes"] == "edited offline"
    ]
    assert waiting["legacy"] == 5 and imported["change"] == waiting["change"]
    assert result["meta"] == {"holder": "email:anna@example.org", "cursor": 0}
    assert result["sent"][0]["replaces"] == [result["migrated_of_5"]]
