"""The diary's merge rules: how pushed changes are applied, and what a device pulls.

Protocol (docs/architecture.md): a device sends `{cursor, device, changes}`; each names the entry (a
UUID made on the device), the server version it was based on, its `client_updated_at`, whether
it deletes, and the entry's data. The server applies the changes in one transaction under a lock
on the user's SyncState row, numbering every write from the user's change sequence, and answers
each change with its own result, then with what changed since the cursor.

- Same entry, same content again (a retry): nothing changes ("duplicate"). So is a resent
  change that already lost a conflict and was kept (history or a kept copy, see below), and
  a late resend of a change its device has since followed with a later one; these did not
  win, so the entry's version rises (its content stays): the device may have pulled past the
  current version while its change waited, and must pull it again.
- Based on the entry's current content (the device had seen it): applied ("applied").
- The device's own earlier change is current and this one continues from the same base (the
  answer to the earlier one was lost on the way): applied too; a device never conflicts with
  itself.
- Otherwise (changed on two devices): the later `client_updated_at` wins, deletions included,
  so the outcome never depends on the order in which devices sync. Equal stamps are ordered by
  content, again the same on every server. The entry's version rises, so that every device
  pulls the result, and the answer says whether this change `won`.
  - An edit that loses to an edit goes into the entry's history; the entry is marked as
    conflicted ("changed on two devices").
  - A deletion that loses keeps nothing: there is nothing typed to keep.
  - A deletion removes the entry's health data and its whole history. An edit the deleting
    device had not seen (made elsewhere after the version the deletion was based on) is not
    taken with it: it is kept as a new entry of its own, marked as conflicted, whichever of the
    two reaches the server first. Its id is derived from the entry's id and the edit's stamp
    and content, so a resend never keeps it twice.
- Invalid changes never get here: the API answers them "rejected" and applies the rest.
"""

import json
import uuid
from datetime import UTC, datetime

from django.db import transaction

from diary import schema
from diary.models import Entry, EntryVersion, SyncState

DATA_FIELDS = schema.NAMES
BATCH_LIMIT = schema.BATCH_LIMIT
# What a push writes to an entry; its user and uuid never change.
WRITTEN_FIELDS = [
    "version",
    "content_version",
    "client_updated_at",
    "deleted",
    "conflict",
    "device",
    "base_version",
    "stamps",
    *DATA_FIELDS,
]
EMPTY = schema.EMPTY
KEPT = uuid.UUID("5d0c1b7e-3f0e-4d35-9a57-2f4a3c8e6b10")  # namespace of kept copies


def data_of(entry):
    return {} if entry.deleted else {field: getattr(entry, field) for field in DATA_FIELDS}


def full(data):
    return {**EMPTY, **data}


def same_content(entry, change):
    return (
        entry.deleted == change["deleted"]
        and entry.client_updated_at == change["client_updated_at"]
        and data_of(entry) == ({} if change["deleted"] else full(change["data"]))
    )


def instant(value):
    return value.astimezone(UTC).isoformat() if isinstance(value, datetime) else str(value)


def rank(version):
    """The order of two versions: the later stamp, then (equal stamps) a fixed content order."""
    data = json.dumps(version["data"], sort_keys=True, default=instant)
    return (version["client_updated_at"], version["deleted"], data)


def as_change(entry):
    return {
        "deleted": entry.deleted,
        "client_updated_at": entry.client_updated_at,
        "data": data_of(entry),
    }


def stored(data):
    """Entry data as a history row keeps it (JSON)."""
    data = full(data)
    return {**data, "started_at": data["started_at"] and instant(data["started_at"])}


def kept_id(entry_uuid, version):
    """The id of a version kept as an entry of its own: the same for a resend, and different
    for two devices' edits with the same stamp (a phone whose clock lags stamps "last + 1 ms")."""
    data = json.dumps(full(version["data"]), sort_keys=True, default=instant)
    return uuid.uuid5(KEPT, f"{entry_uuid}/{instant(version['client_updated_at'])}/{data}")


