"""The figures of the patterns page and the doctor's report: the SHIPPED static/js/diary-insights.js
run in Node (tests/diary/node/insights.mjs) on fixed diaries, in Berlin time."""

from datetime import UTC, datetime, timedelta

import pytest

from tests.diary.node_support import NODE, run_node

pytestmark = pytest.mark.skipif(not NODE, reason="needs Node (Debian package nodejs)")

# A Monday, 12:00 in Berlin (summer time).
NOW = datetime(2026, 6, 15, 10, 0, tzinfo=UTC)


def entry(days_ago, intensity=5, after=None, measures=(), triggers=(), hour=None, now=NOW, **data):
    when = now - timedelta(days=days_ago)
    if hour is not None:  # that day at this hour in Berlin, summer time (UTC+2)
        when = when.replace(hour=hour) - timedelta(hours=2)
    return {
        "id": f"e{days_ago}-{hour}-{intensity}",
        "data": {
            "started_at": when.isoformat().replace("+00:00", "Z"),
            "intensity": intensity,
            "intensity_after": after,
            "measures": [{"id": m, "helped": None} for m in measures],
            "triggers": list(triggers),
            "regions": [],
            "redflag": None,
            "notes": "",
            **data,
        },
    }


def figures(entries, period="4w", **more):
    cases = {"diary": {"entries": entries, "period": period, "now": NOW.isoformat(), **more}}
    return run_node("insights.mjs", cases, TZ="Europe/Berlin")["diary"]


def test_it_shows_nothing_but_empty_weeks_for_an_empty_diary():
    result = figures([])
    assert result["count"] == 0 and result["mean"] is None
    assert result["helped"] == [] and result["triggers"] == [] and result["best"] is None
    assert result["mostly"] is None and result["safety"]["check"] is False
    assert [b["count"] for b in result["buckets"]] == [0] * 5
    assert result["weekdays"] == [0] * 7


def test_it_counts_a_single_entry_but_gives_no_average_of_what_helped():
    result = figures([entry(2, intensity=7, after=3, measures=["heat"], hour=8)])
    assert result["count"] == 1 and result["mean"] == 7 and result["max"] == 7
    assert result["helped"] == [{"id": "heat", "used": 1, "episodes": 1, "drop": None}]
    assert result["best"] is None
    assert result["mostly"] is None  # one episode is no pattern
    assert [b["count"] for b in result["buckets"]][-2:] == [1, 0]  # Saturday; now is Monday


def test_it_gives_no_figure_for_measures_used_without_pain_after():
    diary = [entry(d, intensity=6, measures=["heat"]) for d in (1, 2, 3, 4)]
    [heat] = figures(diary)["helped"]
    assert heat == {"id": "heat", "used": 4, "episodes": 0, "drop": None}


def test_it_averages_the_drop_in_pain_per_measure_from_three_episodes_on():
    diary = [
        entry(1, 6, 3, ["heat", "breathing"]),
        entry(2, 7, 4, ["heat"]),
        entry(3, 8, 4, ["heat", "cold"]),
        entry(4, 5, 5, ["cold", "breathing"]),
        entry(5, 5, None, ["breathing"]),
    ]
    result = figures(diary)
    helped = {m["id"]: m for m in result["helped"]}
    assert helped["heat"] == {"id": "heat", "used": 3, "episodes": 3, "drop": 3.3}
    assert helped["cold"]["drop"] is None and helped["cold"]["episodes"] == 2
    assert helped["breathing"] == {"id": "breathing", "used": 3, "episodes": 2, "drop": None}
    assert result["best"]["id"] == "heat"


def test_it_keeps_to_the_chosen_period():
    diary = [entry(3), entry(40), entry(200), entry(500)]
    assert [figures(diary, p)["count"] for p in ("4w", "3m", "12m", "all")] == [1, 2, 3, 4]
    assert len(figures(diary, "3m")["buckets"]) in (13, 14)
    # Two years of weeks would be unreadable at 320 px: a long diary is drawn by month.
    assert figures(diary, "all")["buckets"][0]["unit"] == "month"


