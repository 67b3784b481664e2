"""Random tap sequences on the shipped warning-sign check: the real redflag-check.js and
triage.js on the page the server renders, in Node with jsdom (tests/firstaid/node/), and the
sequence's last form through the server's no-JavaScript path.

After every step the page must obey the check's invariant (MEDICAL.md, "How the check decides"),
judged against a model of what the person did, not against the rules module:
- the outcome shown is never below the most urgent tier the person admitted: a "yes" (tapped or
  from a self-test result still chosen), or "Ja, eines davon" on a stage none of whose questions
  is "yes" (that tier stays open, no outcome at or below it);
- no outcome below a tier that still has an open question;
- a radio the person did not tap is checked only while what filled it ("Nichts davon" for a
  "no" of its stage, a self-test result) is still chosen: taking that back takes the fill back;
- no handler throws.

CHECK_SEED=<n> repeats a run; CHECK_RUNS=<n> changes the number of sequences (2,000);
CHECK_STEPS=stage,submit only draws those kinds of step. A failing
sequence is shrunk (one step taken out at a time while it still fails) before it is reported.
"""

import json
import os
import random
import shutil
import subprocess
from pathlib import Path

import pytest

from firstaid import content, triage
from tests.firstaid.test_redflag_page import visible_outcome

ROOT = Path(__file__).resolve().parents[2]
DRIVER = ROOT / "tests/firstaid/node/check-sequences.mjs"
MODULE = ROOT / "static/js/redflag-check.js"
URL = "/de/warnzeichen/"
SEED = int(os.environ.get("CHECK_SEED") or random.randrange(2**32))
RUNS = int(os.environ.get("CHECK_RUNS") or 2000)
KINDS = {"stage": 35, "answer": 25, "test": 15, "submit": 8, "change": 7, "reload": 10}
# CHECK_STEPS=stage,answer,…: only these kinds of step (to look at one finding at a time).
KINDS = {k: w for k, w in KINDS.items() if k in (os.environ.get("CHECK_STEPS") or ",".join(KINDS))}

DATA = content.load("de")
FLAGS = DATA["redflags"]
TIER = {flag["id"]: flag["tier"] for flag in FLAGS}
TIERS = list(content.TIERS)
RANK = {tier: len(TIERS) - i for i, tier in enumerate(TIERS)} | {"selfcare": 0}
SELFTESTS = {
    test["id"]: {r["id"]: r["answers"] for r in test["results"]} for test in DATA["selftests"]
}

pytestmark = pytest.mark.skipif(
    not shutil.which("node") or not (ROOT / "node_modules/jsdom").exists(),
    reason="needs Node and jsdom (npm ci)",
)


def random_sequence(rng):
    steps = []
    for _ in range(rng.randint(1, 10)):
        kind = rng.choices(list(KINDS), list(KINDS.values()))[0]
        if kind == "stage":
            steps.append(["stage", rng.choice(TIERS), rng.choice(["none", "some"])])
        elif kind == "answer":
            steps.append(["answer", rng.choice(FLAGS)["id"], rng.choice(["yes", "no", "no"])])
        elif kind == "test":
            test = rng.choice(sorted(SELFTESTS))
            steps.append(["test", test, rng.choice([*SELFTESTS[test], ""])])
        else:
            steps.append([kind])
    return steps


