"""The patterns page: figures from the diary on the phone, offline and without an account, with
the safety link, a chart readable at 320 px with a text equivalent and a table."""

import json
import re
from datetime import UTC, datetime, timedelta

import pytest
from django.templatetags.static import static
from playwright.sync_api import expect

from tests.browser.conftest import wait_for_service_worker, wait_until
from tests.browser.test_accessibility import axe_violations_all_open
from tests.browser.test_offline import STORED
from tests.browser.test_update import publish_new_version, update_now
from tests.harness import PHONE

# Puts entries into the diary on the phone through the shipped store, as a sync would.
SEED = """async ([url, entries]) => (await import(url)).applyRemote(entries)"""


# The diaries here are dated back from this Wednesday, and seed() pins the page's clock to it:
# dated back from the real now, an entry of "today" at a later hour lay in the future, so what a
# page counted (and its weeks) changed with the hour and the weekday of the run.
WEDNESDAY = datetime(2026, 11, 25, 11, 0, tzinfo=UTC)


def entry(n, days_ago, intensity, after=None, measures=(), triggers=(), hour=8, **data):
    when = WEDNESDAY.replace(hour=hour - 1, minute=0, second=0) - timedelta(days=days_ago)
    return {
        "id": f"00000000-0000-4000-8000-{n:012d}",
        "client_updated_at": when.isoformat(),
        "deleted": False,
        "version": None,
        "conflict": False,
        "data": {
            "started_at": when.isoformat().replace("+00:00", "Z"),
            "duration_minutes": 10,
            "intensity": intensity,
            "intensity_after": after,
            "regions": ["lower-left"],
            "triggers": list(triggers),
            "measures": [{"id": m, "helped": None} for m in measures],
            "redflag": data.get("redflag"),
            "notes": data.get("notes", ""),
            "for_doctor": data.get("for_doctor", False),
        },
    }


def typical_diary():
    """Three months, two cramps a week: heat each time (pain 6 → 3), breathing twice."""
    diary = []
    for n, days in enumerate(range(1, 90, 4)):
        measures = ["heat"] + (["breathing"] if n < 2 else [])
        trigger = ["lifting"] if n % 2 else ["sitting"]
        extra = {}
        if n == 3:
            extra = {
                "redflag": {"tier": "soon", "reasons": []},
                "notes": "Bitte fragen: Physiotherapie?",
            }
        hour = 7 if n % 3 else 19
        diary.append(entry(n, days, 6, 3, measures, trigger, hour=hour, **extra))
    return diary


# Drawn from the diary: the page has read it.
READY = "[data-helped] li, #fhir-export"


def seed(page, entries):
    page.clock.set_fixed_time(WEDNESDAY)
    page.evaluate(SEED, [static("js/diary-store.js"), entries])


def open_seeded(page, url, path, entries):
    page.goto(url + "/de/tagebuch/")
    seed(page, entries)
    page.goto(url + path)


