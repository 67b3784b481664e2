"""The pain diary on the phone: kept in IndexedDB, usable offline and without an account, saved
from the end of the first aid, exported as files, and synced through the outbox."""

import csv
import io
import json
import re
import time
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from django.templatetags.static import static
from django.utils import translation
from playwright.sync_api import expect

from diary import schema
from firstaid import content, flow
from tests.browser.conftest import wait_for_service_worker, wait_until
from tests.browser.test_accessibility import axe_violations
from tests.harness import PHONE

READ_STORE = """async (name) => {
  const db = await new Promise((resolve, reject) => {
    const request = indexedDB.open("krampfhilfe-diary");
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  const rows = await new Promise((resolve, reject) => {
    const request = db.transaction(name).objectStore(name).getAll();
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  db.close();
  return rows;
}"""

STEPS = [step["id"] for step in content.load("de")["steps"]]
DATA = {
    "started_at": "2026-03-02T07:30:00.000Z",
    "duration_minutes": 10,
    "intensity": 6,
    "intensity_after": None,
    "regions": ["lower-left"],
    "triggers": [],
    "measures": [],
    "redflag": None,
    "notes": "",
}


def stored(page, name):
    return page.evaluate(READ_STORE, name)


def intensity(page):
    return page.get_by_role("group", name="Wie stark war der Schmerz?")


def go_offline_on(server, page, path):
    """One online visit installs the service worker; then the server is really gone."""
    page.goto(server.url + path)
    wait_for_service_worker(page)
    server.kill()
    page.reload()


def test_it_keeps_a_diary_offline_without_an_account(server, page):
    go_offline_on(server, page, "/de/tagebuch/")
    expect(page.get_by_text("Noch keine Einträge.")).to_be_visible()

    # Three taps: new entry, how strong, save.
    page.get_by_role("link", name="Neuer Eintrag").tap()
    intensity(page).get_by_role("radio", name="7", exact=True).tap()
    page.get_by_role("button", name="Speichern").tap()
    expect(page).to_have_url(f"{server.url}/de/tagebuch/")
    expect(page.get_by_role("status").filter(has_text="Eintrag gespeichert.")).to_be_visible()
    cards = page.locator(".entry-card")
    expect(cards).to_have_count(1)
    expect(cards.first).to_contain_text("7/10")
    [entry] = stored(page, "entries")
    assert entry["data"]["intensity"] == 7 and entry["version"] is None
    [queued] = stored(page, "outbox")
    # A change of its own (issue 17), replacing nothing: nothing was shown before it.
    assert (queued["id"], queued["change"], queued["replaces"]) == (
        entry["id"],
        entry["change"],
        [],
    )

    page.reload()
    expect(cards).to_have_count(1)

    cards.first.tap()
    expect(page).to_have_url(re.compile(r"/de/tagebuch/eintrag/\?id="))
    expect(page.get_by_role("heading", name="Eintrag bearbeiten")).to_be_visible()
    expect(intensity(page).get_by_role("radio", name="7", exact=True)).to_be_checked()
    intensity(page).get_by_role("radio", name="5", exact=True).tap()
    page.get_by_role("checkbox", name="unten links").check()
    page.get_by_label("Notizen").fill("Nach dem Heben")
    page.get_by_role("button", name="Speichern").tap()
    expect(cards.first).to_contain_text("5/10")
    expect(cards.first).to_contain_text("unten links")

    # Several edits of one entry wait as ONE change, replacing the earlier ones that never left.
    page.get_by_role("link", name="Neuer Eintrag").tap()
    intensity(page).get_by_role("radio", name="3", exact=True).tap()
    page.get_by_role("button", name="Speichern").tap()
    expect(cards).to_have_count(2)
    outbox = {row["id"]: row for row in stored(page, "outbox")}
    assert len(outbox) == 2
    assert outbox[entry["id"]]["data"]["notes"] == "Nach dem Heben"
    assert outbox[entry["id"]]["replaces"] == [entry["change"]]

    cards.filter(has_text="5/10").tap()
    page.get_by_role("button", name="Eintrag löschen …").tap()
    page.get_by_role("dialog").get_by_role("button", name="Ja, löschen").tap()
    expect(page).to_have_url(f"{server.url}/de/tagebuch/")
    expect(cards).to_have_count(1)
    expect(cards.first).to_contain_text("3/10")
    # A tombstone, with nothing of the health data left, waits to tell the other devices.
    outbox = {row["id"]: row for row in stored(page, "outbox")}
    assert outbox[entry["id"]]["deleted"] is True and outbox[entry["id"]]["data"] == {}
    tombstone = next(row for row in stored(page, "entries") if row["id"] == entry["id"])
    assert tombstone["deleted"] is True and tombstone["data"] == {}

    page.reload()
    expect(cards).to_have_count(1)


