"""The figures of the patterns page and the doctor's report: the SHIPPED static/js/diary-insights.js
run in Node (tests/diary/node/insights.mjs) on fixed diaries, in Berlin time."""

from datetime import UTC, datetime, timedelta

import pytest

from tests.diary.node_support import NODE, run_node

pytestmark = pytest.mark.skipif(not NODE, reason="needs Node (Debian package nodejs)")

# A Monday, 12:00 in Berlin (summer time).
NOW = datetime(2026, 6, 15, 10, 0, tzinfo=UTC)


def entry(days_ago, intensity=5, after=None, measures=(), triggers=(), hour=None, **data):
    when = NOW - timedelta(days=days_ago)
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


def test_it_asks_for_a_doctor_when_there_was_pain_on_most_days_for_four_weeks():
    daily = [entry(d, intensity=4) for d in range(28) if d % 7 not in (2, 5)]
    assert figures(daily, "12m")["safety"] == {
        "persistent": True,
        "moreOften": False,
        "stronger": False,
        "check": True,
    }
    three_weeks = [entry(d, intensity=4) for d in range(21)]
    assert figures(three_weeks)["safety"]["persistent"] is False
    painless = [entry(d, intensity=0) for d in range(28)]
    assert figures(painless)["safety"]["check"] is False


def test_it_asks_for_a_doctor_when_episodes_come_more_often_or_stronger():
    before = [entry(d, intensity=4) for d in (35, 45, 60)]
    more = before + [entry(d, intensity=4) for d in (1, 3, 5, 8, 12)]
    assert figures(more)["safety"]["moreOften"] is True
    stronger = before + [entry(d, intensity=7) for d in (2, 9, 20)]
    assert figures(stronger)["safety"] == {
        "persistent": False,
        "moreOften": False,
        "stronger": True,
        "check": True,
    }
    # A diary begun three weeks ago has nothing to compare with: not "more often".
    new = [entry(d, intensity=4) for d in (1, 3, 5, 8, 12, 20)]
    assert figures(new)["safety"]["check"] is False
    same = before + [entry(d, intensity=5) for d in (2, 9, 20)]
    assert figures(same)["safety"]["check"] is False


def test_it_computes_five_thousand_entries_in_under_200_ms():
    result = figures(None, "all", generate=5000)
    print(
        f"\n5,000 entries: first run {result['first_ms']:.1f} ms, median of 5 {result['ms']:.1f} ms"
    )
    assert result["count"] == 5000
    assert result["ms"] < 200
    assert all(m["drop"] is not None for m in result["helped"])
