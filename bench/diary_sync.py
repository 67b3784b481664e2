"""Prints the diary sync figure that docs/architecture.md budgets: a device pushes 1,000 entries,
a second device pulls them, through the real sync endpoint on a fresh SQLite database file.

Run with `.venv/bin/python bench/diary_sync.py` (after `make test` or `make run` set things up).
"""

import os
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
database = Path(tempfile.mkdtemp()) / "bench.sqlite3"
os.environ["DATABASE_URL"] = f"sqlite:///{database}"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth.models import User  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from accounts.models import DeviceToken  # noqa: E402

ENTRIES = 1000
BATCH = 500
BUDGET_SECONDS = 2.0
T0 = datetime(2026, 11, 1, 7, 0, tzinfo=UTC)


def entry(n):
    return {
        "id": str(uuid.uuid4()),
        "base_version": None,
        "client_updated_at": (T0 + timedelta(minutes=n)).isoformat(),
        "deleted": False,
        "data": {
            "started_at": (T0 - timedelta(hours=n)).isoformat(),
            "duration_minutes": 5,
            "intensity": n % 11,
            "regions": ["lower-left", "lower-centre"],
            "triggers": ["lifting"],
            "measures": [{"id": "heat", "helped": 2}, {"id": "movement", "helped": 1}],
            "notes": f"Krampf beim Heben, Eintrag {n}. " * 3,
        },
    }


def request(client, cursor, changes):
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        response = client.post(
            "/api/v1/diary/sync/",
            {"cursor": cursor, "device": client.device, "changes": changes},
            content_type="application/json",
        )
        seconds = time.perf_counter() - started
    assert response.status_code == 200, response.content[:500]
    body = response.json()
    assert all(result["status"] == "applied" for result in body["applied"]), body["applied"][:3]
    return body, seconds, len(queries)


def report(label, seconds, queries):
    print(f"{label:<40} {seconds * 1000:7.0f} ms  {queries:3d} queries")


def main():
    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    user = User.objects.create_user("bench@example.org", "bench@example.org", "x")
    _, token = DeviceToken.objects.create(user=user, name="bench")
    phone = Client(HTTP_AUTHORIZATION=f"Token {token}", HTTP_HOST="127.0.0.1")
    laptop = Client(HTTP_AUTHORIZATION=f"Token {token}", HTTP_HOST="127.0.0.1")
    phone.device, laptop.device = str(uuid.uuid4()), str(uuid.uuid4())  # as the app sends them
    changes = [entry(n) for n in range(ENTRIES)]

    total = 0.0
    cursor = 0
    for start in range(0, ENTRIES, BATCH):
        body, seconds, queries = request(phone, cursor, changes[start : start + BATCH])
        cursor = body["cursor"]
        total += seconds
        report(f"push {BATCH} entries (device 1)", seconds, queries)

    cursor, pulled = 0, 0
    while True:
        body, seconds, queries = request(laptop, cursor, [])
        pulled += len(body["changes"])
        cursor = body["cursor"]
        total += seconds
        report(f"pull {len(body['changes'])} entries (device 2)", seconds, queries)
        if not body["more"]:
            break
    assert pulled == ENTRIES
    verdict = "ok" if total <= BUDGET_SECONDS else "OVER BUDGET"
    print(f"{f'push {ENTRIES} + pull {ENTRIES}, total':<40} {total:7.2f} s  ", end="")
    print(f"(budget {BUDGET_SECONDS} s: {verdict})")


if __name__ == "__main__":
    main()
