"""API clients that logged in before per-device tokens keep working: each old token (DRF's
authtoken, stored in plain text, never ending) becomes a device token, stored hashed, that ends
30 days after its last use like every other. The old table is emptied."""

from datetime import timedelta

from django.db import migrations
from django.utils import timezone
from knox.crypto import hash_token
from knox.settings import CONSTANTS

OLD_TABLE = "authtoken_token"


def carry_over(apps, schema_editor):
    connection = schema_editor.connection
    if OLD_TABLE not in connection.introspection.table_names():
        return
    DeviceToken = apps.get_model("accounts", "DeviceToken")
    now = timezone.now()
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT key, user_id, created FROM {OLD_TABLE}")  # noqa: S608
        rows = cursor.fetchall()
        for key, user_id, created in rows:
            digest = hash_token(key)
            DeviceToken(
                digest=digest,
                token_key=key[: CONSTANTS.TOKEN_KEY_LENGTH],
                user_id=user_id,
                name="API (älterer Zugang)",
                expiry=now + timedelta(days=30),
            ).save()
            DeviceToken.objects.filter(digest=digest).update(created=created)  # auto_now_add
        cursor.execute(f"DELETE FROM {OLD_TABLE}")  # noqa: S608


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_devices_and_limits")]

    operations = [migrations.RunPython(carry_over, migrations.RunPython.noop)]
