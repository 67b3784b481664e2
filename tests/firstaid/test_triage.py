import json

import pytest

from firstaid import content, triage
from tests.firstaid.triage_cases import CASES, answers, case_id


def test_it_has_a_table_of_at_least_40_cases():
    assert len(CASES) >= 40


def test_it_covers_every_question_in_the_table():
    covered = {flag for case in CASES if isinstance(case["yes"], list) for flag in case["yes"]}
    assert covered == {flag["id"] for flag in content.load("de")["redflags"]}


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_it_finds_the_expected_outcome(case):
    result = triage.evaluate(content.load("de")["redflags"], answers(case))
    assert result["tier"] == case["tier"]


def test_it_names_the_answers_that_led_to_the_outcome():
    flags = content.load("de")["redflags"]
    result = triage.evaluate(flags, {"fever": True, "cramp-long": True, "known-cancer": True})
    assert result["tier"] == "today"
    assert result["reasons"] == ["fever", "known-cancer"]


def test_it_lists_the_unanswered_questions():
    flags = content.load("de")["redflags"]
    result = triage.evaluate(flags, {flag["id"]: False for flag in flags[1:]})
    assert result == {"tier": None, "reasons": [], "unanswered": [flags[0]["id"]]}


def test_it_gives_the_actions_of_the_outcome_with_the_countrys_number():
    result = triage.outcome("en", {"chest-pain": True}, "144")
    assert result["title"] == "Call 144 now"
    assert "Call 144 right away." in result["actions"]
    assert result["reasons"] == [{"id": "chest-pain", "label": result["reasons"][0]["label"]}]
    assert result["disclaimer"]


def test_it_keeps_the_result_small_and_serialisable():
    result = triage.evaluate(content.load("de")["redflags"], {"fever": True})
    assert json.loads(json.dumps(result)) == result
