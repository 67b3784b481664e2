"""The diary's merge rules: how pushed changes are applied, and what a device pulls.

Protocol (DESIGN.md): a device sends `{cursor, changes}`; each change names the entry (a UUID
made on the device), the server version it was based on, its `client_updated_at`, whether it
deletes, and the entry's data. The server applies the changes in one transaction under a lock
on the user's SyncState row, numbering every write from the user's change sequence, and
answers with what changed since the cursor.

- Same entry, same content again (a retry): nothing changes ("duplicate").
- Based on the entry's current version: applied ("applied").
- Based on an older version (edited on two devices): the later `client_updated_at` wins, the
  other version goes into the entry's history and the entry is marked as conflicted
  ("conflict"). A deletion that loses, or loses to, another version keeps nothing to show, so
  no history row is written for it; typed text is never dropped.
"""

from django.db import transaction

from diary.models import Entry, EntryVersion, SyncState

DATA_FIELDS = (
    "started_at",
    "duration_minutes",
    "intensity",
    "intensity_after",
    "regions",
    "triggers",
    "measures",
    "redflag",
    "notes",
)
BATCH_LIMIT = 500
EMPTY = {field: None for field in DATA_FIELDS} | {
    "regions": [],
    "triggers": [],
    "measures": [],
    "notes": "",
}


def data_of(entry):
    return {} if entry.deleted else {field: getattr(entry, field) for field in DATA_FIELDS}


def same_content(entry, change):
    if entry.deleted and change["deleted"]:
        return True  # gone is gone, whichever device said it last
    return (
        entry.deleted == change["deleted"]
        and entry.client_updated_at == change["client_updated_at"]
        and data_of(entry) == {**EMPTY, **change["data"]}
    )


def write(entry, change, version, conflict):
    entry.version = version
    entry.client_updated_at = change["client_updated_at"]
    entry.deleted = change["deleted"]
    entry.conflict = conflict
    # A tombstone keeps no health data.
    for field, value in (EMPTY if change["deleted"] else {**EMPTY, **change["data"]}).items():
        setattr(entry, field, value)


def loser(entry_like, replaced_at_version):
    """A history row for the version that lost, or None when it holds nothing to keep."""
    if entry_like["deleted"]:
        return None
    data = {**EMPTY, **entry_like["data"]}
    return EntryVersion(
        data={**data, "started_at": data["started_at"] and data["started_at"].isoformat()},
        client_updated_at=entry_like["client_updated_at"],
        deleted=False,
        replaced_at_version=replaced_at_version,
    )


def as_change(entry):
    return {
        "deleted": entry.deleted,
        "client_updated_at": entry.client_updated_at,
        "data": data_of(entry),
    }


@transaction.atomic
def push(user, changes):
    """Apply a batch of validated changes; returns one result per change, in order."""
    SyncState.objects.get_or_create(user=user)
    state = SyncState.objects.select_for_update().get(user=user)
    entries = {
        e.uuid: e for e in Entry.objects.filter(user=user, uuid__in=[c["id"] for c in changes])
    }
    created, updated, history, results = {}, {}, [], []

    def next_version():
        state.last_version += 1
        return state.last_version

    for change in changes:
        entry = entries.get(change["id"])
        if entry is None:
            entry = Entry(user=user, uuid=change["id"])
            write(entry, change, next_version(), conflict=False)
            entries[entry.uuid] = created[entry.uuid] = entry
            status = "applied"
        elif same_content(entry, change):
            status = "duplicate"
        elif change["base_version"] == entry.version:
            write(entry, change, next_version(), conflict=False)
            status = "applied"
        else:
            version = next_version()
            if change["client_updated_at"] > entry.client_updated_at:
                lost = loser(as_change(entry), version)
                write(entry, change, version, conflict=lost is not None)
            else:
                lost = loser(change, version)
                entry.version = version
                entry.conflict = entry.conflict or lost is not None
            if lost is not None:
                lost.entry = entry
                history.append(lost)
            status = "conflict"
        if entry.uuid not in created and status != "duplicate":
            updated[entry.uuid] = entry
        results.append(
            {
                "id": change["id"],
                "version": entry.version,
                "client_updated_at": change["client_updated_at"],
                "status": status,
            }
        )

    Entry.objects.bulk_create(created.values())
    Entry.objects.bulk_update(
        updated.values(), ["version", "client_updated_at", "deleted", "conflict", *DATA_FIELDS]
    )
    EntryVersion.objects.bulk_create(history)
    state.save(update_fields=["last_version"])
    return results


def pull(user, cursor, limit=BATCH_LIMIT):
    """What changed after `cursor`, in change order: (rows, new cursor, more to come)."""
    last = SyncState.objects.filter(user=user).values_list("last_version", flat=True).first() or 0
    if cursor > last:
        cursor = 0  # the server's diary was reset: send the device everything again
    rows = list(
        Entry.objects.filter(user=user, version__gt=cursor).order_by("version")[: limit + 1]
    )
    more = len(rows) > limit
    rows = rows[:limit]
    return rows, (rows[-1].version if rows else cursor), more
