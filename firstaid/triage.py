"""The red-flag triage: which outcome a set of yes/no answers leads to.

static/js/triage.js evaluates the same rules in the browser (offline); the table in
tests/firstaid/triage_cases.py runs against both, so the two cannot drift apart.

- Only True and False are answers. Anything else (a string, a number, null) counts as
  unanswered, never as "no".
- The most urgent tier among the "yes" answers wins.
- An outcome is only given once every question of a more urgent tier is answered: while any
  emergency question is open, nothing below "emergency" is shown (tier None). `at_least` then
  says the tier already certain, and `ask_next` the most urgent tier with open questions, where
  the page leads the person first.
- Self-care only when every question was answered "no".
- A stage answered "Ja, eines davon" admits a sign of its tier: until one of that tier's
  questions is "yes", the tier stays open (`ask_next`), whatever the other answers say.
"""

from firstaid import content

# soon 1, today 2, emergency 3: the content lists its tiers most urgent first.
URGENCY = {tier: rank for rank, tier in enumerate(reversed(content.TIERS), 1)}


def tier_of(flag, yes):
    """A "yes" counts at its tier, or at its `with_any_other` tier together with any other
    "yes" (under 16: see a doctor soon, today with another sign; MEDICAL.md, Age)."""
    raised = flag.get("with_any_other")
    if raised and len(yes) > 1:
        return max(flag["tier"], raised, key=URGENCY.get)
    return flag["tier"]


def evaluate(flags, answers, admitted=()):
    """flags: [{id, tier}, …] in checklist order; answers: {id: True | False}; admitted: the
    tiers whose stage was answered "Ja, eines davon"."""
    yes = [flag for flag in flags if answers.get(flag["id"]) is True]
    # Not `in (True, False)`: 1 == True and 0 == False in Python.
    unanswered = [flag for flag in flags if not isinstance(answers.get(flag["id"]), bool)]
    at_least = max((tier_of(flag, yes) for flag in yes), key=URGENCY.get, default=None)
    floor = URGENCY[at_least] if at_least else 0
    # An open question that a "yes" would raise (under 16) holds the outcome too: a
    # 14-year-old's "soon" sign must not reach "soon" before the age is answered.
    still_open = [
        flag["tier"]
        for flag in unanswered
        if max(URGENCY[flag["tier"]], URGENCY[tier_of(flag, [*yes, flag])] if yes else 0) > floor
    ]
    # An admitted sign with no "yes" in its tier yet: the person said one applies, so the
    # explicit "no"s of that tier cannot lead below it.
    still_open += [tier for tier in admitted if tier in URGENCY and URGENCY[tier] > floor]
    ask_next = max(still_open, key=URGENCY.get, default=None)
    return {
        "tier": None if ask_next else at_least or "selfcare",
        "at_least": at_least,
        "ask_next": ask_next,
        "reasons": [flag["id"] for flag in yes if tier_of(flag, yes) == at_least],
        "unanswered": [flag["id"] for flag in unanswered],
    }


def apply_selftests(selftests, results, answers):
    """The answers with the self-tests' results ({test id: result id}) filled in.

    "Yes" wins: a result never turns a "yes" into a "no", but a failed test turns a "no" into a
    "yes". A missing or unknown result ("I can't try this now") fills nothing."""
    filled = dict(answers)
    for test in selftests:
        result = next((r for r in test["results"] if r["id"] == results.get(test["id"])), None)
        for flag_id, answer in (result["answers"] if result else {}).items():
            if answer is True or filled.get(flag_id) is not True:
                filled[flag_id] = answer
    return filled


def browser_data(data):
    """What triage.js needs of a language's content: the tiers' order (most urgent first, so
    the JS keeps no copy of it), the questions' tiers and the self-tests."""
    return {
        "tiers": list(content.TIERS),
        "flags": [
            {key: flag[key] for key in ("id", "tier", "with_any_other") if key in flag}
            for flag in data["redflags"]
        ],
        "selftests": [
            {
                "id": test["id"],
                "results": [{"id": r["id"], "answers": r["answers"]} for r in test["results"]],
            }
            for test in data["selftests"]
        ],
    }


def form_answers(flags, selftests, form):
    """The answers of the check's form (redflag-check.js derives the same in the browser,
    triage.js formAnswers): a Ja/Nein per question, "Nichts davon" per tier, the self-tests.

    The question radios hold only what the person tapped: "Nichts davon" and a self-test result
    never tick them, they fill in here, from the form as it is now. So a stage changed to "Ja,
    eines davon" or a test changed to "Kann ich gerade nicht testen" takes back exactly what it
    filled, in the browser, without JavaScript and after a reload alike.

    "Nichts davon" answers "no" for the questions of its tier that have no answer; a "yes"
    given to one of them stays a "yes"."""
    answers = {
        flag["id"]: form[flag["id"]] == "yes"
        for flag in flags
        if form.get(flag["id"]) in ("yes", "no")
    }
    answers = apply_selftests(
        selftests, {test["id"]: form.get(f"selftest-{test['id']}") for test in selftests}, answers
    )
    for flag in flags:
        if form.get(f"stage-{flag['tier']}") == "none":
            answers.setdefault(flag["id"], False)
    return answers


def form_admitted(form):
    """The tiers whose stage the form answers "Ja, eines davon" (see evaluate)."""
    return [tier for tier in content.TIERS if form.get(f"stage-{tier}") == "some"]


def outcome(lang, answers, emergency_number, numbers=None):
    """The evaluation with the texts a person needs: what applies, what to do now, and the
    safety net (lead and note, e.g. "Das ist keine Diagnose"). `numbers`: the numbers the page
    shows beside it (countries.numbers_for), which the texts point to."""
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
        "lead": fill(advice["lead"]) if advice else None,
        "actions": [fill(a) for a in advice["actions"]] if advice else [],
        "note": fill(advice["note"]) if advice and "note" in advice else None,
        "sources": advice["sources"] if advice else [],
        "disclaimer": data["disclaimer"],
        **({"numbers": numbers} if numbers is not None else {}),
    }
