"""Faster capture: "Wann hat es angefangen?" offers "gerade eben / vor 15 Min. / vor 1 Std."
before the exact time picker, which stays editable."""

from datetime import datetime, timedelta

from playwright.sync_api import expect

from tests.browser.test_diary_local import intensity, stored


def test_it_sets_the_start_with_one_tap_before_the_exact_time(shared_server, page):
    page.goto(shared_server.url + "/de/tagebuch/eintrag/")
    started = page.get_by_label("Wann hat es angefangen?")
    page.get_by_role("button", name="vor 1 Std.").tap()
    hour_ago = datetime.now() - timedelta(hours=1)
    shown = datetime.strptime(started.input_value(), "%Y-%m-%dT%H:%M")
    assert abs(shown - hour_ago) < timedelta(minutes=2)
    page.get_by_role("button", name="vor 15 Min.").tap()
    shown = datetime.strptime(started.input_value(), "%Y-%m-%dT%H:%M")
    assert abs(shown - (datetime.now() - timedelta(minutes=15))) < timedelta(minutes=2)
    # The exact time stays the person's to change after the quick choice.
    started.fill("2026-01-02T03:04")
    intensity(page).get_by_role("radio", name="6", exact=True).tap()
    page.get_by_role("button", name="Speichern").tap()
    expect(page).to_have_url(f"{shared_server.url}/de/tagebuch/")
    [entry] = stored(page, "entries")
    local = page.evaluate(f"new Date({entry['data']['started_at']!r}).toString()")
    assert "Jan 02 2026 03:04" in local


def test_it_offers_the_quick_times_in_english(shared_server, page):
    page.goto(shared_server.url + "/en/diary/entry/")
    for name in ["just now", "15 min ago", "1 hour ago"]:
        button = page.get_by_role("button", name=name)
        expect(button).to_be_visible()
        box = button.bounding_box()
        assert box["height"] >= 48 and box["width"] >= 48
