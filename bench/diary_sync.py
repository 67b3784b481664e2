"""Prints the server's diary figures with their targets (docs/architecture.md, issue 9), through
the real endpoints: the sync budget on a fresh SQLite file (one device pushes 1,000 new entries,
a second pulls them), then pushes, exports and list pages in a diary of 10,000 and of 50,000
entries on PostgreSQL (a throwaway cluster, as scripts/test-postgres.sh starts) and on SQLite.

Run with `.venv/bin/python bench/diary_sync.py` (after `make test` or `make run` set things up).
Each database runs in a process of its own (Django is set up once per process). Rows with a
target are judged on this process's CPU time, the wall time beside it: on a shared machine the
wall time mostly measures the others' load. BENCH_SIZES=2000 runs a quicker, smaller check;
BENCH_DATABASES=postgresql (or sqlite) only the one.
"""

import base64
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
SIZES = tuple(int(n) for n in os.environ.get("BENCH_SIZES", "10000,50000").split(","))
ENTRIES = 1000
BATCH = 500
BUDGET_SECONDS = 2.0
TARGET_PUSH_NEW_MS = 200
TARGET_PUSH_EDITS_MS = 300
TARGET_FIRST_BYTE_MS = 200
TARGET_EXPORT_MIB = 20
TARGET_PAGE_MS = 20
RUNS = 5  # the median of this many, for the short requests
T0 = datetime(2026, 11, 1, 7, 0, tzinfo=UTC)
STAMPED = datetime(2026, 1, 1, tzinfo=UTC)  # entry n was last changed n minutes after this
EDITED = datetime(2026, 10, 1, tzinfo=UTC)  # and edited later on another device


def data(n):
    return {
        "started_at": (T0 - timedelta(hours=n)).isoformat(),
        "duration_minutes": 5,
        "intensity": n % 11,
        "regions": ["lower-left", "lower-centre"],
        "triggers": ["lifting"],
        "measures": [{"id": "heat", "helped": 2}, {"id": "movement", "helped": 1}],
        "notes": f"Krampf beim Heben, Eintrag {n}. " * 3,
    }


def entry(n, entry_id=None, seen=None, stamped=STAMPED):
    """A change; `seen`: the change id of the version it edits (the second sync design)."""
    return {
        "id": str(entry_id or uuid.uuid4()),
        "change": str(uuid.uuid4()),
        "replaces": [str(seen)] if seen else [],
        "client_updated_at": (stamped + timedelta(minutes=n)).isoformat(),
        "deleted": False,
        "data": data(n),
    }


class Timer:
    """Wall time and this process's CPU time: on a shared machine the wall time waits for the
    others, the CPU time mostly does not (it leaves out the PostgreSQL server's own work)."""

    def __init__(self):
        self.wall, self.cpu = time.perf_counter(), time.process_time()

    def ms(self):
        return (time.perf_counter() - self.wall) * 1000, (time.process_time() - self.cpu) * 1000


def timed(label, wall_cpu, target):
    """A row judged on CPU time, with the wall time beside it."""
    wall, cpu = wall_cpu
    report(label, cpu, target, note=f"  [wall {wall:.0f} ms]")


def report(label, value, target=None, unit="ms", note=""):
    verdict = "" if target is None else f"  (target {target:g} {unit}: "
    verdict += "" if target is None else ("ok)" if value <= target else "OVER TARGET)")
    print(f"{label:<56} {value:9.1f} {unit}{verdict}{note}", flush=True)


def median(values):
    values = sorted(values)
    return values[len(values) // 2]


# --- one database, in its own process ---------------------------------------------------


def setup_django(database_url):
    sys.path.insert(0, str(ROOT))
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("SECRET_KEY", "bench-only-not-secret")  # as in production: no DEBUG
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)


def client_for(email):
    from django.contrib.auth.models import User
    from django.test import Client

    from accounts.models import DeviceToken

    user = User.objects.create_user(email, email, "x")
    _, token = DeviceToken.objects.create(user=user, name="bench")
    client = Client(HTTP_AUTHORIZATION=f"Token {token}", HTTP_HOST="127.0.0.1")
    client.device, client.user = str(uuid.uuid4()), user  # as the app sends it
    return client


def sync(client, cursor, changes):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        timer = Timer()
        response = client.post(
            "/api/v1/diary/sync/",
            {"cursor": cursor, "device": client.device, "changes": changes},
            content_type="application/json",
        )
        wall_cpu = timer.ms()
    assert response.status_code == 200, response.content[:500]
    body = response.json()
    assert all(result["status"] == "applied" for result in body["applied"]), body["applied"][:3]
    return body, wall_cpu, len(queries)


