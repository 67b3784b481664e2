"""The red-flag triage: which outcome a set of yes/no answers leads to.

static/js/triage.js evaluates the same rules in the browser (offline); the table in
tests/firstaid/triage_cases.py runs against both, so the two cannot drift apart.

- The most urgent tier among the "yes" answers wins.
- Unanswered questions never lower the outcome: without any "yes", self-care is the outcome
  only when every question was answered "no"; otherwise there is no outcome yet (None).
"""

from firstaid import content

URGENCY = {"soon": 1, "today": 2, "emergency": 3}


def evaluate(flags, answers):
    """flags: [{id, tier}, …] in checklist order; answers: {id: True | False}."""
    yes = [flag for flag in flags if answers.get(flag["id"]) is True]
    unanswered = [flag["id"] for flag in flags if flag["id"] not in answers]
    if yes:
        tier = max(yes, key=lambda flag: URGENCY[flag["tier"]])["tier"]
    else:
        tier = None if unanswered else "selfcare"
    reasons = [flag["id"] for flag in yes if flag["tier"] == tier]
    return {"tier": tier, "reasons": reasons, "unanswered": unanswered}


def outcome(lang, answers, emergency_number):
    """The evaluation with the texts a person needs: what applies and what to do now."""
    data = content.load(lang)
    result = evaluate(data["redflags"], answers)
    labels = {flag["id"]: flag["label"] for flag in data["redflags"]}
    advice = next((o for o in data["outcomes"] if o["tier"] == result["tier"]), None)

    def fill(text):
        return text.replace("{emergency}", emergency_number)

    return {
        **result,
        "reasons": [{"id": i, "label": labels[i]} for i in result["reasons"]],
        "title": fill(advice["title"]) if advice else None,
        "actions": [fill(a) for a in advice["actions"]] if advice else [],
        "sources": advice["sources"] if advice else [],
        "disclaimer": data["disclaimer"],
    }
