"""The doctor's report: printed to PDF by headless Chromium, three months of a typical diary fit
ONE A4 page; a long diary stays one page, cut at a "Weitere Einträge" line, but never hides an
"emergency" or "today" result of the warning-sign check (issue 18, walk M6 and minor 12)."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import wait_until
from tests.browser.test_accessibility import axe_violations_all_open
from tests.browser.test_night_mode import THEMES, themed
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
    # Neither "emergency" nor "today" in three months: the one "soon" result is summed up.
    expect(report.locator("[data-redflags] li")).to_have_count(0)
    expect(report.locator("[data-redflags-rest]")).to_have_text(
        "Andere Ergebnisse: 1 × bald ärztlich abklären"
    )
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
    # All 100 "today" results of the year are on the page, each date once per result.
    flags = report.locator("[data-redflags] li")
    expect(flags).to_have_count(1)
    expect(flags).to_contain_text("100 × heute ärztlich abklären: 24.11.26, 24.11.26, 20.11.26")
    assert len(re.findall(r"\d\d\.\d\d\.\d\d", flags.inner_text())) == 100
    expect(report.locator("[data-redflags] .more")).to_have_count(0)
    expect(report.locator("[data-notes] li")).to_have_count(4)
    pdf = printed(page, artifacts, "report-long")
    assert pages(pdf) == 1


def flagged(n, days_ago, tier, reasons=()):
    return entry(n, days_ago, 6, redflag={"tier": tier, "reasons": list(reasons)})


def test_it_shows_every_emergency_and_today_result_and_sums_up_the_rest(
    shared_server, page, artifacts
):
    """The walk's 3-month diary: "today (fever)" on 20.11, 05.11 and 10.10 among 16 "self-care"
    results; the page showed the 4 newest results and folded two fevers into "Weitere Einträge"."""
    diary = [flagged(n, 2 + n * 5, "selfcare") for n in range(16)]
    diary += [flagged(20, 5, "today", ["fever"]), flagged(21, 20, "today", ["fever"])]
    diary += [
        flagged(22, 46, "today", ["fever"]),
        flagged(23, 30, "emergency", ["saddle-numbness"]),
    ]
    diary += [flagged(24, 12, "soon")]
    open_seeded(page, shared_server.url, "/de/tagebuch/bericht/?period=3m", diary)
    report = page.get_by_role("article")
    flags = report.locator("[data-redflags] li")
    expect(flags).to_have_count(2)
    expect(flags.nth(0)).to_have_text(re.compile(r"^1 × Notfall \(.+\): 26\.10\.26$"))
    expect(flags.nth(1)).to_have_text(
        "3 × heute ärztlich abklären (Fieber oder Schüttelfrost): 20.11.26, 05.11.26, 10.10.26"
    )
    expect(report.locator("[data-redflags-rest]")).to_have_text(
        "Andere Ergebnisse: 16 × Selbsthilfe reicht, 1 × bald ärztlich abklären"
    )
    expect(report.get_by_text(re.compile("Weitere Einträge"))).to_have_count(0)
    page.screenshot(path=artifacts / "report-redflags-360.png", full_page=True)
    assert pages(printed(page, artifacts, "report-redflags")) == 1


def test_it_draws_the_charts_with_axes_and_counts_over_the_reports_one_period(shared_server, page):
    open_seeded(page, shared_server.url, "/de/tagebuch/bericht/?period=3m", typical_diary())
    report = page.get_by_role("article")
    expect(report.locator("[data-helped] li").first).to_be_visible()
    count = report.locator('[data-chart="count"] svg')
    values = count.locator("text.value").all_text_contents()
    # Two cramps a week, one in the period's first (part of a) week and its last: a count per bar.
    assert len(values) == 14 and set(values) <= {"0", "1", "2"} and sum(map(int, values)) == 23
    ticks = count.locator("text.tick").all_text_contents()
    assert ticks[:2] == ["0", "2"]  # the y axis: 0 and the most in a week
    assert count.locator("line.axis").count() == 2
    mean = report.locator('[data-chart="mean"] svg')
    assert mean.locator("text.tick").all_text_contents()[:2] == ["0", "10"]
    assert set(mean.locator("text.value").all_text_contents()) == {"6"}
    # One period: the line under the title, the chart's first label and its text all begin on
    # 26 August, 91 days before the page's Wednesday (not on the Monday its week began).
    expect(report.locator("[data-period]")).to_have_text("26.08.2026 – 25.11.2026")
    assert ticks[2] == "26.8."
    expect(report.locator("[data-chart-text]")).to_contain_text("Von 26.08.2026 bis 25.11.2026")
    # Name and birth date: lines to fill in by hand.
    expect(report.locator(".report-person")).to_contain_text("Name:")
    expect(report.locator(".report-person")).to_contain_text("Geburtsdatum:")
    assert report.locator(".report-person .blank").first.bounding_box()["width"] >= 90


def test_it_shows_an_entry_marked_for_the_doctor_with_or_without_a_note(shared_server, page):
    diary = [
        entry(1, 2, 6, notes="Nur für mich"),
        entry(2, 5, 7, notes="Seit dem Umzug öfter", for_doctor=True),
        entry(3, 9, 8, for_doctor=True),
    ]
    open_seeded(page, shared_server.url, "/de/tagebuch/bericht/?period=4w", diary)
    report = page.get_by_role("article")
    notes = report.locator("[data-notes] li")
    expect(notes).to_have_count(2)
    expect(notes.nth(0)).to_have_text("20.11.2026: Schmerz 7/10; Seit dem Umzug öfter")
    expect(notes.nth(1)).to_have_text("16.11.2026: Schmerz 8/10")
    expect(report.locator("#r-notes")).to_have_text("Für den Arztbesuch markiert")


def test_it_makes_the_report_from_the_same_diary_in_english(shared_server, page):
    open_seeded(page, shared_server.url, "/en/diary/report/", typical_diary())
    expect(page.get_by_role("article").locator("[data-summary]")).to_contain_text(
        "In the last 3 months: 23 cramps"
    )
    expect(page.get_by_role("button", name="Print or save as PDF")).to_be_visible()
    person = page.get_by_role("article").locator(".report-person")
    expect(person).to_contain_text("Name:")
    expect(person).to_contain_text("Date of birth:")
    expect(page.get_by_role("article").locator("[data-redflags-rest]")).to_have_text(
        "Other results: 1 × see a doctor soon"
    )


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


@pytest.mark.parametrize("theme", THEMES)
def test_it_has_no_axe_violations_with_a_diary_in_every_theme(browser, shared_server, theme):
    context = themed(browser, theme, viewport={"width": 360, "height": 640}, has_touch=True)
    page = context.new_page()
    diary = typical_diary() + [entry(90, 3, 7, redflag={"tier": "today", "reasons": ["fever"]})]
    open_seeded(page, shared_server.url, "/de/tagebuch/bericht/?period=3m", diary)
    expect(page.get_by_role("article").locator("[data-redflags] li")).to_have_count(1)
    assert axe_violations_all_open(page) == []
    context.close()