def sync_budget():
    """docs/architecture.md's budget: 1,000 new entries pushed by one device, pulled by another."""
    from django.test import Client

    phone = client_for("phone@example.org")
    laptop = Client(**phone.defaults)  # the same person's token, another device
    laptop.device = str(uuid.uuid4())
    changes = [entry(n) for n in range(ENTRIES)]
    total, cursor = 0.0, 0
    for start in range(0, ENTRIES, BATCH):
        body, wall_cpu, queries = sync(phone, cursor, changes[start : start + BATCH])
        cursor, total = body["cursor"], total + wall_cpu[1] / 1000
        timed(f"push {BATCH} new entries, fresh diary ({queries} queries)", wall_cpu, None)
    cursor, pulled = 0, 0
    while True:
        body, wall_cpu, queries = sync(laptop, cursor, [])
        pulled, cursor = pulled + len(body["changes"]), body["cursor"]
        total += wall_cpu[1] / 1000
        timed(f"pull {len(body['changes'])} entries ({queries} queries)", wall_cpu, None)
        if not body["more"]:
            break
    assert pulled == ENTRIES
    report(f"push {ENTRIES} + pull {ENTRIES}, total CPU", total, BUDGET_SECONDS, "s")


def fill(user, size):
    """A diary of `size` entries, written straight to the database (the sync is measured
    separately): as if years of a person's entries had synced."""
    from django.db import connection

    from diary.models import Entry, SyncState

    rows = []
    for n in range(size):
        change = entry(n)
        row = Entry(user=user, uuid=change["id"], version=n + 1, change=change["change"])
        row.known = {change["change"]: True}
        row.client_updated_at = datetime.fromisoformat(change["client_updated_at"])
        for field, value in change["data"].items():
            setattr(row, field, value)
        row.started_at = datetime.fromisoformat(change["data"]["started_at"])
        rows.append(row)
    Entry.objects.bulk_create(rows, batch_size=2000)
    SyncState.objects.update_or_create(user=user, defaults={"last_version": size})
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # as autovacuum would have done over the years, for the planner


def pushes(client, size):
    """The median of RUNS pushes of each kind: one push of the same 500 entries varied from
    140 to 200 ms CPU within one quiet process, so a single sample judged mostly the noise."""
    from diary.models import Entry

    warm_up = [entry(size + BATCH)]
    sync(client, 0, warm_up)  # the process's first request sets things up
    news, edits, added = [], [], [change["id"] for change in warm_up]
    for round_ in range(RUNS):
        first = size + BATCH * (round_ + 1)
        changes = [entry(first + n) for n in range(BATCH)]
        added += [change["id"] for change in changes]
        news.append(sync(client, 0, changes)[1])
        rows = Entry.objects.filter(user=client.user).order_by("?")[:BATCH]
        stamp = EDITED + timedelta(days=round_)  # each round's edits later than the one before
        changes = [entry(n, row.uuid, row.change, stamp) for n, row in enumerate(rows)]
        edits.append(sync(client, 0, changes)[1])
    Entry.objects.filter(user=client.user, uuid__in=added).delete()  # back to `size` for the rest
    new, edited = middle(news), middle(edits)
    timed(f"{size:,} entries: push {BATCH} new entries, median of {RUNS}", new, TARGET_PUSH_NEW_MS)
    timed(f"{size:,} entries: push {BATCH} edits, median of {RUNS}", edited, TARGET_PUSH_EDITS_MS)
    report(f"{size:,} entries: push of edits / push of new, CPU", edited[1] / new[1], unit="×")


