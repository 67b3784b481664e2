import json

import pytest

from firstaid import content, triage
from tests.firstaid.triage_cases import CASES, answers, case_id


def test_it_has_a_table_of_at_least_80_cases():
    assert len(CASES) >= 80


def test_it_covers_every_question_in_the_table():
    covered = {flag for case in CASES if isinstance(case["yes"], list) for flag in case["yes"]}
    assert covered == {flag["id"] for flag in content.load("de")["redflags"]}


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_it_finds_the_expected_outcome(case):
    result = triage.evaluate(content.load("de")["redflags"], answers(case))
    assert result["tier"] == case["tier"]
    assert result["at_least"] == case["at_least"]
    assert result["ask_next"] == case["ask_next"]


def test_it_names_the_answers_that_led_to_the_outcome():
    flags = content.load("de")["redflags"]
    no_emergency = {flag["id"]: False for flag in flags if flag["tier"] == "emergency"}
    given = {**no_emergency, "fever": True, "no-improvement": True, "known-cancer": True}
    result = triage.evaluate(flags, given)
    assert result["tier"] == "today"
    assert result["reasons"] == ["fever", "known-cancer"]


def test_it_lists_the_unanswered_questions():
    flags = content.load("de")["redflags"]
    result = triage.evaluate(flags, {flag["id"]: False for flag in flags[1:]})
    assert result == {
        "tier": None,
        "at_least": None,
        "ask_next": "emergency",
        "reasons": [],
        "unanswered": [flags[0]["id"]],
    }


def test_it_shows_no_lower_outcome_while_an_emergency_question_is_open():
    # Finding 3: one minor "yes" with every emergency question open used to say "soon".
    result = triage.evaluate(content.load("de")["redflags"], {"no-improvement": True})
    assert result["tier"] is None
    assert result["at_least"] == "soon"
    assert result["ask_next"] == "emergency"


@pytest.mark.parametrize("value", ["no", 0, None, "", "false"])
def test_it_never_counts_an_odd_value_as_no(value):
    flags = content.load("de")["redflags"]
    given = {flag["id"]: False for flag in flags} | {"heart-signs": value}
    result = triage.evaluate(flags, given)
    assert result["tier"] is None
    assert result["unanswered"] == ["heart-signs"]


def test_it_fills_answers_from_the_self_tests_without_turning_a_yes_into_a_no():
    selftests = content.load("de")["selftests"]
    filled = triage.apply_selftests(
        selftests,
        {"saddle": "fine", "heel-toe": "one"},
        {"saddle-numbness": True, "leg-weakness": False},
    )
    assert filled["saddle-numbness"] is True
    assert filled["leg-weakness"] is True


def test_it_leaves_the_questions_open_when_a_self_test_could_not_be_tried():
    selftests = content.load("de")["selftests"]
    assert triage.apply_selftests(selftests, {"saddle": "", "heel-toe": "x"}, {}) == {}


def test_it_gives_the_actions_of_the_outcome_with_the_countrys_number():
    result = triage.outcome("en", {"heart-signs": True}, "144")
    assert result["title"] == "Call 144 now"
    assert "Call 144 right away." in result["actions"]
    assert result["reasons"] == [{"id": "heart-signs", "label": result["reasons"][0]["label"]}]
    assert result["disclaimer"]


def test_it_keeps_the_result_small_and_serialisable():
    result = triage.evaluate(content.load("de")["redflags"], {"fever": True})
    assert json.loads(json.dumps(result)) == result


def test_it_keeps_a_tier_open_that_the_person_admitted_until_one_of_its_questions_is_yes():
    # Finding 1: "Ja, eines davon" with every question "no" reached self-care.
    flags = content.load("de")["redflags"]
    all_no = {flag["id"]: False for flag in flags}
    result = triage.evaluate(flags, all_no, admitted=["emergency"])
    assert (result["tier"], result["ask_next"]) == (None, "emergency")
    assert triage.evaluate(flags, all_no | {"fever": True}, admitted=["today"])["tier"] == "today"
    # A more urgent "yes" decides; an admitted lower tier changes nothing then.
    assert triage.evaluate(flags, {"heart-signs": True}, admitted=["soon"])["tier"] == "emergency"


def test_it_reads_one_of_these_from_the_form_and_fills_nothing_for_it():
    flags, selftests = content.load("de")["redflags"], content.load("de")["selftests"]
    form = {"stage-emergency": "some", "stage-today": "none", "stage-soon": "none"}
    answers = triage.form_answers(flags, selftests, form)
    assert triage.form_admitted(form) == ["emergency"]
    assert not any(flag["id"] in answers for flag in flags if flag["tier"] == "emergency")
    result = triage.evaluate(flags, answers, triage.form_admitted(form))
    assert (result["tier"], result["ask_next"]) == (None, "emergency")