def drive(html, sequences):
    """Per sequence, per step: {applied, outcome, radios, threw} from the shipped modules."""
    given = {"html": html, "url": f"http://testserver{URL}", "module": str(MODULE)}
    done = subprocess.run(
        ["node", str(DRIVER)],
        input=json.dumps({**given, "sequences": sequences}),
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


class Person:
    """What the person did: the answers tapped, each stage's and self-test's choice."""

    def __init__(self):
        self.taps, self.stages, self.tests = {}, {}, {}

    def did(self, step):
        kind = step[0]
        if kind == "answer":
            self.taps[step[1]] = step[2] == "yes"
        elif kind == "stage":
            self.stages[step[1]] = step[2]
        elif kind == "test":
            self.tests[step[1]] = step[2]

    def filled(self):
        """{question: {answers a still-chosen self-test result gives it}}."""
        fills = {}
        for test, result in self.tests.items():
            for flag_id, answer in SELFTESTS[test].get(result, {}).items():
                fills.setdefault(flag_id, set()).add(answer)
        return fills

    def problems(self, outcome, radios):
        fills = self.filled()
        yes = {TIER[f] for f, a in self.taps.items() if a} | {
            TIER[f] for f, answers in fills.items() if True in answers
        }
        admitted = {t for t, choice in self.stages.items() if choice == "some" and t not in yes}
        open_ = {
            flag["tier"]
            for flag in FLAGS
            if flag["id"] not in self.taps
            and flag["id"] not in fills
            and self.stages.get(flag["tier"]) != "none"
        }
        found = []
        if outcome is not None:
            rank = RANK[outcome]
            if any(rank < RANK[t] for t in yes):
                found.append(f"outcome {outcome} below an admitted yes ({sorted(yes)})")
            if any(rank <= RANK[t] for t in admitted):
                found.append(f"outcome {outcome} with 'Ja, eines davon' open in {sorted(admitted)}")
            if any(rank < RANK[t] for t in open_):
                found.append(f"outcome {outcome} with open questions in {sorted(open_)}")
        for flag in FLAGS:
            shown = radios.get(flag["id"])
            if shown is None or self.taps.get(flag["id"]) == (shown == "yes"):
                continue
            by_stage = shown == "no" and self.stages.get(flag["tier"]) == "none"
            if not by_stage and (shown == "yes") not in fills.get(flag["id"], set()):
                found.append(f"{flag['id']}={shown}, neither tapped nor filled by a choice made")
        return found


def server_tier(radios):
    answers = triage.form_answers(FLAGS, DATA["selftests"], radios)
    return triage.evaluate(FLAGS, answers, triage.form_admitted(radios))["tier"]


def failure(sequence, observed):
    """The first broken rule of a driven sequence, as a sentence, or None."""
    person, before = Person(), {}
    for number, (step, seen) in enumerate(zip(sequence, observed, strict=True), 1):
        if seen["applied"]:
            person.did(step)
        problems = person.problems(seen["outcome"], seen["radios"])
        if seen["threw"]:
            problems.append("a handler threw: the form went to the server")
        # The page shows what the rules module says the form gives, after every tap that
        # changed the form (a tap on a radio already chosen fires no change) and every submit.
        expected = server_tier(seen["radios"])
        changed = seen["radios"] != before and step[0] in ("stage", "answer", "test")
        acted = seen["applied"] and (changed or step[0] == "submit")
        before = seen["radios"]
        if (acted or seen["outcome"]) and seen["outcome"] != expected:
            problems.append(f"page shows {seen['outcome']}, the form gives {expected}")
        if problems:
            return f"after step {number} {step}: " + "; ".join(problems)
    return None


def shrink(html, sequence):
    """The shortest sequence found by taking out steps while it still fails."""
    while True:
        shorter = [sequence[:i] + sequence[i + 1 :] for i in range(len(sequence))]
        for candidate, observed in zip(shorter, drive(html, shorter), strict=True):
            if failure(candidate, observed):
                sequence = candidate
                break
        else:
            return sequence


@pytest.fixture(scope="module")
def html(django_db_blocker):
    from django.test import Client

    with django_db_blocker.unblock():
        return Client().get(URL).content.decode()


def test_it_keeps_the_invariant_on_every_step_of_random_tap_sequences(html, client):
    print(f"CHECK_SEED={SEED}")
    rng = random.Random(SEED)
    sequences = [random_sequence(rng) for _ in range(RUNS)]
    driven = drive(html, sequences)
    for sequence, observed in zip(sequences, driven, strict=True):
        if failure(sequence, observed):
            small = shrink(html, sequence)
            raise AssertionError(
                f"CHECK_SEED={SEED}: {json.dumps(small)}\n{failure(small, drive(html, [small])[0])}"
            )
    # The last form of every 20th sequence through the server itself: same tier as the rules.
    for sequence, observed in list(zip(sequences, driven, strict=True))[::20]:
        radios = observed[-1]["radios"]
        body = client.post(URL, radios).content.decode()
        assert visible_outcome(body) == server_tier(radios), (SEED, sequence)


def test_it_calls_an_outcome_below_an_admitted_sign_a_failure(html):
    # The judge itself: the same taps with a page that showed self-care after "Ja, eines davon".
    sequence = [["stage", "emergency", "some"], ["submit"]]
    observed = drive(html, [sequence])[0]
    assert failure(sequence, observed) is None
    faked = [*observed[:-1], dict(observed[-1], outcome="selfcare")]
    assert "'Ja, eines davon' open in ['emergency']" in failure(sequence, faked)