def test_it_counts_triggers_time_of_day_and_weekday_in_local_time():
    diary = [
        entry(0, hour=7, triggers=["lifting", "stress"]),  # Monday
        entry(1, hour=6, triggers=["lifting"]),  # Sunday
        entry(7, hour=11, triggers=["lifting"]),  # Monday
        entry(8, hour=23),  # Sunday, at night
        entry(9, hour=1),  # Saturday, after midnight: night
    ]
    result = figures(diary)
    assert result["triggers"] == [{"id": "lifting", "count": 3}, {"id": "stress", "count": 1}]
    assert result["times"] == [{"id": "morning", "count": 3}, {"id": "night", "count": 2}]
    assert result["mostly"] == "morning"
    assert result["weekdays"] == [2, 0, 0, 0, 0, 1, 2]


def test_it_lists_warning_sign_results_and_notes_newest_first():
    diary = [
        entry(2, redflag={"tier": "soon", "reasons": ["leg"]}, notes="Für die Ärztin"),
        entry(5, redflag={"tier": "selfcare", "reasons": []}),
        entry(6, notes="  "),
    ]
    result = figures(diary)
    assert [(r["tier"], r["reasons"]) for r in result["redflags"]] == [
        ("soon", ["leg"]),
        ("selfcare", []),
    ]
    assert [n["notes"] for n in result["notes"]] == ["Für die Ärztin"]


# The safety signal (docs/medical.md, "The diary's safety signal"). Quiet is what a diary without a
# reason gives: the box must not cry wolf.
QUIET = {"persistent": False, "stronger": None, "moreOften": None, "redflag": None, "check": False}


def signal(entries, now=NOW):
    return figures(entries, now=now.isoformat())["safety"]


def test_it_asks_for_a_doctor_when_there_was_pain_on_16_of_the_last_28_days():
    daily = [entry(d, intensity=4) for d in range(28) if d % 7 not in (2, 5)]
    assert signal(daily) == {**QUIET, "persistent": True, "check": True}
    # Counted by day, not by week: 15 days is not "most days", 16 is, however they fall.
    assert signal([entry(d, intensity=4) for d in range(15)])["persistent"] is False
    assert signal([entry(d, intensity=4) for d in range(16)])["persistent"] is True
    # Several cramps on one day are one day; a day 28 days ago is outside the 4 weeks.
    twice = [entry(d, hour=h) for d in range(15) for h in (8, 18)] + [entry(28)]
    assert signal(twice)["persistent"] is False
    painless = [entry(d, intensity=0) for d in range(28)]
    assert signal(painless) == QUIET


def test_it_asks_for_a_doctor_when_episodes_come_more_often_or_stronger():
    before = [entry(d, intensity=4) for d in (35, 45, 60)]
    more = before + [entry(d, intensity=4) for d in (1, 3, 5, 8, 12)]
    assert signal(more) == {**QUIET, "moreOften": 14, "check": True}
    stronger = before + [entry(d, intensity=7) for d in (2, 9, 20)]
    assert signal(stronger) == {**QUIET, "stronger": 28, "check": True}
    same = before + [entry(d, intensity=5) for d in (2, 9, 20)]
    assert signal(same) == QUIET
    # Under 2 weeks of diary there is nothing before to compare with.
    new = [entry(d, intensity=2 if d > 6 else 8) for d in range(0, 12, 2)]
    assert signal(new) == QUIET


def test_it_asks_for_a_doctor_after_a_saved_today_or_emergency_result_in_the_last_4_weeks():
    for tier in ("today", "emergency"):
        diary = [entry(3, intensity=3, redflag={"tier": tier, "reasons": []})]
        assert signal(diary) == {**QUIET, "redflag": tier, "check": True}
    both = [
        entry(d, redflag={"tier": t, "reasons": []}) for d, t in ((2, "today"), (9, "emergency"))
    ]
    assert signal(both)["redflag"] == "emergency"  # the most urgent
    soon = [entry(3, redflag={"tier": "soon", "reasons": ["leg"]})]
    assert signal(soon) == QUIET
    old = [entry(28, redflag={"tier": "today", "reasons": []})]
    assert signal(old) == QUIET


