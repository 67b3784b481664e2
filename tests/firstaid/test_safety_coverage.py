"""The guideline coverage table (firstaid/safety/coverage.json) against the content: every red
flag of the guidelines has a question at its tier or above, every question has a guideline row,
no question or label is narrower than its row, and every emergency question has a line on the
first screen that names its sign (issue 16; review findings 2, 3, 5, 9, 13, 14, 20)."""

import pytest
from django.conf import settings

from firstaid import content, safety
from firstaid.triage import URGENCY
from tests.firstaid.test_content import broken, load_error  # noqa: F401

LANGUAGES = [code for code, _ in settings.LANGUAGES]
ROWS = safety.coverage()
ROW_IDS = [row["id"] for row in ROWS]
# The guidelines and pages the safety case promises to cover (issue 16, MEDICAL.md).
GUIDELINES = [
    "nvl-kreuzschmerz-redflags",
    "nice-ng59",
    "nice-cks-back-pain",
    "nice-ng65",
    "nhs-back-pain",
    "nhs-sciatica",
    "nhs-cauda-equina",
    "backes-cauda-equina-card",
    "nhs-aortic-aneurysm",
    "nhs-aortic-dissection",
    "nhs-heart-attack",
    "herzstiftung",
    "nhs-pulmonary-embolism",
    "nhs-kidney-stones",
    "nhs-kidney-infection",
    "nhs-ectopic-pregnancy",
    "nhs-signs-of-labour",
]


def flags(lang="de"):
    return {flag["id"]: flag for flag in content.load(lang)["redflags"]}


def rows_of(question):
    return [row for row in ROWS if question in row["questions"]]


def test_it_gives_every_row_an_id_of_its_own_and_a_known_tier():
    assert len(ROW_IDS) == len(set(ROW_IDS))
    assert all(row["tier"] in content.TIERS for row in ROWS)


@pytest.mark.parametrize("row", ROWS, ids=ROW_IDS)
def test_it_names_a_question_for_every_guideline_sign(row):
    assert row["questions"], row["id"]


@pytest.mark.parametrize("row", ROWS, ids=ROW_IDS)
def test_it_names_only_questions_that_exist(row):
    assert set(row["questions"]) <= set(flags()), row["id"]


@pytest.mark.parametrize("row", ROWS, ids=ROW_IDS)
def test_it_never_asks_a_sign_at_a_tier_below_its_guideline(row):
    below = [
        (question, flags()[question]["tier"])
        for question in row["questions"]
        if question in flags() and URGENCY[flags()[question]["tier"]] < URGENCY[row["tier"]]
    ]
    assert below == [], f"{row['id']} is {row['tier']}"


def test_it_traces_every_question_to_a_guideline_row():
    assert [question for question in flags() if not rows_of(question)] == []


def test_it_cites_only_sources_that_the_content_knows():
    known = {source["id"] for source in content.load("de")["sources"]}
    assert {source for row in ROWS for source in row["sources"]} <= known


def test_it_covers_every_guideline_that_the_safety_case_names():
    cited = {source for row in ROWS for source in row["sources"]}
    assert [source for source in GUIDELINES if source not in cited] == []


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("row", ROWS, ids=ROW_IDS)
def test_it_asks_every_key_term_of_its_guideline_sign(row, lang):
    """A question that lacks a term of its row is narrower than the guideline (finding 2:
    'schwach oder taub' without pain or tingling)."""
    for question in row["questions"]:
        flag = flags(lang).get(question)
        if flag is None:
            pytest.fail(f"{row['id']}: no question {question!r}")
        missing = safety.missing_terms(flag["question"], row["key_terms"][lang])
        assert missing == [], f"{question}: {flag['question']!r}"


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("row", ROWS, ids=ROW_IDS)
def test_it_says_in_each_label_every_key_term_of_its_question(row, lang):
    """The staged check shows only the labels above 'Nichts davon': a label says as much as its
    question (finding 9: 'Schwanger' for 'schwanger oder könntest du schwanger sein')."""
    for question in row["questions"]:
        flag = flags(lang).get(question)
        if flag is None:
            pytest.fail(f"{row['id']}: no question {question!r}")
        missing = safety.missing_terms(flag["label"], row["key_terms"][lang])
        assert missing == [], f"{question}: {flag['label']!r}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_it_uses_an_example_never_as_a_condition(lang):
    """Finding 3: 'bis in die Leiste' turned the infected, blocked kidney into 'today'."""
    wrong = []
    for row in ROWS:
        for question in row["questions"]:
            flag = flags(lang).get(question)
            for text in (flag["question"], flag["label"]) if flag else ():
                words = row.get("examples_only", {}).get(lang, [])
                if used := safety.conditions_from_examples(text, words):
                    wrong.append((question, used, text))
    assert wrong == []


