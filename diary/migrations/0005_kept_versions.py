"""The sync's second design (issue 17): changes have ids, and kept versions stay until the person
chooses. Every entry gets an id for its current version, made from its uuid and version so
that the same row gives the same id on every run. Every kept (history) row of a live entry
becomes a kept version, marked on the entry: under the first design an ordinary save hid most
of them for good, and this brings them back into the app. History rows of tombstones and of
deletions hold no text and go."""

import uuid

from django.db import migrations, models

MIGRATED = uuid.UUID("0b7d7a4e-64a1-4f8e-9d43-6c1f1b1c5e05")  # namespace of migrated ids


def forwards(apps, schema_editor):
    Entry = apps.get_model("diary", "Entry")
    EntryVersion = apps.get_model("diary", "EntryVersion")
    EntryVersion.objects.filter(models.Q(deleted=True) | models.Q(entry__deleted=True)).delete()
    for version in EntryVersion.objects.all().iterator():
        version.change = uuid.uuid5(MIGRATED, f"kept/{version.pk}")
        version.save(update_fields=["change"])
    kept = set(EntryVersion.objects.values_list("entry_id", flat=True))
    for entry in Entry.objects.all().iterator():
        entry.change = (
            None if entry.deleted else uuid.uuid5(MIGRATED, f"{entry.uuid}/{entry.version}")
        )
        kept_ids = EntryVersion.objects.filter(entry_id=entry.pk).values_list("change", flat=True)
        entry.known = {str(c): True for c in [entry.change, *kept_ids] if c}
        entry.conflict = entry.pk in kept
        entry.save(update_fields=["change", "known", "conflict"])


class Migration(migrations.Migration):
    dependencies = [("diary", "0004_entry_for_doctor")]

    operations = [
        migrations.AddField("entry", "change", models.UUIDField(null=True)),
        migrations.AddField("entry", "known", models.JSONField(default=dict)),
        migrations.AddField("entryversion", "change", models.UUIDField(null=True)),
        migrations.RunPython(forwards, migrations.RunPython.noop),
        migrations.AlterField("entryversion", "change", models.UUIDField()),
        migrations.RemoveField("entry", "content_version"),
        migrations.RemoveField("entry", "device"),
        migrations.RemoveField("entry", "base_version"),
        migrations.RemoveField("entry", "stamps"),
        migrations.RemoveField("entryversion", "deleted"),
        migrations.RemoveField("entryversion", "replaced_at_version"),
        migrations.AlterField(
            "entryversion",
            "entry",
            models.ForeignKey(
                on_delete=models.deletion.CASCADE, related_name="kept", to="diary.entry"
            ),
        ),
        migrations.AlterModelOptions(
            "entryversion", {"ordering": ["-client_updated_at", "change"]}
        ),
    ]
