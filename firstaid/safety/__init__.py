"""The clinical safety case as data: the guideline coverage table and the hazard log.

coverage.json traces each red flag of the guidelines to the questions that ask it; hazards.json
names each hazard with its causes, the controls against it and the tests that prove them. Both
are read by tests (tests/firstaid/test_safety_*.py), never by the running app; docs/medical.md
says how to add a sign.
"""

import json
import re
from functools import cache
from pathlib import Path

HERE = Path(__file__).resolve().parent
# Words that turn what follows into an example, not a condition ("oft bis in die Leiste").
EXAMPLE_MARKERS = ("oft ", "zum beispiel", "z. b.", "etwa ", "often ", "for example", "e.g.")


@cache
def coverage():
    return json.loads((HERE / "coverage.json").read_text(encoding="utf-8"))["rows"]


@cache
def hazards():
    return json.loads((HERE / "hazards.json").read_text(encoding="utf-8"))["hazards"]


def has_term(text, term):
    """Whether `text` holds the term: any of its alternatives, as part of a word, any case."""
    alternatives = [term] if isinstance(term, str) else term
    return any(alternative.lower() in text.lower() for alternative in alternatives)


def missing_terms(text, terms):
    """The terms (each a list of alternatives) that `text` does not hold."""
    return [term for term in terms if not has_term(text, term)]


def conditions_from_examples(text, words):
    """The words of `words` that `text` uses as a condition: not after an example marker in
    the same clause (a comma, bracket or semicolon ends a clause)."""
    wrong = []
    for word in words:
        for match in re.finditer(re.escape(word.lower()), text.lower()):
            clause = re.split(r"[,;(]", text.lower()[: match.start()])[-1]
            if not any(marker in clause for marker in EXAMPLE_MARKERS):
                wrong.append(word)
    return wrong