def test_it_explains_what_is_missing_and_keeps_what_was_typed(shared_server, page):
    page.goto(f"{shared_server.url}/de/tagebuch/eintrag/")
    notes = page.get_by_label("Notizen")
    started = page.get_by_label("Wann hat es angefangen?")
    notes.fill("Beim Aufstehen aus dem Auto")
    started.fill((datetime.now() + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M"))
    page.get_by_role("button", name="Speichern").tap()

    zero = intensity(page).get_by_role("radio", name="0", exact=True)
    expect(zero).to_be_focused()
    expect(zero).to_have_attribute("aria-invalid", "true")
    expect(zero).to_have_accessible_description(re.compile("Bitte wähl eine Zahl von 0 bis 10"))
    expect(started).to_have_attribute("aria-invalid", "true")
    expect(started).to_have_accessible_description(re.compile("Der Beginn liegt in der Zukunft"))
    expect(notes).to_have_value("Beim Aufstehen aus dem Auto")
    expect(page).to_have_url(f"{shared_server.url}/de/tagebuch/eintrag/")

    # A reload (or the browser discarding the tab) keeps the draft.
    page.reload()
    expect(notes).to_have_value("Beim Aufstehen aus dem Auto")
    expect(page.get_by_text("ist wieder da")).to_be_visible()

    intensity(page).get_by_role("radio", name="4", exact=True).tap()
    started.fill((datetime.now() - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"))
    expect(started).not_to_have_attribute("aria-invalid", "true")
    page.get_by_role("button", name="Speichern").tap()
    expect(page).to_have_url(f"{shared_server.url}/de/tagebuch/")
    [entry] = stored(page, "entries")
    assert entry["data"]["notes"] == "Beim Aufstehen aus dem Auto"
    assert entry["data"]["intensity"] == 4
    page.get_by_role("link", name="Neuer Eintrag").tap()
    expect(notes).to_have_value("")  # the saved draft is gone


def save_at_the_end(page, server, before, now=None):
    """On the end screen: the pain before (and now) tapped, saved; the one entry stored."""
    panel = page.get_by_role("region", name="Im Tagebuch speichern")
    panel.get_by_role("group", name="Und wie stark war es vorher?").get_by_role(
        "radio", name=before, exact=True
    ).tap()
    if now:
        panel.get_by_role("group", name="Wie stark ist es jetzt?").get_by_role(
            "radio", name=now, exact=True
        ).tap()
    panel.get_by_role("button", name="Speichern & fertig").tap()
    expect(page).to_have_url(f"{server.url}/de/")
    [entry] = stored(page, "entries")
    return entry


def test_it_saves_the_first_aid_session_to_the_diary_offline(server, page):
    go_offline_on(server, page, "/de/schritt/move/")
    page.get_by_role("button", name="Timer starten").tap()
    page.get_by_role("link", name="Geschafft – weiter", exact=True).tap()
    page.locator("#cold-heat-cold").check()
    page.get_by_role("link", name="Geschafft – weiter", exact=True).tap()
    # Skipped steps do not count; the "see a doctor today" screen is answered "none of these".
    screens = flow.pages()
    after_cold_heat = STEPS[STEPS.index("cold-heat") + 1]
    for name, _ in screens[screens.index(("firstaid:step", {"step_id": after_cold_heat})) : -1]:
        link = "Nichts davon: weiter" if name == "firstaid:today" else "Überspringen"
        page.get_by_role("link", name=link, exact=True).tap()
    expect(page).to_have_url(f"{server.url}/de/besser/")
    # The first aid began twelve minutes ago, and a red-flag check said "see a doctor soon".
    page.evaluate(
        """() => {
          const flow = JSON.parse(sessionStorage.getItem("flow"));
          flow.started_at = new Date(Date.now() - 12 * 60000).toISOString();
          sessionStorage.setItem("flow", JSON.stringify(flow));
          sessionStorage.setItem("redflag-result", JSON.stringify({tier: "soon", reasons: ["cramp-long"]}));
        }"""
    )
    page.reload()

    panel = page.get_by_role("region", name="Im Tagebuch speichern")
    expect(panel.locator("[data-measures]")).to_have_text("Bewegung, Kälte")
    expect(panel).to_contain_text("12 Minuten")
    # The pain before was skipped at the start: the end screen asks for it from memory.
    panel.get_by_role("button", name="Speichern & fertig").tap()
    before = panel.get_by_role("group", name="Und wie stark war es vorher?")
    expect(before.get_by_role("radio", name="0", exact=True)).to_be_focused()
    expect(panel.get_by_text("Wie stark war der Schmerz vorher?")).to_be_visible()
    entry = save_at_the_end(page, server, before="8", now="3")
    data = entry["data"]
    assert (data["intensity"], data["intensity_after"], data["duration_minutes"]) == (8, 3, 12)
    assert data["measures"] == [{"id": "movement", "helped": None}, {"id": "cold", "helped": None}]
    assert data["redflag"] == {"tier": "soon", "reasons": ["cramp-long"]}

    page.goto(f"{server.url}/de/tagebuch/eintrag/?id={entry['id']}")
    expect(intensity(page).get_by_role("radio", name="8", exact=True)).to_be_checked()
    expect(page.get_by_label("Wie lange hat es gedauert?")).to_have_value("12")
    expect(page.get_by_role("checkbox", name="Bewegung")).to_be_checked()
    expect(page.get_by_role("checkbox", name="Kälte", exact=True)).to_be_checked()
    expect(page.get_by_role("checkbox", name="Wärme")).not_to_be_checked()


def test_it_exports_the_diary_as_csv_and_json_files(shared_server, page):
    page.goto(f"{shared_server.url}/de/tagebuch/eintrag/")
    notes = 'Umzug, "schwere" Kisten; danach Pause'
    intensity(page).get_by_role("radio", name="6", exact=True).tap()
    page.get_by_role("checkbox", name="unten mittig").check()
    page.get_by_role("checkbox", name="Heben").check()
    page.get_by_role("checkbox", name="Wärme").check()
    page.get_by_role("group", name="Wärme: hat geholfen").get_by_label("deutlich").check()
    page.get_by_label("Notizen").fill(notes)
    page.get_by_role("button", name="Speichern").tap()
    expect(page.locator(".entry-card")).to_have_count(1)

    with page.expect_download() as download:
        page.get_by_role("button", name="Tabelle herunterladen (CSV)").tap()
    assert re.fullmatch(
        r"krampfhilfe-tagebuch-\d{4}-\d\d-\d\d\.csv", download.value.suggested_filename
    )
    raw = Path(download.value.path()).read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # so that Excel reads the umlauts
    header, row = csv.reader(io.StringIO(raw.decode("utf-8-sig")))
    # The server's columns (diary/schema.py), named in the page's language; a new field
    # needs no change here.
    with translation.override("de"):
        words = {f["name"]: str(f["label"]) for f in schema.FIELDS}
    words |= {"id": "Kennung", "conflict": "Auf zwei Geräten geändert"}
    assert header == [words[column] for column in schema.CSV_COLUMNS]
    cells = dict(zip(schema.CSV_COLUMNS, row, strict=True))
    assert cells | {"started_at": "…"} == {column: "" for column in schema.CSV_COLUMNS} | {
        "id": stored(page, "entries")[0]["id"],
        "started_at": "…",
        "intensity": "6",
        "regions": "unten mittig",
        "triggers": "Heben",
        "measures": "Wärme (geholfen: deutlich)",
        "notes": notes,
    }
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d", row[1])

    with page.expect_download() as download:
        page.get_by_role("button", name="Sicherung herunterladen (JSON)").tap()
    backup = json.loads(Path(download.value.path()).read_text())
    [entry] = backup["entries"]
    assert entry["data"]["notes"] == notes
    assert entry["data"]["regions"] == ["lower-centre"]
    assert entry["data"]["measures"] == [{"id": "heat", "helped": 2}]
    assert entry["id"] == stored(page, "entries")[0]["id"]


def test_it_merges_pulled_rows_without_losing_a_newer_local_edit(shared_server, page):
    page.goto(f"{shared_server.url}/de/tagebuch/")
    result = page.evaluate(
        """async ([url, data]) => {
          const store = await import(url);
          const first = await store.save(data);
          // Edited again while the first change was on its way to the server.
          const second = await store.save({...data, notes: "typed here"}, first.id);
          await store.confirm([{id: first.id, change: first.change, version: 4, status: "applied", won: true}]);
          const afterConfirm = await store.outbox(10);
          // Another device's version arrives: what was typed here stays, the server decides.
          await store.applyRemote([{id: first.id, version: 5, client_updated_at: "2026-03-02T08:00:00+01:00",
                                    change: crypto.randomUUID(), kept: [], deleted: false,
                                    data: {...data, notes: "other device"}}], 5);
          const kept = await store.get(first.id);
          // Our own change comes back (known by its id, not its time): it is the same change.
          await store.applyRemote([{id: first.id, version: 6, client_updated_at: "2020-01-01T00:00:00Z",
                                    change: second.change, kept: [], deleted: false, data: second.data}], 6);
          const echoed = await store.outbox(10);
          // Deleted on another device: gone from the list, kept as a tombstone.
          await store.applyRemote([{id: first.id, version: 7, client_updated_at: new Date().toISOString(),
                                    change: null, kept: [], deleted: true, data: {}}], 7);
          return {first, second, afterConfirm, kept, echoed, listed: await store.list(), gone: await store.get(first.id),
                  cursor: await store.getMeta("cursor")};
        }""",
        [static("js/diary-store.js"), DATA],
    )
    [queued] = result["afterConfirm"]
    # The answer to the first change leaves the second; it replaces the first, its own.
    assert (queued["change"], queued["replaces"]) == (
        result["second"]["change"],
        [result["first"]["change"]],
    )
    assert result["kept"]["data"]["notes"] == "typed here"
    assert result["echoed"] == []
    assert result["listed"] == []
    assert result["gone"]["deleted"] is True and result["gone"]["version"] == 7
    assert result["cursor"] == 7


def test_it_finishes_a_logout_clearing_that_the_page_left_before_it_committed(shared_server, page):
    # Logout owes the device a clearing; a person who leaves the signed-out page at once used to
    # abort it, and the next person saw the diary.
    page.goto(f"{shared_server.url}/de/tagebuch/")
    page.evaluate(
        "async ([url, data]) => (await import(url)).save(data)", [static("js/diary-store.js"), DATA]
    )
    assert len(stored(page, "entries")) == 1
    page.evaluate("localStorage.setItem('diary:clear-owed', '1')")  # as account.js leaves it
    page.reload()
    expect(page.locator("[data-empty]")).to_be_visible()
    expect(page.locator("[data-entries] > *")).to_have_count(0)
    wait_until(page, "localStorage.getItem('diary:clear-owed') === null")
    assert stored(page, "entries") == []


class FakeSyncServer:
    """The sync API as docs/architecture.md describes it, answered inside the browser's network layer."""

    def __init__(self, page, remote_rows=(), status=200, refuse=None):
        self.requests = []
        self.refuse = refuse  # (field, message): changes with this intensity are rejected
        self.remote_rows = list(remote_rows)
        self.status = status
        self.version = 10
        page.route("**/api/v1/auth/me/", self.me)
        page.route("**/api/v1/diary/sync/", self.sync)

    def me(self, route):
        route.fulfill(json={"authenticated": True, "email": "anna@example.org", "account": 1})

    def sync(self, route):
        body = json.loads(route.request.post_data)
        self.requests.append((body, route.request.headers))
        if self.status != 200:
            return route.fulfill(status=self.status, json={"changes": ["kaputt"]})
        applied = []
        for change in body["changes"]:
            if self.refuse and change["data"].get("intensity") == self.refuse[0]:
                errors = {"data": {"started_at": [self.refuse[1]]}}
                applied.append({**change, "version": None, "status": "rejected", "won": False})
                applied[-1]["errors"] = errors
                continue
            self.version += 1
            applied.append(
                {
                    "id": change["id"],
                    "change": change["change"],
                    "version": self.version,
                    "client_updated_at": change["client_updated_at"],
                    "status": "applied",
                    "won": True,
                }
            )
        rows, self.remote_rows = self.remote_rows, []
        route.fulfill(
            json={"cursor": self.version, "applied": applied, "changes": rows, "more": False}
        )


def test_it_syncs_the_outbox_with_an_account(browser, shared_server):
    context = browser.new_context(**PHONE, service_workers="block")
    # As the login page leaves it (Django's format: 32 letters or digits).
    context.add_cookies([{"name": "csrftoken", "value": "k" * 32, "url": shared_server.url}])
    page = context.new_page()
    other_device = {
        "id": "0b7f2d9e-3c1a-4c1e-9a52-3f0d8f6f9a11",
        "version": 3,
        "client_updated_at": "2026-03-01T10:00:00+01:00",
        "deleted": False,
        "conflict": True,
        "change": "0b7f2d9e-0000-4c1e-9a52-3f0d8f6f9a11",
        "data": {**DATA, "started_at": "2026-03-01T09:00:00+01:00", "intensity": 9},
        "kept": [
            {
                "change": "0b7f2d9e-1111-4c1e-9a52-3f0d8f6f9a11",
                "client_updated_at": "2026-03-01T09:30:00+01:00",
                "data": {**DATA, "started_at": "2026-03-01T09:00:00+01:00", "intensity": 8},
            }
        ],
    }
    fake = FakeSyncServer(page, remote_rows=[other_device])
    page.goto(f"{shared_server.url}/de/tagebuch/eintrag/")
    intensity(page).get_by_role("radio", name="2", exact=True).tap()
    page.get_by_role("button", name="Speichern").tap()

    expect(page.get_by_text("Angemeldet als anna@example.org")).to_be_visible()
    # Saved before this phone knew of the account: sent only after a yes (issue 17).
    page.get_by_role("button", name="Ja, übernehmen").tap()
    expect(page.get_by_text("Zuletzt synchronisiert:")).to_be_visible()
    cards = page.locator(".entry-card")
    expect(cards).to_have_count(2)
    expect(cards.filter(has_text="9/10")).to_contain_text("Auf zwei Geräten geändert")
    wait_until(page, "document.querySelector('[data-sync-message]').textContent.length > 0")
    body, headers = fake.requests[0]
    assert headers["x-csrftoken"] == "k" * 32
    assert body["cursor"] == 0
    [change] = body["changes"]
    assert change["replaces"] == [] and change["data"]["intensity"] == 2
    assert set(change) == {"id", "change", "replaces", "client_updated_at", "deleted", "data"}
    assert stored(page, "outbox") == []
    versions = {row["id"]: row["version"] for row in stored(page, "entries")}
    # The answer empties the outbox; the entry's version comes with its next pull.
    assert versions == {change["id"]: None, other_device["id"]: 3}

    # A refused batch stays in the outbox and is not sent again and again.
    fake.status = 400
    cards.filter(has_text="2/10").tap()
    intensity(page).get_by_role("radio", name="3", exact=True).tap()
    page.get_by_role("button", name="Speichern").tap()
    expect(page.get_by_text("Der Server hat die Änderungen nicht angenommen.")).to_be_visible()
    expect(page.get_by_text("1 Änderung wartet auf das Senden.")).to_be_visible()
    [queued] = stored(page, "outbox")
    assert queued["replaces"] == [change["change"]]  # the version the page showed
    sent = len(fake.requests)
    page.wait_for_timeout(2500)
    assert len(fake.requests) == sent
    context.close()


def test_it_marks_a_rejected_entry_until_it_is_fixed_and_syncs_the_rest(browser, shared_server):
    """Issue 8, finding 4: one change the server refuses holds up nothing else."""
    context = browser.new_context(**PHONE, service_workers="block")
    context.add_cookies([{"name": "csrftoken", "value": "k" * 32, "url": shared_server.url}])
    page = context.new_page()
    fake = FakeSyncServer(page, refuse=(7, "Der Beginn liegt zu weit zurück."))
    # Logged in first: what is saved now is the account's, no first-login question.
    page.goto(f"{shared_server.url}/de/tagebuch/")
    wait_until(page, "JSON.parse(localStorage.getItem('diary:auth') || '{}').account")
    for strength in ("7", "4"):
        page.goto(f"{shared_server.url}/de/tagebuch/eintrag/")
        intensity(page).get_by_role("radio", name=strength, exact=True).tap()
        page.get_by_role("button", name="Speichern").tap()
        expect(page.get_by_text("Zuletzt synchronisiert:")).to_be_visible()

    cards = page.locator(".entry-card")

    def attention(pain):
        return cards.filter(has_text=pain).get_by_text("Braucht Aufmerksamkeit")

    def outbox_holds(count):
        deadline = time.monotonic() + 15
        while len(stored(page, "outbox")) != count:
            assert time.monotonic() < deadline, stored(page, "outbox")
            page.wait_for_timeout(100)
        return stored(page, "outbox")

    [waiting] = outbox_holds(1)
    expect(attention("7/10")).to_be_visible()
    expect(attention("4/10")).to_be_hidden()
    assert waiting["data"]["intensity"] == 7 and "rejected" in waiting
    sent = len(fake.requests)
    page.get_by_role("button", name="Jetzt synchronisieren").click()
    expect(page.get_by_text("Zuletzt synchronisiert:")).to_be_visible()
    page.wait_for_timeout(500)
    assert all(not body["changes"] for body, _ in fake.requests[sent:])  # not sent again

    cards.filter(has_text="7/10").tap()
    expect(page.get_by_role("heading", name="Braucht Aufmerksamkeit")).to_be_visible()
    expect(page.get_by_text("Der Beginn liegt zu weit zurück.")).to_be_visible()
    # Fixed (here: a value the fake server takes) and saved: it goes out again, and is synced.
    intensity(page).get_by_role("radio", name="6", exact=True).tap()
    page.get_by_role("button", name="Speichern").tap()
    wait_until(page, "document.querySelectorAll('.entry-card').length === 2")
    expect(attention("6/10")).to_be_hidden()
    outbox_holds(0)

    # Discarded instead: gone from the phone.
    fake.refuse = (6, "Nein.")
    cards.filter(has_text="6/10").tap()
    intensity(page).get_by_role("radio", name="6", exact=True).tap()
    page.get_by_label("Notizen").fill("noch einmal")
    page.get_by_role("button", name="Speichern").tap()
    expect(attention("6/10")).to_be_visible()
    cards.filter(has_text="6/10").tap()
    page.get_by_role("button", name="Eintrag verwerfen").click()
    expect(cards).to_have_count(1)
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_it_has_no_axe_violations_on_the_diary_pages(browser, shared_server, scheme):
    context = browser.new_context(**PHONE, color_scheme=scheme)
    page = context.new_page()
    page.goto(f"{shared_server.url}/de/tagebuch/")
    assert axe_violations(page) == []  # empty
    conflicted = page.evaluate(
        """async ([url, data]) => {
          const store = await import(url);
          const id = crypto.randomUUID();
          await store.applyRemote([{id, version: 2, client_updated_at: new Date().toISOString(),
                                    deleted: false, conflict: true, change: crypto.randomUUID(), data,
                                    kept: [{change: crypto.randomUUID(), client_updated_at: new Date().toISOString(),
                                            data: {...data, notes: "other"}}]}], 2);
          return id;
        }""",
        [static("js/diary-store.js"), {**DATA, "measures": [{"id": "heat", "helped": 1}]}],
    )
    page.reload()
    expect(page.locator(".entry-card")).to_have_count(1)
    assert axe_violations(page) == []

    page.goto(f"{shared_server.url}/de/tagebuch/eintrag/?id={conflicted}")
    expect(page.get_by_text("Auf zwei Geräten geändert – andere Version ansehen")).to_be_visible()
    page.get_by_role("checkbox", name="Wärme").check()
    assert axe_violations(page) == []

    page.goto(f"{shared_server.url}/de/tagebuch/eintrag/")
    page.get_by_role("button", name="Speichern").tap()
    expect(page.get_by_text("Bitte wähl eine Zahl von 0 bis 10")).to_be_visible()
    assert axe_violations(page) == []

    page.goto(f"{shared_server.url}/de/besser/")
    page.get_by_role("region", name="Im Tagebuch speichern").get_by_role(
        "button", name="Speichern & fertig"
    ).tap()
    assert axe_violations(page) == []
    context.close()


def test_it_fits_320_px_and_gives_every_diary_control_48_px(browser, shared_server):
    context = browser.new_context(viewport={"width": 320, "height": 640}, has_touch=True)
    page = context.new_page()
    for path in ["/de/tagebuch/", "/de/tagebuch/eintrag/", "/en/diary/entry/", "/de/besser/"]:
        page.goto(shared_server.url + path)
        page.wait_for_timeout(200)
        assert page.evaluate("document.documentElement.scrollWidth") <= 320, path
        small = page.evaluate(
            """[...document.querySelectorAll(`main button, main a, main .field input, main textarea,
                  .zone label, .scale-options label, .helped-options label, .check`)]
              .filter((el) => el.checkVisibility() && !el.closest('p'))
              .map((el) => [el.closest('.zone, .scale-options > span, .helped-options > span') || el, el])
              .map(([box, el]) => [box.getBoundingClientRect(), el.textContent.trim().slice(0, 30)])
              .filter(([box]) => box.height < 48 || box.width < 48)
              .map(([box, text]) => `${text} ${box.width}x${box.height}`)"""
        )
        assert small == [], path
    context.close()
