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
    conflict = models.BooleanField(default=False)
    # The version at which the current content was written (`version` also rises when a change
    # loses against it, so that every device pulls the result): a change based on it or later
    # was made by someone who had seen the content.
    content_version = models.BigIntegerField(default=0)
    # The device that wrote the current content and the version its change was based on: its
    # next change from the same base continues its own edit (the answer was lost), no conflict.
    device = models.UUIDField(null=True)
    base_version = models.BigIntegerField(null=True)
    # The latest client_updated_at received from each device for this entry (a device's stamps
    # for one entry only ever rise): an older one is a late resend, never a new change.
    stamps = models.JSONField(default=dict)

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
    """A version of an entry that lost a conflict: kept so that no typed text is ever lost.
    Deleting the entry deletes these too (sync.py keeps what the deleting device never saw)."""

    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="history")
    data = models.JSONField()
    client_updated_at = models.DateTimeField()
    deleted = models.BooleanField()
    replaced_at_version = models.BigIntegerField()
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-replaced_at_version"]

    def __str__(self):
        return f"version of {self.entry_id} replaced at v{self.replaced_at_version}"
