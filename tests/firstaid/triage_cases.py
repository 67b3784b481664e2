"""Answers → expected outcome, run against firstaid/triage.py and static/js/triage.js alike.

Each case names the "yes" answers and the "no" answers, by id or by tier; ALL_OTHERS means every
question not answered "yes" is answered "no". `odd` gives values that are not a clear yes or no:
they must count as unanswered. Any other question is left unanswered. `at_least` is the tier that
is already certain; `ask_next` the most urgent tier whose questions are still open.
"""

from firstaid import content

ALL_OTHERS = "all others"


def ids(tier):
    return [flag["id"] for flag in content.load("de")["redflags"] if flag["tier"] == tier]


def _case(yes, no, tier, at_least=None, ask_next=None, odd=None):
    if tier not in (None, "selfcare") and at_least is None:
        at_least = tier
    return {
        "yes": yes,
        "no": no,
        "odd": odd or {},
        "tier": tier,
        "at_least": at_least,
        "ask_next": ask_next,
    }


NOT_A_BOOLEAN = ["yes", "no", "true", "false", 1, 0, None, "", [], {}]

CASES = [
    # Nothing or everything answered "no".
    _case([], [], None, ask_next="emergency"),
    _case([], ALL_OTHERS, "selfcare"),
    _case([], ["saddle-numbness", "fever", "cramp-long"], None, ask_next="emergency"),
    # Every sign alone, the rest "no".
    *[_case([flag], ALL_OTHERS, "emergency") for flag in ids("emergency")],
    *[_case([flag], ALL_OTHERS, "today") for flag in ids("today")],
    *[_case([flag], ALL_OTHERS, "soon") for flag in ids("soon")],
    # Every emergency sign alone, nothing else answered: the call shows at once.
    *[_case([flag], [], "emergency") for flag in ids("emergency")],
    # The most urgent "yes" wins.
    _case(["cramp-long", "fever"], ALL_OTHERS, "today"),
    _case(["fever", "saddle-numbness"], ALL_OTHERS, "emergency"),
    _case(["age-over-50", "night-pain", "chest-pain"], ALL_OTHERS, "emergency"),
    _case(["weight-loss", "known-cancer", "night-pain"], ALL_OTHERS, "today"),
    _case(["cramp-recurring", "cramp-twitching"], ALL_OTHERS, "soon"),
    _case(["pregnancy", "under-16"], ALL_OTHERS, "emergency"),
    # Gating: nothing below "emergency" while an emergency question is open (finding 3).
    _case(["fever"], [], None, at_least="today", ask_next="emergency"),
    _case(["cramp-long"], [], None, at_least="soon", ask_next="emergency"),
    _case(
        ["cramp-long"], ["saddle-numbness", "fever"], None, at_least="soon", ask_next="emergency"
    ),
    _case(["fever"], ids("emergency")[1:], None, at_least="today", ask_next="emergency"),
    _case(["cramp-long"], ids("emergency")[:-1], None, at_least="soon", ask_next="emergency"),
    _case(["known-cancer", "weight-loss"], ids("today"), None, "today", "emergency"),
    _case([], ids("emergency")[:-1], None, ask_next="emergency"),
    # …and nothing below "today" while a "today" question is open.
    _case(["cramp-long"], ids("emergency"), None, at_least="soon", ask_next="today"),
    _case(["night-pain"], ids("emergency") + ids("today")[1:], None, "soon", "today"),
    # Once the more urgent tiers are all answered, a lower "yes" is the outcome.
    _case(["fever"], ids("emergency"), "today"),
    _case(["cramp-long"], ids("emergency") + ids("today"), "soon"),
    _case(["fever", "cramp-long"], ids("emergency"), "today"),
    # No "yes": self-care only when every question is "no".
    _case([], ids("emergency"), None, ask_next="today"),
    _case([], ids("emergency") + ids("today"), None, ask_next="soon"),
    _case([], ids("emergency") + ids("today") + ids("soon")[1:], None, ask_next="soon"),
    # Values that are not a clear yes or no count as unanswered, never as "no" (finding 4).
    *[
        _case([], ALL_OTHERS, None, ask_next="emergency", odd={"chest-pain": value})
        for value in NOT_A_BOOLEAN
    ],
    _case([], ALL_OTHERS, None, ask_next="today", odd={"fever": "no"}),
    _case([], ALL_OTHERS, None, ask_next="soon", odd={"cramp-long": 0}),
    _case(["fever"], ALL_OTHERS, None, "today", "emergency", odd={"saddle-numbness": None}),
    _case(["chest-pain"], ALL_OTHERS, "emergency", odd={"fever": "yes"}),
    # Everything "yes".
    _case(ALL_OTHERS, [], "emergency"),
]


def answers(case):
    """The answers of a case: {id: True | False | an odd value}."""
    all_ids = [flag["id"] for flag in content.load("de")["redflags"]]
    yes = all_ids if case["yes"] == ALL_OTHERS else case["yes"]
    no = (
        [i for i in all_ids if i not in yes and i not in case["odd"]]
        if case["no"] == ALL_OTHERS
        else case["no"]
    )
    return {**{i: False for i in no}, **{i: True for i in yes}, **case["odd"]}


def case_id(case):
    yes = "all" if case["yes"] == ALL_OTHERS else "+".join(case["yes"]) or "none"
    no = "others" if case["no"] == ALL_OTHERS else len(case["no"])
    odd = f" odd={case['odd']!r}" if case["odd"] else ""
    return f"yes={yes} no={no}{odd} -> {case['tier']}"