class Batch:
    """One push: the locked sequence, the entries it touches and what to write at the end."""

    def __init__(self, user, changes, device):
        SyncState.objects.get_or_create(user=user)
        self.state = SyncState.objects.select_for_update().get(user=user)
        self.user = user
        self.device = device
        self.entries = {
            e.uuid: e for e in Entry.objects.filter(user=user, uuid__in=[c["id"] for c in changes])
        }
        self.created, self.updated, self.history = {}, {}, []

    def next_version(self):
        self.state.last_version += 1
        return self.state.last_version

    def write(self, entry, change, conflict):
        entry.version = entry.content_version = self.next_version()
        entry.client_updated_at = change["client_updated_at"]
        entry.deleted = change["deleted"]
        entry.conflict = conflict
        entry.device = self.device
        entry.base_version = change["base_version"]
        # A tombstone keeps no health data.
        for field, value in (EMPTY if change["deleted"] else full(change["data"])).items():
            setattr(entry, field, value)

    def keep(self, entry_uuid, version):
        """An edit the deleting device had not seen becomes an entry of its own."""
        copy_id = kept_id(entry_uuid, version)
        if copy_id in self.entries or Entry.objects.filter(user=self.user, uuid=copy_id).exists():
            return
        copy = Entry(user=self.user, uuid=copy_id)
        self.entries[copy_id] = self.created[copy_id] = copy
        self.write(copy, {**version, "base_version": None}, conflict=True)
        copy.device = None

    def delete(self, entry, change):
        """Removes every version's health data; keeps what the deleting device never saw."""
        seen = change["base_version"] or 0
        if entry.pk:
            for old in entry.history.filter(replaced_at_version__gt=seen):
                version = {"client_updated_at": old.client_updated_at, "data": old.data}
                self.keep(entry.uuid, {**version, "deleted": False})
            entry.history.all().delete()

    def kept_already(self, entry, change):
        """This losing change was sent before and kept (history or a copy): a resend."""
        if change["deleted"]:
            return False
        if kept_id(entry.uuid, change) in self.entries:
            return True
        copy = Entry.objects.filter(user=self.user, uuid=kept_id(entry.uuid, change))
        if copy.exists():
            return True
        if entry.pk is None:
            return False
        older = entry.history.filter(client_updated_at=change["client_updated_at"])
        return any(old.data == stored(change["data"]) for old in older)

    def stale(self, entry, change):
        """A late resend of a change this device has since followed with a later one."""
        last = self.device is not None and entry.stamps.get(str(self.device))
        return bool(last) and change["client_updated_at"] <= datetime.fromisoformat(last)

    def passed(self, entry):
        """A resend that did not win: its device may have pulled past the current version while
        the change waited (it keeps what it typed until the server decides). The version rises
        so that the device pulls it again, as after a lost conflict; the content stays."""
        entry.version = self.next_version()
        self.updated[entry.uuid] = entry
        return False

    def own(self, entry, change):
        """The current version is this device's own, based on what this change is based on."""
        return (
            self.device is not None
            and entry.device == self.device
            and entry.base_version == change["base_version"]
        )

    def apply(self, change):
        """Applies one change; returns (status, whether it is now the entry's current version)."""
        entry = self.entries.get(change["id"])
        if entry is None:
            entry = Entry(user=self.user, uuid=change["id"])
            self.entries[entry.uuid] = self.created[entry.uuid] = entry
            self.write(entry, change, conflict=False)
            entry.stamps = (
                {} if self.device is None else {str(self.device): instant(entry.client_updated_at)}
            )
            return entry, "applied", True
        if same_content(entry, change):
            return entry, "duplicate", True
        if self.stale(entry, change):
            return entry, "duplicate", self.passed(entry)
        self.updated[entry.uuid] = entry
        if self.device is not None:
            entry.stamps = {**entry.stamps, str(self.device): instant(change["client_updated_at"])}
        base = change["base_version"]
        if entry.deleted and change["deleted"]:
            # Gone either way; the tombstone keeps the later stamp, as an edit would. An earlier
            # deletion lost: the version rises so that its device pulls the tombstone's stamp.
            if rank(change) <= rank(as_change(entry)):
                entry.version = self.next_version()
                return entry, "conflict", False
            self.write(entry, change, conflict=False)
            return entry, "applied", True
        if self.own(entry, change) or (base is not None and base >= entry.content_version):
            # Saved with the latest version in view settles a conflict; saved over an older
            # one (a lost version arrived since) does not.
            keep_flag = entry.conflict and (base is None or base < entry.version)
            if change["deleted"]:
                self.delete(entry, change)
            self.write(entry, change, conflict=keep_flag and not change["deleted"])
            return entry, "applied", True
        if self.kept_already(entry, change):
            return entry, "duplicate", self.passed(entry)
        return entry, "conflict", self.conflict(entry, change)

    def conflict(self, entry, change):
        current = as_change(entry)
        if rank(change) > rank(current):
            if change["deleted"]:
                self.keep(entry.uuid, current)
                self.delete(entry, change)
                self.write(entry, change, conflict=False)
            else:
                if not entry.deleted:
                    self.lost(entry, current)
                self.write(entry, change, conflict=not entry.deleted)
            return True
        if entry.deleted and not change["deleted"]:
            entry.version = self.next_version()
            self.keep(entry.uuid, change)
        elif not change["deleted"]:
            self.lost(entry, change)
            entry.version = self.next_version()
            entry.conflict = True
        else:
            entry.version = self.next_version()  # so that the deleting device pulls the winner
        return False

    def lost(self, entry, version):
        """Keeps a losing edit in the history, replaced at the version about to be taken."""
        self.history.append(
            EntryVersion(
                entry=entry,
                data=stored(version["data"]),
                client_updated_at=version["client_updated_at"],
                deleted=False,
                replaced_at_version=self.state.last_version + 1,
            )
        )

    def save(self):
        """One upsert for the batch's new and changed entries: `bulk_update` built one CASE per
        column over every row, which grew faster than the batch."""
        Entry.objects.bulk_create(
            {**self.updated, **self.created}.values(),
            update_conflicts=True,
            unique_fields=["user", "uuid"],
            update_fields=WRITTEN_FIELDS,
        )
        EntryVersion.objects.bulk_create(self.history)
        self.state.save(update_fields=["last_version"])


@transaction.atomic
def push(user, changes, device=None):
    """Apply a batch of validated changes; returns one result per change, in order."""
    batch = Batch(user, changes, device)
    results = []
    for change in changes:
        entry, status, won = batch.apply(change)
        results.append(
            {
                "id": change["id"],
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
        Entry.objects.filter(user=user, version__gt=cursor).order_by("version")[: limit + 1]
    )
    more = len(rows) > limit
    rows = rows[:limit]
    return rows, (rows[-1].version if rows else cursor), more
