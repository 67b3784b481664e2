"""A push is one validation pass and one upsert, whatever its size: no serializer built per
change, no per-row UPDATE and no CASE over the whole batch."""

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext

from diary import serializers, sync
from diary.models import Entry
from tests.diary.helpers import change, validated

pytestmark = pytest.mark.django_db


@pytest.fixture
def user():
    return User.objects.create_user("hal@example.org", "hal@example.org", "x")


def entry_writes(queries):
    return [q["sql"] for q in queries if q["sql"].lstrip().startswith(("INSERT", "UPDATE"))
            and '"diary_entry"' in q["sql"].split("(")[0]]  # fmt: skip


def test_it_writes_new_entries_and_edits_of_a_batch_as_one_upsert(user):
    old = [change(notes=f"old {n}") for n in range(30)]
    sync.push(user, validated(*old))
    edits = [change(c["id"], [c], when=9, notes="edited") for c in old]
    batch = validated(*edits, *(change(notes=f"new {n}") for n in range(30)))
    with CaptureQueriesContext(connection) as queries:
        results = sync.push(user, batch)
    assert {r["status"] for r in results} == {"applied"}
    writes = entry_writes(queries)
    assert writes and all(w.startswith("INSERT") and "ON CONFLICT" in w for w in writes)
    assert not any("CASE WHEN" in w for w in writes)
    assert Entry.objects.filter(notes="edited").count() == 30
    assert Entry.objects.filter(notes__startswith="new").count() == 30
    assert sorted(Entry.objects.values_list("version", flat=True)) == list(range(31, 91))


def test_it_builds_no_serializer_per_change(monkeypatch):
    built = []
    init = serializers.ChangeSerializer.__init__

    def counting(self, *args, **kwargs):
        built.append(self)
        init(self, *args, **kwargs)

    monkeypatch.setattr(serializers.ChangeSerializer, "__init__", counting)
    monkeypatch.setattr(serializers.EntryDataSerializer, "__init__", counting)
    valid, rejected = serializers.checked_changes([change(), {"id": "x"}, change()] * 20)
    assert (len(valid), len(rejected), built) == (40, 20, [])
