"""In the real browser: the account page lists the devices that hold an API token and signs
them out, and the diary's own CSV export (made on the phone) runs no formula."""

import csv
import io
import uuid
from pathlib import Path

from playwright.sync_api import expect

from tests.browser.accounts import sign_up
from tests.browser.test_accessibility import axe_violations

PASSWORD = "Rücken-Krampf 2026"


def register(page, server):
    email = f"{uuid.uuid4().hex}@example.org"
    sign_up(page, server, email, PASSWORD)
    return email


def api_token(playwright_request, server, email, device):
    response = playwright_request.post(
        f"{server.url}/api/v1/auth/token/",
        data={"email": email, "password": PASSWORD, "device": device},
    )
    assert response.status == 200, response.text()
    return response.json()["token"]


def works(playwright_request, server, token):
    response = playwright_request.get(
        f"{server.url}/api/v1/auth/me/", headers={"Authorization": f"Token {token}"}
    )
    return response.status == 200


def test_it_lists_the_devices_and_signs_them_out(browser, server, playwright_instance):
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True)
    page = context.new_page()
    email = register(page, server)
    api = playwright_instance.request.new_context()
    laptop = api_token(api, server, email, "Annas Laptop")
    script = api_token(api, server, email, "Backup-Skript")

    page.goto(f"{server.url}/de/konto/")
    devices = page.get_by_role("heading", name="Angemeldete Geräte")
    expect(devices).to_be_visible()
    expect(page.get_by_text("Annas Laptop")).to_be_visible()
    expect(page.get_by_text("Backup-Skript")).to_be_visible()
    sign_out_laptop = page.get_by_role("button", name="Annas Laptop abmelden")
    for button in (
        sign_out_laptop,
        page.get_by_role("button", name="Alle anderen Geräte abmelden"),
    ):
        box = button.bounding_box()
        assert box["height"] >= 48 and box["width"] >= 48
    assert axe_violations(page) == []

    sign_out_laptop.click()
    expect(page.get_by_text("Das Gerät „Annas Laptop“ ist abgemeldet.")).to_be_visible()
    expect(page.get_by_role("button", name="Annas Laptop abmelden")).to_have_count(0)
    assert not works(api, server, laptop)
    assert works(api, server, script)

    page.get_by_role("button", name="Alle anderen Geräte abmelden").click()
    expect(page.get_by_text("Alle anderen Geräte sind abgemeldet.")).to_be_visible()
    expect(
        page.get_by_text("Kein anderes Gerät ist über die Schnittstelle (API) angemeldet.")
    ).to_be_visible()
    assert not works(api, server, script)
    # This browser stays logged in.
    expect(page.get_by_text(f"Angemeldet als {email}")).to_be_visible()
    api.dispose()
    context.close()


NOTES = ["=1+1", "@SUM(A1:A3)", "-2+3", "\t=1+1", 'Kisten; =HYPERLINK("x")']


def test_it_exports_no_formula_from_the_phone(shared_server, page):
    for notes in NOTES:
        page.goto(f"{shared_server.url}/de/tagebuch/eintrag/")
        page.get_by_role("group", name="Wie stark war der Schmerz?").get_by_role(
            "radio", name="4", exact=True
        ).tap()
        page.get_by_label("Notizen").fill(notes)
        page.get_by_role("button", name="Speichern").tap()
        expect(page).to_have_url(f"{shared_server.url}/de/tagebuch/")
    expect(page.locator(".entry-card")).to_have_count(len(NOTES))

    with page.expect_download() as download:
        page.get_by_role("button", name="Tabelle herunterladen (CSV)").tap()
    text = Path(download.value.path()).read_bytes().decode("utf-8-sig")
    # OWASP: a leading single quote, and every cell quoted.
    for notes in NOTES[:4]:
        assert f'"\'{notes}"' in text, notes
    assert '"Kisten; =HYPERLINK(""x"")"' in text
    header, *rows = csv.reader(io.StringIO(text))
    column = header.index("Notizen")
    assert sorted(row[column] for row in rows) == sorted([*(f"'{n}" for n in NOTES[:4]), NOTES[4]])
    assert all(line.startswith('"') for line in text.strip().split("\r\n"))
