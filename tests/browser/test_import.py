"""Moving the diary to another phone without an account: the JSON backup downloaded on one
phone and imported on another, merged by entry id; a file that is not ours, or is damaged,
changes nothing."""

import json

from playwright.sync_api import expect

from tests.browser.test_diary_local import stored
from tests.browser.test_patterns import entry, seed, typical_diary
from tests.harness import PHONE


def imported(page, path):
    page.locator("#import-file").set_input_files(path)
    return page.locator("#import-status")


def test_it_moves_the_diary_to_another_phone_and_merges_by_entry_id(
    browser, shared_server, tmp_path
):
    old_phone = browser.new_context(**PHONE).new_page()
    old_phone.goto(shared_server.url + "/de/tagebuch/")
    diary = typical_diary()
    seed(old_phone, diary)
    old_phone.reload()
    with old_phone.expect_download() as download:
        old_phone.get_by_role("button", name="Sicherung herunterladen (JSON)").tap()
    backup = tmp_path / "backup.json"
    download.value.save_as(backup)
    old_phone.context.close()

    new_phone = browser.new_context(**PHONE).new_page()
    new_phone.goto(shared_server.url + "/de/tagebuch/")
    # On the new phone: one entry is already here as it is, one was changed here later.
    same, changed = diary[0], json.loads(json.dumps(diary[1]))
    changed["data"]["notes"] = "Auf dem neuen Telefon ergänzt"
    changed["client_updated_at"] = "2099-01-01T00:00:00+00:00"
    seed(new_phone, [same, changed])
    new_phone.reload()
    new_phone.get_by_role("link", name="Sicherung importieren, FHIR-Export").tap()
    expect(new_phone.get_by_role("button", name="Sicherung importieren (JSON)")).to_be_visible()

    status = imported(new_phone, backup)
    expect(status).to_have_text("Importiert: 21 neu, 1 schon vorhanden, 1 in zwei Versionen.")
    rows = {row["id"]: row for row in stored(new_phone, "entries")}
    assert len(rows) == 23
    # The newer version stays, marked as changed on two devices; the other is kept with it.
    kept = rows[changed["id"]]
    assert kept["data"]["notes"] == "Auf dem neuen Telefon ergänzt"
    assert [k["data"]["notes"] for k in kept["kept"]] == [diary[1]["data"]["notes"]]
    # Everything new waits to be synced once there is an account, the kept version too: the
    # server keeps it as such (issue 17, finding 2).
    outbox = stored(new_phone, "outbox")
    assert len(outbox) == 22
    (other,) = [c for c in outbox if c["id"] == changed["id"]]
    assert (other["replaces"], other["data"]["notes"]) == ([], diary[1]["data"]["notes"])

    # The same file again: nothing duplicated.
    status = imported(new_phone, backup)
    expect(status).to_have_text("Importiert: 0 neu, 23 schon vorhanden, 0 in zwei Versionen.")
    new_phone.get_by_role("link", name="← Zum Tagebuch").tap()
    expect(new_phone.locator(".entry-card")).to_have_count(23)

    # The other version shows on the entry page, offline, from the phone.
    card = new_phone.locator(f'.entry-card[href$="{changed["id"]}"]')
    expect(card.get_by_text("Auf zwei Geräten geändert")).to_be_visible()
    card.tap()
    new_phone.context.set_offline(True)
    new_phone.get_by_role("button", name="Auf zwei Geräten geändert – andere Version ansehen").tap()
    expect(new_phone.locator("#conflict-versions")).to_contain_text("Beginn")
    new_phone.context.close()


def test_it_refuses_a_file_that_is_not_ours_or_damaged_and_changes_nothing(
    shared_server, page, tmp_path
):
    page.goto(shared_server.url + "/de/tagebuch/")
    seed(page, [entry(1, 1, 5)])
    page.goto(shared_server.url + "/de/tagebuch/uebertragen/")
    before = stored(page, "entries")
    good = {"app": "Krampfhilfe", "entries": [{"id": entry(2, 2, 4)["id"], **entry(2, 2, 4)}]}
    broken_entry = json.loads(json.dumps(good))
    broken_entry["entries"].append({"id": "not-an-id", "client_updated_at": "x", "data": {}})
    files = {
        "photo.json": (
            "Das ist keine Sicherung dieser App. Nichts wurde geändert.",
            "\x89PNG not json",
        ),
        "other.json": (
            "Das ist keine Sicherung dieser App. Nichts wurde geändert.",
            json.dumps({"entries": []}),
        ),
        "cut.json": ("Die Datei ist beschädigt.", json.dumps(good)[:60]),
        "bad-entry.json": ("Die Datei ist beschädigt.", json.dumps(broken_entry)),
    }
    for name, (message, body) in files.items():
        path = tmp_path / name
        path.write_text(body)
        status = imported(page, path)
        expect(status).to_contain_text(message)
        assert stored(page, "entries") == before, name


def test_it_downloads_a_fhir_bundle_made_on_the_phone(shared_server, page, tmp_path):
    page.goto(shared_server.url + "/en/diary/")
    seed(page, typical_diary()[:3])
    page.goto(shared_server.url + "/en/diary/transfer/")
    with page.expect_download() as download:
        page.get_by_role("button", name="Download for practice software (FHIR)").tap()
    path = tmp_path / "fhir.json"
    download.value.save_as(path)
    bundle = json.loads(path.read_text())
    assert bundle["resourceType"] == "Bundle" and len(bundle["entry"]) == 4
    # First the anonymous Patient (nothing typed on the phone), then the three Observations.
    assert bundle["entry"][0]["resource"].keys() == {"resourceType", "id"}
    assert bundle["entry"][1]["resource"]["code"]["text"] == "Pain (0–10)"
    assert "Heat" in json.dumps(bundle)