def test_it_shows_patterns_offline_from_the_diary_on_the_phone(server, context, page, artifacts):
    page.goto(server.url + "/de/tagebuch/")
    wait_for_service_worker(page)
    # Opening the diary online stores its patterns and report pages for later.
    wait_until(page, f"{STORED}.then(paths => paths.includes('/de/tagebuch/bericht/'))")
    seed(page, typical_diary())
    server.kill()
    context.set_offline(True)

    page.goto(server.url + "/de/tagebuch/")
    page.get_by_role("link", name="Muster und Bericht für die Arztpraxis").tap()
    expect(page.get_by_role("heading", name="Muster", exact=True)).to_be_visible()
    summary = page.locator("#summary")
    expect(summary).to_have_text(re.compile(r"^In den letzten 4 Wochen: 7 Krämpfe, meist morgens"))
    expect(summary).to_contain_text("mit Wärme sank der Schmerz im Schnitt um 3 Punkte (7 Mal)")
    page.get_by_role("radio", name="3 Monate").tap()
    expect(summary).to_contain_text("In den letzten 3 Monaten: 23 Krämpfe")
    helped = page.locator("[data-helped] li")
    expect(helped.first).to_have_text(
        "Wärme: danach im Schnitt 3 Punkte weniger (23 Mal mit Schmerz vorher und nachher)"
    )
    expect(helped.filter(has_text="Atmen")).to_contain_text("zu wenige Einträge")
    expect(page.locator("[data-triggers]")).to_contain_text("Heben: 11 Mal")
    expect(page.locator("[data-chart-text]")).to_contain_text("höchstens 2 Krämpfe in einer Woche")
    expect(page.locator("[data-chart=count] rect")).not_to_have_count(0)
    expect(page.locator("#safety")).to_be_hidden()
    page.get_by_text("Als Tabelle zeigen").tap()
    rows = page.locator("[data-table] tr")
    expect(rows.first).to_be_visible()
    # A row per week: the 91 days before Wednesday 25 November 2026 touch the 14 weeks from
    # Monday 24 August to Monday 23 November (the count moves with the weekday: a pinned clock).
    expect(rows).to_have_count(14)
    expect(rows.first).to_contain_text("24.08.2026")
    expect(rows.last).to_contain_text("23.11.2026")

    page.get_by_role("link", name="Bericht für die Arztpraxis").tap()
    expect(page).to_have_url(re.compile(r"/de/tagebuch/bericht/\?period=3m$"))
    expect(page.locator("[data-summary]")).to_contain_text("23 Krämpfe")
    # "soon" results are summed up under the emergency and "today" ones (issue 18, report).
    expect(page.locator("[data-redflags-rest]")).to_contain_text("bald ärztlich abklären")
    expect(page.locator("[data-notes]")).to_contain_text("Physiotherapie?")


def test_it_says_when_the_diary_should_be_checked_by_a_doctor(shared_server, page):
    daily = [entry(n, n, 5) for n in range(28)]
    open_seeded(page, shared_server.url, "/de/tagebuch/muster/", daily)
    safety = page.get_by_role("region", name="Bitte ärztlich abklären lassen")
    expect(safety).to_be_visible()
    # Only the reason that applies is shown.
    expect(safety.locator("li:visible")).to_have_text(
        "In den letzten 4 Wochen hattest du an den meisten Tagen Schmerzen."
    )
    safety.get_by_role("link", name="Warnzeichen prüfen").tap()
    expect(page).to_have_url(f"{shared_server.url}/de/warnzeichen/")


@pytest.mark.parametrize(
    ("lang", "path", "title", "reason", "check"),
    [
        (
            "de",
            "/de/tagebuch/muster/",
            "Bitte ärztlich abklären lassen",
            "Deine Schmerzen waren in der letzten Woche deutlich stärker als davor.",
            "Warnzeichen prüfen",
        ),
        (
            "en",
            "/en/diary/patterns/",
            "Please have this checked by a doctor",
            "Your pain was clearly stronger in the last week than before.",
            "Check warning signs",
        ),
    ],
)
def test_it_raises_the_safety_box_for_a_fast_rise_on_a_small_phone(
    browser, shared_server, artifacts, lang, path, title, reason, check
):
    """The review's diary F (clinical-2026-12.md, finding 18): 3 weeks, a cramp every second day,
    pain rising from 3 to 9, on a 360 x 640 phone."""
    context = browser.new_context(viewport={"width": 360, "height": 640}, has_touch=True)
    page = context.new_page()
    rising = [entry(n, d, round(3 + 6 * (20 - d) / 20)) for n, d in enumerate(range(20, -1, -2))]
    open_seeded(page, shared_server.url, path, rising)
    safety = page.get_by_role("region", name=title)
    expect(safety).to_be_visible()
    expect(safety.locator("li:visible")).to_have_count(1)
    expect(safety.locator("li:visible")).to_have_text(reason)
    link = safety.get_by_role("link", name=check)
    link.scroll_into_view_if_needed()
    expect(link).to_be_in_viewport()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert axe_violations_all_open(page) == []
    page.screenshot(path=artifacts / f"patterns-safety-{lang}-360.png")
    link.tap()
    expect(page).to_have_url(re.compile(r"/(warnzeichen|en/warning-signs)/$"))
    context.close()