# The review's diaries (clinical-2026-12.md, finding 18), run on 2 December 2026 at noon in Berlin;
# each gave `check: false` before the fix.
REVIEW_NOW = datetime(2026, 12, 2, 11, 0, tzinfo=UTC)


def review(days_ago, intensity):
    return entry(days_ago, intensity, now=REVIEW_NOW)


def test_it_catches_a_fast_rise_in_a_three_week_diary():
    """F: a cramp every second day for 3 weeks, pain rising from 3 to 9."""
    diary = [review(d, round(3 + 6 * (20 - d) / 20)) for d in range(20, -1, -2)]
    assert [e["data"]["intensity"] for e in diary] == [3, 4, 4, 5, 5, 6, 7, 7, 8, 8, 9]
    assert signal(diary, REVIEW_NOW) == {**QUIET, "stronger": 7, "check": True}


def test_it_catches_cramps_that_came_more_often_and_stronger_four_weeks_ago():
    """G: 6 weeks; 1 cramp a week at 3, then 3 a week at 8 for the last 4 weeks."""
    diary = [review(d, 3) for d in (40, 33)]
    diary += [review(week * 7 + d, 8) for week in range(4) for d in (0, 2, 4)]
    assert signal(diary, REVIEW_NOW) == {**QUIET, "stronger": 28, "moreOften": 28, "check": True}


def test_it_catches_pain_on_most_days_with_one_lighter_week():
    """H: pain 6 days a week for 4 weeks, except one week of 3 days."""
    diary = [review(d, 5) for d in range(28) if (d % 7 in (1, 3, 5) if d // 7 == 2 else d % 7)]
    assert len(diary) == 21
    assert signal(diary, REVIEW_NOW) == {**QUIET, "persistent": True, "check": True}


def test_it_catches_a_bad_last_week_in_a_long_diary():
    """I: 9 weeks of 2 cramps a week at 5, then 5 cramps at 9 in the last week."""
    diary = [review(week * 7 + d, 5) for week in range(1, 9) for d in (1, 4)]
    diary += [review(d, 9) for d in (0, 1, 2, 4, 5)]
    assert signal(diary, REVIEW_NOW) == {**QUIET, "stronger": 7, "check": True}


def test_it_stays_quiet_for_a_few_mild_cramps():
    diary = [review(d, i) for d, i in ((3, 2), (12, 3), (26, 2), (40, 3))]
    assert signal(diary, REVIEW_NOW) == QUIET


def test_it_stays_quiet_for_steady_pain_twice_a_week_for_eight_weeks():
    steady = [review(d, 3) for d in range(56) if d % 7 in (1, 4)]
    assert signal(steady, REVIEW_NOW) == QUIET
    # One bad day with three cramps at 9 is one day: no rise, not more often.
    bad_day = steady + [entry(2, 9, hour=h, now=REVIEW_NOW) for h in (7, 12, 19)]
    assert signal(bad_day, REVIEW_NOW) == QUIET
    # Nor does one week of 4 cramps instead of 2: counts are compared over 2 weeks or more.
    busy_week = steady + [review(d, 3) for d in (3, 5)]
    assert signal(busy_week, REVIEW_NOW) == QUIET


def test_it_computes_five_thousand_entries_in_under_200_ms():
    result = figures(None, "all", generate=5000)
    print(
        f"\n5,000 entries: first run {result['first_ms']:.1f} ms, median of 5 {result['ms']:.1f} ms"
    )
    assert result["count"] == 5000
    assert result["ms"] < 200
    assert all(m["drop"] is not None for m in result["helped"])