def test_it_finds_a_condition_made_of_an_example():
    # The check above, on the wording the review found and on the fixed one.
    old = "Kommen heftige Schmerzwellen seitlich unter den Rippen, bis in die Leiste, und Fieber?"
    new = "Kommen heftige Schmerzwellen in der Seite (oft bis in die Leiste), und Fieber?"
    assert safety.conditions_from_examples(old, ["Leiste"]) == ["Leiste"]
    assert safety.conditions_from_examples(new, ["Leiste"]) == []


def test_it_matches_a_term_by_any_of_its_alternatives_in_any_case():
    assert safety.has_term("Schmerz in beiden Beinen", ["beide Beine", "beiden Beinen"])
    assert safety.missing_terms("Sind beide Beine taub?", [["taub"], ["Kribbel"]]) == [["Kribbel"]]


# The first screen (emergency.signs): one home for each emergency sign.


def lines(lang="de"):
    return content.load(lang)["emergency"]["signs"]


def test_it_gives_every_emergency_question_a_first_screen_line():
    named = {question for line in lines() for question in line.get("questions", [])}
    emergency = [question for question, flag in flags().items() if flag["tier"] == "emergency"]
    assert [question for question in emergency if question not in named] == []


def test_it_names_only_emergency_questions_on_the_first_screen():
    for line in lines():
        assert line.get("questions"), line["text"]
        assert all(flags()[q]["tier"] == "emergency" for q in line["questions"]), line["text"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_it_names_on_each_first_screen_line_the_sign_of_its_questions(lang):
    """Finding 14: the screen said 'plötzlich', the check 'seit Kurzem'; finding 4: the burst
    aneurysm's shock signs were missing."""
    said = {}  # what the lines naming a question say together (one sign may take two lines)
    for line in lines(lang):
        for question in line.get("questions", []):
            said[question] = f"{said.get(question, '')} {line['text']}"
    wrong = []
    for question, text in said.items():
        for row in rows_of(question):
            terms = row.get("screen_terms", row["key_terms"])[lang]
            if missing := safety.missing_terms(text, terms):
                wrong.append((row["id"], missing, text))
    assert wrong == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_it_keeps_the_first_screen_short(lang):
    # Every alternative of every emergency question must stand on its line ("Nichts davon"
    # answers them all), which is about 950 characters, two phone screens; a longer list would
    # need headings to stay readable. tests/browser/test_emergency_screen.py measures it.
    assert len(lines(lang)) <= 9
    assert sum(len(line["text"]) for line in lines(lang)) <= 960


def test_it_refuses_an_emergency_question_without_a_first_screen_line(broken):  # noqa: F811
    def added(data):
        data["redflags"].insert(0, {**data["redflags"][0], "id": "new-sign"})

    for lang in LANGUAGES:
        broken(lang, added)
    assert "redflags[0]: emergency question 'new-sign' has no line in emergency.signs" in (
        load_error()
    )


def test_it_refuses_a_first_screen_line_for_a_question_below_emergency(broken):  # noqa: F811
    def lower(data):
        data["emergency"]["signs"][0]["questions"].append("fever")

    for lang in LANGUAGES:
        broken(lang, lower)
    assert "emergency.signs[0].questions: 'fever' is not an emergency question" in load_error()


def test_it_refuses_a_first_screen_line_for_an_unknown_question(broken):  # noqa: F811
    broken("de", lambda d: d["emergency"]["signs"][0].update(questions=["no-such-sign"]))
    assert "emergency.signs[0].questions: unknown question 'no-such-sign'" in load_error()
