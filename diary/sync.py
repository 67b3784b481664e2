"""The diary's merge rules: how pushed changes are applied, and what a device pulls.

Protocol (docs/architecture.md, second design): a device sends `{cursor, changes}`; each change
has an id of its own (`change`, made on the device), names its entry (`id`), the versions it
replaces (`replaces`: the change ids of what the person saw), its `client_updated_at`, whether it
deletes, and the entry's data. The server applies a batch in one transaction under a lock on
the user's SyncState row, numbering every write from the user's change sequence, and answers
each change with its own result, then with what changed since the cursor.

An entry's versions are the changes no received change replaces (CouchDB's leaves):
- A change received before changes nothing: "duplicate". Its
  entry's version rises all the same: its device may have skipped the entry in a pull while
  the change waited, and must pull it again.
- Otherwise it is received, and the ids it replaces are known as replaced; the versions it
  replaces go, with their health data; an edit becomes a version of its own unless a change
  received before replaced it: "applied".
- The version with the latest (client_updated_at, change) is the entry's content; the others are
  kept versions (EntryVersion) and mark the entry "changed on two devices". No version left: the
  entry is a tombstone, with no health data.
So the versions left depend only on the set of changes received, never on their order; and an
ordinary save, which replaces only what it showed, never clears a kept version.
Invalid changes never get here: the API answers them "rejected" and applies the rest.
"""

from datetime import UTC, datetime

from django.db import transaction

from diary import schema
from diary.models import Entry, EntryVersion, SyncState

DATA_FIELDS = schema.NAMES
BATCH_LIMIT = schema.BATCH_LIMIT
# What a push writes to an entry; its user and uuid never change.
WRITTEN_FIELDS = [
    "version",
    "client_updated_at",
    "deleted",
    "conflict",
    "change",
    "known",
    *DATA_FIELDS,
]
EMPTY = schema.EMPTY


def data_of(entry):
    return {} if entry.deleted else {field: getattr(entry, field) for field in DATA_FIELDS}


def full(data):
    return {**EMPTY, **data}


def instant(value):
    return value.astimezone(UTC).isoformat() if isinstance(value, datetime) else str(value)


def stored(data):
    """Entry data as a kept version keeps it (JSON)."""
    data = full(data)
    return {**data, "started_at": data["started_at"] and instant(data["started_at"])}


def loaded(data):
    """A kept version's data as the entry's columns take it."""
    return {**data, "started_at": data["started_at"] and datetime.fromisoformat(data["started_at"])}


def order(version):
    """Which version the entry shows: the latest stamp; equal stamps by change id (unique)."""
    return (version["client_updated_at"], str(version["change"]))


class Batch:
    """One push: the locked sequence, the entries it touches and what to write at the end."""

    def __init__(self, user, changes):
        SyncState.objects.get_or_create(user=user)
        self.state = SyncState.objects.select_for_update().get(user=user)
        self.user = user
        entries = Entry.objects.filter(user=user, uuid__in={c["id"] for c in changes})
        self.entries = {e.uuid: e for e in entries.prefetch_related("kept")}
        self.versions = {}  # uuid -> the entry's versions, current first, as dicts
        self.touched = {}

    def next_version(self):
        self.state.last_version += 1
        return self.state.last_version

    def versions_of(self, entry):
        if entry.uuid not in self.versions:
            current = [] if entry.deleted or entry.change is None else [self.current(entry)]
            kept = [] if entry.pk is None else list(entry.kept.all())
            self.versions[entry.uuid] = current + [
                {
                    "change": k.change,
                    "client_updated_at": k.client_updated_at,
                    "data": loaded(k.data),
                }
                for k in kept
            ]
        return self.versions[entry.uuid]

    @staticmethod
    def current(entry):
        return {
            "change": entry.change,
            "client_updated_at": entry.client_updated_at,
            "data": data_of(entry),
        }

    def apply(self, change):
        """Applies one change; returns (entry, status, whether it is now the current version)."""
        entry = self.entries.get(change["id"])
        if entry is None:
            entry = Entry(user=self.user, uuid=change["id"], deleted=True, known={})
            entry.client_updated_at = change["client_updated_at"]
            self.entries[entry.uuid] = entry
        self.touched[entry.uuid] = entry
        received, cid = entry.known, str(change["change"])
        if received.get(cid):
            entry.version = self.next_version()
            return entry, "duplicate", entry.change == change["change"]
        # Received now; what it replaces is replaced, even if it arrived replaced itself: the
        # versions left are those no received change replaces, in any order of arrival.
        replaced = {str(c) for c in change["replaces"]}
        entry.known = {**received, **dict.fromkeys(replaced - set(received), False), cid: True}
        versions = [v for v in self.versions_of(entry) if str(v["change"]) not in replaced]
        if not change["deleted"] and cid not in received:
            versions.append(
                {
                    "change": change["change"],
                    "client_updated_at": change["client_updated_at"],
                    "data": full(change["data"]),
                }
            )
        versions.sort(key=order, reverse=True)
        self.versions[entry.uuid] = versions
        self.show(entry, versions, change)
        return entry, "applied", entry.change == change["change"]

    def show(self, entry, versions, change):
        entry.version = self.next_version()
        entry.deleted = not versions
        entry.conflict = len(versions) > 1
        if entry.deleted:
            entry.change = None
            entry.client_updated_at = max(entry.client_updated_at, change["client_updated_at"])
            data = EMPTY  # a tombstone keeps no health data
        else:
            entry.change = versions[0]["change"]
            entry.client_updated_at = versions[0]["client_updated_at"]
            data = versions[0]["data"]
        for field, value in full(data).items():
            setattr(entry, field, value)

    def save(self):
        """One upsert for the batch's entries, then their kept versions written anew."""
        Entry.objects.bulk_create(
            self.touched.values(),
            update_conflicts=True,
            unique_fields=["user", "uuid"],
            update_fields=WRITTEN_FIELDS,
        )
        changed = [self.entries[key] for key in self.versions]
        saved = {e.uuid: e.pk for e in Entry.objects.filter(user=self.user, uuid__in=self.versions)}
        EntryVersion.objects.filter(entry_id__in=saved.values()).delete()
        EntryVersion.objects.bulk_create(
            EntryVersion(
                entry_id=saved[entry.uuid],
                change=version["change"],
                data=stored(version["data"]),
                client_updated_at=version["client_updated_at"],
            )
            for entry in changed
            for version in self.versions[entry.uuid][1:]
        )
        self.state.save(update_fields=["last_version"])


@transaction.atomic
def push(user, changes, device=None):
    """Apply a batch of validated changes; returns one result per change, in order. (`device` is
    what the first design's clients send; the change ids made it unnecessary.)"""
    batch = Batch(user, changes)
    results = []
    for change in changes:
        entry, status, won = batch.apply(change)
        results.append(
            {
                "id": change["id"],
                "change": change["change"],
                "version": entry.version,
                "client_updated_at": change["client_updated_at"],
                "status": status,
                "won": won,
            }
        )
    batch.save()
    return results


def pull(user, cursor, limit=BATCH_LIMIT):
    """What changed after `cursor`, in change order: (rows, new cursor, more to come)."""
    last = SyncState.objects.filter(user=user).values_list("last_version", flat=True).first() or 0
    if cursor > last:
        cursor = 0  # the server's diary was reset: send the device everything again
    rows = list(
        Entry.objects.filter(user=user, version__gt=cursor)
        .order_by("version")
        .prefetch_related("kept")[: limit + 1]
    )
    more = len(rows) > limit
    rows = rows[:limit]
    return rows, (rows[-1].version if rows else cursor), more
