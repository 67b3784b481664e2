"""The doctor's report: printed to PDF by headless Chromium, three months of a typical diary fit
ONE A4 page; a long diary stays one page, cut at a "Weitere Einträge" line."""

import re

from playwright.sync_api import expect

from tests.browser.conftest import wait_until
from tests.browser.test_patterns import entry, open_seeded, typical_diary


def pages(pdf):
    return len(re.findall(rb"/Type\s*/Page(?![a-z])", pdf))


def printed(page, artifacts, name):
    page.emulate_media(media="print")
    pdf = page.pdf(format="A4", print_background=True, prefer_css_page_size=True)
    (artifacts / f"{name}.pdf").write_bytes(pdf)
    page.screenshot(path=artifacts / f"{name}-print.png", full_page=True)
    return pdf


def test_it_prints_three_months_of_a_typical_diary_on_one_a4_page(shared_server, page, artifacts):
    open_seeded(page, shared_server.url, "/de/tagebuch/bericht/?period=3m", typical_diary())
    report = page.get_by_role("article")
    expect(report.locator("[data-summary]")).to_contain_text("In den letzten 3 Monaten: 23 Krämpfe")
    expect(report.locator("[data-redflags]")).to_contain_text("bald ärztlich abklären")
    expect(report.locator("[data-helped]")).to_contain_text(
        "Wärme: im Schnitt 3 Punkte weniger (23 Mal)"
    )
    expect(report.locator("[data-triggers]")).to_contain_text("Heben: 11 Mal")
    expect(report.locator("[data-notes]")).to_contain_text("Physiotherapie?")
    expect(report).to_contain_text("ersetzt keine Ärztin")
    expect(report.get_by_text(re.compile("Weitere Einträge"))).to_have_count(0)
    pdf = printed(page, artifacts, "report-3-months")
    assert pages(pdf) == 1
    # Nothing but the report is printed: no buttons, no navigation.
    assert page.get_by_role("button", name="Drucken oder als PDF speichern").is_hidden()
    assert page.locator("header.bar").is_hidden()


def test_it_cuts_a_long_diary_at_a_clear_line_and_stays_on_one_page(shared_server, page, artifacts):
    long = [
        entry(
            n,
            n % 360 + 1,  # from yesterday back, so none lies after the page's now
            n % 11,
            (n % 11) // 2,
            ["heat", "cold", "movement", "breathing", "stretching", "stufenlagerung", "massage"][
                : n % 7 + 1
            ],
            ["lifting", "sitting", "sport", "cold", "stress", "sleep-position", "sweating"][
                : n % 7 + 1
            ],
            hour=n % 23 + 1,
            redflag={"tier": "today", "reasons": []} if n % 4 == 0 else None,
            notes=f"Notiz {n}: " + "sehr lange Beschreibung des Krampfs " * 12,
        )
        for n in range(400)
    ]
    open_seeded(page, shared_server.url, "/de/tagebuch/bericht/?period=12m", long)
    report = page.get_by_role("article")
    more = report.locator("[data-notes] .more")
    expect(more).to_have_text("Weitere Einträge: 397 (nicht auf dieser Seite)")
    expect(report.locator("[data-redflags] .more")).to_contain_text("Weitere Einträge")
    expect(report.locator("[data-notes] li")).to_have_count(4)
    pdf = printed(page, artifacts, "report-long")
    assert pages(pdf) == 1


def test_it_makes_the_report_from_the_same_diary_in_english(shared_server, page):
    open_seeded(page, shared_server.url, "/en/diary/report/", typical_diary())
    expect(page.get_by_role("article").locator("[data-summary]")).to_contain_text(
        "In the last 3 months: 23 cramps"
    )
    expect(page.get_by_role("button", name="Print or save as PDF")).to_be_visible()


def test_it_shows_the_notes_marked_for_the_doctor(shared_server, page):
    """Issue 10: notes flagged "for the doctor" are the report's notes; the others stay private."""
    diary = [
        entry(1, 2, 6, notes="Nur für mich"),
        entry(2, 5, 7, notes="Seit dem Umzug öfter", for_doctor=True),
    ]
    open_seeded(page, shared_server.url, "/de/tagebuch/bericht/?period=4w", diary)
    notes = page.get_by_role("article").locator("[data-notes]")
    expect(notes).to_contain_text("Seit dem Umzug öfter")
    expect(notes).not_to_contain_text("Nur für mich")


# Headless Chromium has no share sheet: this stands in for the phone's, to see what it is given.
SHARE_SHEET = """
navigator.canShare = (data) => Boolean(data && data.files);
navigator.share = async (data) => {
  const file = data.files[0];
  window.shared = { name: file.name, type: file.type, text: await file.text() };
};
"""


def test_it_hands_the_share_sheet_the_report_as_one_file(browser, shared_server):
    context = browser.new_context()
    context.add_init_script(SHARE_SHEET)
    page = context.new_page()
    open_seeded(page, shared_server.url, "/de/tagebuch/bericht/?period=3m", typical_diary())
    expect(page.get_by_role("article").locator("[data-notes]")).to_contain_text("Physiotherapie?")
    page.get_by_role("button", name="Teilen").click()
    wait_until(page, "Boolean(window.shared)")
    shared = page.evaluate("window.shared")
    assert shared["type"] == "text/html" and shared["name"].endswith(".html")
    assert "Physiotherapie?" in shared["text"] and "<style>" in shared["text"]
    context.close()
