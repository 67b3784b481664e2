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
    _case([], ["saddle-numbness", "fever", "no-improvement"], None, ask_next="emergency"),
    # Every sign alone, the rest "no".
    *[_case([flag], ALL_OTHERS, "emergency") for flag in ids("emergency")],
    *[_case([flag], ALL_OTHERS, "today") for flag in ids("today")],
    *[_case([flag], ALL_OTHERS, "soon") for flag in ids("soon")],
    # Every emergency sign alone, nothing else answered: the call shows at once.
    *[_case([flag], [], "emergency") for flag in ids("emergency")],
    # The most urgent "yes" wins.
    _case(["no-improvement", "fever"], ALL_OTHERS, "today"),
    _case(["fever", "saddle-numbness"], ALL_OTHERS, "emergency"),
    _case(["age-over-50", "night-pain", "heart-signs"], ALL_OTHERS, "emergency"),
    _case(["weight-loss", "known-cancer", "night-pain"], ALL_OTHERS, "today"),
    _case(["cramp-recurring", "morning-stiffness"], ALL_OTHERS, "soon"),
    _case(["pregnancy", "under-16"], ALL_OTHERS, "emergency"),
    # Gating: nothing below "emergency" while an emergency question is open (finding 3).
    _case(["fever"], [], None, at_least="today", ask_next="emergency"),
    _case(["no-improvement"], [], None, at_least="soon", ask_next="emergency"),
    _case(
        ["no-improvement"],
        ["saddle-numbness", "fever"],
        None,
        at_least="soon",
        ask_next="emergency",
    ),
    _case(["fever"], ids("emergency")[1:], None, at_least="today", ask_next="emergency"),
    _case(["no-improvement"], ids("emergency")[:-1], None, at_least="soon", ask_next="emergency"),
    _case(["known-cancer", "weight-loss"], ids("today"), None, "today", "emergency"),
    _case([], ids("emergency")[:-1], None, ask_next="emergency"),
    # …and nothing below "today" while a "today" question is open.
    _case(["no-improvement"], ids("emergency"), None, at_least="soon", ask_next="today"),
    _case(["night-pain"], ids("emergency") + ids("today")[1:], None, "soon", "today"),
    # Once the more urgent tiers are all answered, a lower "yes" is the outcome.
    _case(["fever"], ids("emergency"), "today"),
    # With the age still open, a "soon" sign is no outcome yet (under 16 it would be "today").
    _case(["no-improvement"], ids("emergency") + ids("today"), None, "soon", "soon"),
    _case(["no-improvement"], ids("emergency") + ids("today") + ["under-16"], "soon"),
    _case(["fever", "no-improvement"], ids("emergency"), "today"),
    # No "yes": self-care only when every question is "no".
    _case([], ids("emergency"), None, ask_next="today"),
    _case([], ids("emergency") + ids("today"), None, ask_next="soon"),
    _case([], ids("emergency") + ids("today") + ids("soon")[1:], None, ask_next="soon"),
    # Values that are not a clear yes or no count as unanswered, never as "no" (finding 4).
    *[
        _case([], ALL_OTHERS, None, ask_next="emergency", odd={"heart-signs": value})
        for value in NOT_A_BOOLEAN
    ],
    _case([], ALL_OTHERS, None, ask_next="today", odd={"fever": "no"}),
    _case([], ALL_OTHERS, None, ask_next="soon", odd={"no-improvement": 0}),
    _case(["fever"], ALL_OTHERS, None, "today", "emergency", odd={"saddle-numbness": None}),
    _case(["heart-signs"], ALL_OTHERS, "emergency", odd={"fever": "yes"}),
    # Everything "yes".
    _case(ALL_OTHERS, [], "emergency"),
    # The clinical review of December 2026 (issue 16), one story per finding, every question
    # answered. The wording that makes each answer honest is checked against the guidelines in
    # tests/firstaid/test_safety_coverage.py; these fix the tier each story must reach.
    # 2: tingling in both legs, nothing else: both-legs asks pain, tingling, numbness, weakness.
    _case(["both-legs", "leg-numbness"], ALL_OTHERS, "emergency"),
    # 3: waves of flank pain with fever that do not reach the groin.
    _case(["kidney-colic-fever", "kidney-flank", "fever"], ALL_OTHERS, "emergency"),
    # 4: a burst aneurysm: sudden severe back pain with dizziness, pale cold skin.
    _case(["collapse-signs"], ALL_OTHERS, "emergency"),
    # 5: a known aneurysm with new back pain; a pulsing belly alone.
    _case(["known-aneurysm", "age-over-50"], ALL_OTHERS, "emergency"),
    _case(["pulsing-belly"], ALL_OTHERS, "today"),
    # 9: maybe pregnant, feeling faint (the label says "vielleicht").
    _case(["pregnancy"], ALL_OTHERS, "emergency"),
    # 13: a new foot drop is the emergency question, not the "today" one.
    _case(["leg-paralysis", "leg-weakness"], ALL_OTHERS, "emergency"),
    # 14: one numb leg is "soon", one weaker leg "today", as on the first screen.
    _case(["leg-numbness"], ALL_OTHERS, "soon"),
    # Second review of the fixes, finding 1: with the age still open, a "soon" sign gives no
    # outcome yet (a 14-year-old's would be "today").
    _case(["leg-numbness"], ids("emergency") + ids("today"), None, "soon", "soon"),
    _case(["leg-weakness", "leg-numbness"], ALL_OTHERS, "today"),
    # 15: a fall down the stairs at 70 is a serious fall.
    _case(["severe-accident", "minor-trauma", "age-over-50"], ALL_OTHERS, "emergency"),
    # 19: an ordinary Hexenschuss that has hurt for hours: every question "no".
    _case([], ALL_OTHERS, "selfcare"),
    # 20: the signs that were not asked.
    _case(["thoracic-pain"], ALL_OTHERS, "today"),
    _case(["back-lump"], ALL_OTHERS, "today"),
    _case(["cough-strain", "leg-numbness"], ALL_OTHERS, "soon"),
    _case(["weight-loss"], ALL_OTHERS, "soon"),
    _case(["bladder-bowel"], ALL_OTHERS, "emergency"),
    # 21: chest pressure for 10 minutes, no other sign: the merged heart question.
    _case(["heart-signs"], ALL_OTHERS, "emergency"),
    # 22: a 14-year-old with back pain and nothing else: soon.
    _case(["under-16"], ALL_OTHERS, "soon"),
    _case(["under-16", "fever"], ALL_OTHERS, "today"),
    # Second clinical review, story 16: a 14-year-old with pain below the knee. Under 16 with
    # any other sign is "today" (MEDICAL.md, Age), never the other sign's "soon".
    _case(["under-16", "leg-numbness"], ALL_OTHERS, "today"),
    _case(["under-16", "cough-strain", "night-pain"], ALL_OTHERS, "today"),
    _case(["leg-numbness"], ALL_OTHERS, "soon"),
    # Second review of the fixes, finding 1: with the age still open, a "soon" sign gives no
    # outcome yet (a 14-year-old's would be "today").
    _case(["leg-numbness"], ids("emergency") + ids("today"), None, "soon", "soon"),
    # Second review, findings 1 and 2 as complete answer sets.
    _case(["sudden-breathlessness"], ALL_OTHERS, "emergency"),
    _case(["kidney-colic-fever", "kidney-flank", "fever"], ALL_OTHERS, "emergency"),
    _case(["thoracic-pain"], ALL_OTHERS, "today"),
    _case(["immune-cortisone"], ALL_OTHERS, "today"),
    # 23: stiff every morning for weeks.
    _case(["morning-stiffness"], ALL_OTHERS, "soon"),
    # 28: woken at night while lying still; pain that keeps growing.
    _case(["night-pain"], ALL_OTHERS, "soon"),
    _case(["getting-worse", "night-pain"], ALL_OTHERS, "today"),
    # A "today" sign with every emergency question "no" and the other "today" ones open.
    _case(["thoracic-pain"], ids("emergency"), "today"),
    _case(["pulsing-belly"], ids("emergency")[:-1], None, "today", "emergency"),
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