def middle(samples):
    """The (wall, CPU) sample with the median CPU time."""
    return sorted(samples, key=lambda sample: sample[1])[len(samples) // 2]


def peak_rss_reset():
    """Linux: resets the peak RSS (VmHWM) to the current RSS, so one export's peak shows."""
    Path("/proc/self/clear_refs").write_text("5")


def rss_kib(field):
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise LookupError(field)


def export(client, size, kind):
    import gc

    gc.collect()
    peak_rss_reset()
    before = rss_kib("VmRSS")
    timer = Timer()
    response = client.get(f"/api/v1/diary/export.{kind}")
    assert response.status_code == 200
    pieces = iter(response.streaming_content if response.streaming else [response.content])
    length = len(next(pieces))
    first = timer.ms()
    for piece in pieces:
        length += len(piece)
    total = timer.ms()
    response.close()
    growth = (rss_kib("VmHWM") - before) / 1024
    name = f"{size:,} entries: export {kind.upper()}"
    timed(f"{name}, first byte", first, TARGET_FIRST_BYTE_MS)
    report(f"{name}, memory growth", growth, TARGET_EXPORT_MIB, "MiB")
    timed(f"{name}, all {length / 1024 / 1024:.1f} MiB", total, None)


def database_ms(client, query):
    """PostgreSQL's own time for the list's queries (EXPLAIN ANALYZE): the CPU time above leaves
    out the database server, where counting and skipping rows happen."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    if connection.vendor != "postgresql":
        return None
    with CaptureQueriesContext(connection) as queries:
        client.get("/api/v1/diary/entries/", query)
    total = 0.0
    with connection.cursor() as cursor:
        for sql in [q["sql"] for q in queries if 'FROM "diary_entry"' in q["sql"]]:
            cursor.execute(f"EXPLAIN (ANALYZE, FORMAT JSON) {sql}")
            total += cursor.fetchone()[0][0]["Execution Time"]
    return total


def cursor_at(position):
    """A cursor as DRF's CursorPagination writes it: the page after this started_at."""
    return base64.b64encode(urlencode({"p": str(position)}).encode()).decode()


def list_pages(client, size):
    from diary.models import Entry

    order = Entry.objects.filter(user=client.user, deleted=False).order_by("-started_at", "uuid")
    deep = order.values_list("started_at", flat=True)[size - 40]

    def page(query):
        times = []
        for _ in range(RUNS):
            timer = Timer()
            response = client.get("/api/v1/diary/entries/", query)
            times.append(timer.ms())
            assert response.status_code == 200 and len(response.json()["results"]) == 20
        return median([t[0] for t in times]), median([t[1] for t in times])

    first, last = page({}), page({"cursor": cursor_at(deep)})
    for name, query in (("first page", {}), ("deep page", {"cursor": cursor_at(deep)})):
        if (spent := database_ms(client, query)) is not None:
            report(f"{size:,} entries: list, {name}, in PostgreSQL", spent, TARGET_PAGE_MS)
    timed(f"{size:,} entries: list, first page", first, TARGET_PAGE_MS)
    timed(f"{size:,} entries: list, a page {size - 40:,} entries deep", last, TARGET_PAGE_MS)
    report(f"{size:,} entries: list, deep page / first page, wall", last[0] / first[0], unit="×")


def one_database(database_url, label):
    setup_django(database_url)
    print(f"--- {label}", flush=True)
    if "sqlite" in database_url:
        sync_budget()
    for size in SIZES:
        client = client_for(f"diary-{size}@example.org")
        fill(client.user, size)
        pushes(client, size)
        list_pages(client, size)
        for kind in ("csv", "json"):
            export(client, size, kind)


# --- the databases -----------------------------------------------------------------------


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def postgres():
    """A throwaway PostgreSQL cluster on a free port, or None where the server is missing."""
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/postgres"))
    if not found:
        yield None
        return
    bin_dir, work = found[-1].parent, Path(tempfile.mkdtemp())
    work.chmod(0o755)
    as_owner = []
    if os.getuid() == 0:
        shutil.chown(work, "postgres")  # the server refuses to run as root
        as_owner = ["runuser", "-u", "postgres", "--"]
    port, data_dir = free_port(), work / "data"
    quiet = {"check": True, "stdout": subprocess.DEVNULL}
    subprocess.run([*as_owner, bin_dir / "initdb", "-D", data_dir, "-A", "trust"]
                   + ["-U", "krampfhilfe", "-E", "UTF8"], **quiet)  # fmt: skip
    options = f"-p {port} -k {work} -c listen_addresses=127.0.0.1 -c fsync=off"
    subprocess.run([*as_owner, bin_dir / "pg_ctl", "-D", data_dir, "-l", work / "log", "-w"]
                   + ["-o", options, "start"], **quiet)  # fmt: skip
    try:
        yield f"postgres://krampfhilfe@127.0.0.1:{port}/postgres"  # the one initdb makes
    finally:
        subprocess.run([*as_owner, bin_dir / "pg_ctl", "-D", data_dir, "-m", "immediate", "stop"],
                       **quiet)  # fmt: skip
        shutil.rmtree(work, ignore_errors=True)


def main():
    if len(sys.argv) == 3:
        return one_database(*sys.argv[1:])
    databases = os.environ.get("BENCH_DATABASES", "sqlite,postgresql").split(",")
    if "sqlite" in databases:
        with tempfile.TemporaryDirectory() as tmp:
            sqlite = f"sqlite:///{Path(tmp) / 'bench.sqlite3'}"
            subprocess.run([sys.executable, __file__, sqlite, "SQLite"], check=True)
    if "postgresql" not in databases:
        return
    with postgres() as url:
        if url is None:
            print("--- PostgreSQL: not installed (Debian package postgresql), left out")
            return
        subprocess.run([sys.executable, __file__, url, "PostgreSQL"], check=True)


if __name__ == "__main__":
    main()
