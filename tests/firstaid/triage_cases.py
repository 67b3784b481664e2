"""Answers → expected outcome, run against firstaid/triage.py and static/js/triage.js alike.

Each case names the "yes" answers and the "no" answers; ALL_OTHERS means every question not
answered "yes" is answered "no". Any other question is left unanswered.
"""

from firstaid import content

ALL_OTHERS = "all others"


def _case(yes, no, tier):
    return {"yes": yes, "no": no, "tier": tier}


CASES = [
    # Nothing or everything answered "no".
    _case([], [], None),
    _case([], ALL_OTHERS, "selfcare"),
    _case([], ["saddle-numbness", "fever", "cramp-long"], None),
    # Every emergency sign alone, the rest "no".
    *[
        _case([flag], ALL_OTHERS, "emergency")
        for flag in [
            "saddle-numbness",
            "bladder-bowel",
            "both-legs",
            "sexual-function",
            "leg-paralysis",
            "chest-pain",
            "heart-signs",
            "tearing-pain",
            "collapse-signs",
            "sudden-breathlessness",
            "severe-accident",
            "kidney-colic-fever",
        ]
    ],
    # Every "see a doctor today" sign alone.
    *[
        _case([flag], ALL_OTHERS, "today")
        for flag in [
            "leg-weakness",
            "minor-trauma",
            "kidney-flank",
            "fever",
            "immune-cortisone",
            "spine-procedure",
            "injecting-drugs",
            "known-cancer",
            "getting-worse",
        ]
    ],
    # Every "see a doctor soon" sign alone.
    *[
        _case([flag], ALL_OTHERS, "soon")
        for flag in [
            "leg-numbness",
            "weight-loss",
            "night-pain",
            "age-over-50",
            "no-improvement",
            "morning-stiffness",
            "cramp-recurring",
            "cramp-long",
            "cramp-twitching",
        ]
    ],
    # The most urgent "yes" wins.
    _case(["cramp-long", "fever"], ALL_OTHERS, "today"),
    _case(["fever", "saddle-numbness"], ALL_OTHERS, "emergency"),
    _case(["age-over-50", "night-pain", "chest-pain"], ALL_OTHERS, "emergency"),
    _case(["weight-loss", "known-cancer", "night-pain"], ALL_OTHERS, "today"),
    _case(["cramp-recurring", "cramp-twitching"], ALL_OTHERS, "soon"),
    # Unanswered questions never lower the outcome.
    _case(["saddle-numbness"], [], "emergency"),
    _case(["fever"], [], "today"),
    _case(["cramp-long"], [], "soon"),
    _case(["cramp-long"], ["saddle-numbness", "fever"], "soon"),
    _case([], ["saddle-numbness", "bladder-bowel", "both-legs", "chest-pain"], None),
    # Everything "yes".
    _case(ALL_OTHERS, [], "emergency"),
]


def answers(case):
    """The {id: bool} answers of a case."""
    ids = [flag["id"] for flag in content.load("de")["redflags"]]
    yes = ids if case["yes"] == ALL_OTHERS else case["yes"]
    no = [i for i in ids if i not in yes] if case["no"] == ALL_OTHERS else case["no"]
    return {**{i: False for i in no}, **{i: True for i in yes}}


def case_id(case):
    yes = "all" if case["yes"] == ALL_OTHERS else "+".join(case["yes"]) or "none"
    no = "others" if case["no"] == ALL_OTHERS else len(case["no"])
    return f"yes={yes} no={no} -> {case['tier']}"