def test_it_names_a_saved_today_result_in_the_safety_box(shared_server, page):
    today = entry(1, 3, 4, redflag={"tier": "today", "reasons": []})
    open_seeded(page, shared_server.url, "/de/tagebuch/muster/", [today])
    safety = page.get_by_role("region", name="Bitte ärztlich abklären lassen")
    expect(safety.locator("li:visible")).to_have_text(
        "Dein Warnzeichen-Check in den letzten 4 Wochen ergab: heute ärztlich abklären."
    )
    expect(safety).to_contain_text("Hast du eines der Warnzeichen, prüf sie jetzt.")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_it_has_no_axe_violations_on_patterns_and_report(browser, shared_server, scheme):
    context = browser.new_context(**PHONE, color_scheme=scheme)
    page = context.new_page()
    found = {}
    for path in [
        "/de/tagebuch/muster/",
        "/en/diary/patterns/",
        "/de/tagebuch/bericht/",
        "/de/tagebuch/uebertragen/",
    ]:
        open_seeded(page, shared_server.url, path, typical_diary() + [entry(99, 2, 9, notes="x")])
        expect(page.locator(READY).first).to_be_visible()
        if violations := axe_violations_all_open(page):
            found[path] = violations
    context.close()
    assert found == {}


def test_it_reads_at_320_px_with_big_targets(browser, shared_server, artifacts):
    context = browser.new_context(viewport={"width": 320, "height": 640}, has_touch=True)
    page = context.new_page()
    for path, name in [
        ("/de/tagebuch/muster/?period=3m", "patterns"),
        ("/de/tagebuch/bericht/", "report"),
        ("/de/tagebuch/uebertragen/", "transfer"),
    ]:
        open_seeded(page, shared_server.url, path, typical_diary())
        expect(page.locator(READY).first).to_be_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= 320, path
        small = page.evaluate(
            """[...document.querySelectorAll('main a, main button, main summary, .periods label')]
              .filter(el => el.offsetParent !== null && !el.closest('p, li li'))
              .map(el => el.getBoundingClientRect())
              .filter(box => box.height < 48 || box.width < 48).length"""
        )
        assert small == 0, path
        page.screenshot(path=artifacts / f"{name}-320.png", full_page=True)


def test_it_speaks_english_on_the_english_page(shared_server, page):
    open_seeded(page, shared_server.url, "/en/diary/patterns/?period=3m", typical_diary())
    summary = page.locator("#summary")
    expect(summary).to_contain_text("In the last 3 months: 23 cramps, mostly in the morning")
    expect(summary).to_contain_text(
        "with Heat the pain went down by 3 points on average (23 times)"
    )
    assert json.loads(page.evaluate("JSON.stringify(document.documentElement.lang)")) == "en"


def test_it_keeps_the_diary_pages_offline_through_an_update(server, context, page):
    page.goto(server.url + "/de/tagebuch/")
    wait_for_service_worker(page)
    wait_until(page, f"{STORED}.then(paths => paths.includes('/de/tagebuch/muster/'))")
    seed(page, typical_diary())
    (old_cache,) = [k for k in page.evaluate("caches.keys()") if k != "krampfhilfe-prefs"]

    publish_new_version(server)
    update_now(page, server)
    wait_until(page, f"caches.keys().then(k => k.length === 2 && !k.includes('{old_cache}'))")

    # The new version stores the diary's pages again by itself, in the background after it
    # took over (shell/: the later set), without the diary being opened.
    wait_until(page, f"{STORED}.then(paths => paths.includes('/de/tagebuch/muster/'))")
    context.set_offline(True)
    page.goto(server.url + "/de/tagebuch/muster/?period=3m")
    expect(page.locator("#summary")).to_contain_text("23 Krämpfe")
