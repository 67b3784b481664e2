"""Building diary changes as a device sends them."""

import uuid
from datetime import UTC, datetime, timedelta

from diary.serializers import checked_changes

T0 = datetime(2026, 11, 1, 8, 0, tzinfo=UTC)


def at(minutes):
    return (T0 + timedelta(minutes=minutes)).isoformat()


def data(**fields):
    return {"started_at": at(0), "intensity": 5, **fields}


def change(entry_id=None, replaces=(), when=1, deleted=False, change_id=None, **fields):
    """A change with an id of its own, replacing the versions (change ids, or changes) named."""
    return {
        "id": str(entry_id or uuid.uuid4()),
        "change": str(change_id or uuid.uuid4()),
        "replaces": [r["change"] if isinstance(r, dict) else str(r) for r in replaces],
        "client_updated_at": at(when),
        "deleted": deleted,
        "data": {} if deleted else data(**fields),
    }


def validated(*changes):
    valid, rejected = checked_changes(list(changes))
    assert not rejected, rejected
    return valid
