"""Building diary changes as a device sends them."""

import uuid
from datetime import UTC, datetime, timedelta

from diary.serializers import checked_changes

T0 = datetime(2026, 11, 1, 8, 0, tzinfo=UTC)


def at(minutes):
    return (T0 + timedelta(minutes=minutes)).isoformat()


def data(**fields):
    return {"started_at": at(0), "intensity": 5, **fields}


def change(entry_id=None, base=None, when=1, deleted=False, **fields):
    return {
        "id": str(entry_id or uuid.uuid4()),
        "base_version": base,
        "client_updated_at": at(when),
        "deleted": deleted,
        "data": {} if deleted else data(**fields),
    }


def validated(*changes):
    valid, rejected = checked_changes(list(changes))
    assert not rejected, rejected
    return valid
