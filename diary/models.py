from django.conf import settings
from django.db import models


class SyncState(models.Model):
    """A user's change sequence. Every diary write takes the next number under a row lock on
    this row, so a user's changes are numbered in commit order and pull cursors never skip."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    last_version = models.BigIntegerField(default=0)

    def __str__(self):
        return f"sync state of user {self.user_id} at {self.last_version}"


class Entry(models.Model):
    """One diary entry, as the latest accepted change left it. A deleted entry stays as a
    tombstone (no health data, deleted=True) so that every device learns of the deletion."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="diary_entries"
    )
    uuid = models.UUIDField()
    version = models.BigIntegerField()
    client_updated_at = models.DateTimeField()
    deleted = models.BooleanField(default=False)
    # Kept versions wait beside the current one (EntryVersion): "changed on two devices".
    conflict = models.BooleanField(default=False)
    # The change (an id made on the device) that wrote the current content; none for a tombstone.
    change = models.UUIDField(null=True)
    # Every change id received (true) or only replaced so far (false) for this entry: a change
    # received again is a resend; one replaced before it arrived never becomes a version (sync.py).
    known = models.JSONField(default=dict)

    started_at = models.DateTimeField(null=True)
    duration_minutes = models.PositiveSmallIntegerField(null=True)
    intensity = models.PositiveSmallIntegerField(null=True)
    intensity_after = models.PositiveSmallIntegerField(null=True)
    regions = models.JSONField(default=list)
    triggers = models.JSONField(default=list)
    measures = models.JSONField(default=list)
    redflag = models.JSONField(null=True)
    notes = models.TextField(blank=True)
    for_doctor = models.BooleanField(
        default=False
    )  # show this entry's notes in the doctor's report

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "uuid"], name="diary_entry_user_uuid")
        ]
        indexes = [
            models.Index(fields=["user", "version"], name="diary_entry_user_version"),
            # The entries list's order (api.Pages): keyset paging reads it from here.
            models.Index(
                fields=["user", "-started_at", "uuid"],
                condition=models.Q(deleted=False),
                name="diary_entry_user_started",
            ),
        ]

    def __str__(self):
        return f"diary entry {self.uuid} v{self.version}"


class EntryVersion(models.Model):
    """A kept version: a version of the entry that no change has replaced yet, beside the
    current one (as CouchDB keeps `_conflicts`). It stays until a change replaces it: the
    person's choice in the conflict view, or a deletion by a device that showed it."""

    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="kept")
    change = models.UUIDField()
    data = models.JSONField()
    client_updated_at = models.DateTimeField()
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-client_updated_at", "change"]

    def __str__(self):
        return f"kept version {self.change} of {self.entry_id}"
