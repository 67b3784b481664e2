"""Concurrent pushes of one user get gap-free, unique versions in commit order. This needs
real row locks, so it runs on PostgreSQL (scripts/test-postgres.sh, part of `make test`)."""

import threading
import uuid

import pytest
from django.contrib.auth.models import User
from django.db import connection

from diary import sync
from diary.models import Entry
from tests.diary.helpers import change, validated

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks"),
]


def test_it_numbers_concurrent_pushes_without_gaps_or_repeats():
    user = User.objects.create_user(f"{uuid.uuid4()}@example.org")
    batches = [validated(*[change(notes=f"{n}-{i}") for i in range(50)]) for n in range(6)]
    errors = []

    def push(batch):
        try:
            sync.push(user, batch)
        except Exception as error:  # noqa: BLE001 - collected and asserted below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=push, args=(batch,)) for batch in batches]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    versions = sorted(Entry.objects.filter(user=user).values_list("version", flat=True))
    assert versions == list(range(1, 301))
    rows, cursor, more = sync.pull(user, 0, limit=1000)
    assert [row.version for row in rows] == versions
    assert (cursor, more) == (300, False)
