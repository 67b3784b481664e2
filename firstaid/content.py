"""First-aid content: one JSON file per language in FIRSTAID_CONTENT_DIR, validated on load.

A broken file raises ContentError naming the file and the field, so it fails at start-up and in
tests, never in front of a user.
"""

import hashlib
import json
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings

from diary.choices import MEASURES

ILLUSTRATIONS_DIR = Path(__file__).resolve().parent / "illustrations"
TIERS = ("emergency", "today", "soon")
OUTCOMES = (*TIERS, "selfcare")
KINDS = ("timer", "choice", "breathing")
PHASES = ("gentle", "stretch")
# The main instruction of a step is what a person in pain reads first: the step's `lead` plus its
# `instructions`, and, for a choice, each option's `instructions` (read after choosing). Longer
# than this, it is not read at all.
MAX_MAIN_WORDS = 35
# Stop rules say what to do ("Hör sofort auf, wenn …"); a list of "Nicht …" items under a heading
# that is itself a "not" reads as a double negative to someone in pain.
NEGATIVE_STARTS = ("nicht ", "not ", "do not ", "don't ", "never ")


class ContentError(Exception):
    pass


# The schema's parts. A spec is one of these, a type (int, str: an id or a name that every
# language shares, dict: any object), [spec] for a non-empty list, or {key: spec}.
class Optional:
    def __init__(self, spec):
        self.spec = spec


class Words:
    """Non-empty text in the file's language: the one thing languages do not share."""


class OneOf:
    def __init__(self, *values):
        self.values = values


class Range:
    def __init__(self, low, high, unit):
        self.low, self.high, self.unit = low, high, unit


class Https:
    """A link to a page (not a home page) on a secure site."""


WORDS = Words()
SOURCE_IDS = [str]
TEXTS = [WORDS]
# Which diary measure (diary/choices.py MEASURES) a step counts as, for the one-tap save.
MEASURE = OneOf(*MEASURES)
ILLUSTRATION = str  # a file name in illustrations/, without ".svg"

SCHEMA = {
    "lang": WORDS,  # the file's own language; check_meaning compares it with the file name
    "version": str,
    "disclaimer": WORDS,
    "sources": [
        {
            "id": str,
            "short": WORDS,  # what a page shows under each statement; the about page has the rest
            "title": WORDS,
            "publisher": WORDS,
            # Source articles have no date or address of their own: none rather than invented.
            "year": Optional(Range(1900, 2100, "a year")),
            # A web page without a date of its own: the year it was read ("abgerufen").
            "accessed": Optional(Range(2000, 2100, "a year")),
            "url": Optional(Https()),
        }
    ],
    "emergency": {
        "title": WORDS,
        "lead": WORDS,
        # One line per sign, naming the emergency questions it stands for: every emergency
        # question has a line, so the first screen and the check cannot drift apart.
        "signs": [{"text": WORDS, "questions": [str], "sources": SOURCE_IDS}],
        "sources": SOURCE_IDS,
    },
    "redflag_groups": [{"id": str, "title": WORDS}],
    "redflags": [
        {
            "id": str,
            "tier": OneOf(*TIERS),
            # More urgent together with any other "yes" (evaluate in triage.py).
            "with_any_other": Optional(OneOf(*TIERS)),
            "group": str,
            "label": WORDS,
            "question": WORDS,
            "why": WORDS,
            "sources": SOURCE_IDS,
        }
    ],
    # Questions asked by an earlier version: saved diary entries still name them, so their
    # label stays (as it was asked then) while the check no longer asks them.
    "retired_redflags": Optional([{"id": str, "label": WORDS}]),
    "selftests": [
        {
            "id": str,
            "title": WORDS,
            "lead": WORDS,
            "instructions": TEXTS,
            "illustration": ILLUSTRATION,
            "illustration_alt": WORDS,
            # Each result fills the named questions; "I can't try this now" fills none.
            "results": [{"id": str, "label": WORDS, "answers": dict}],
            "sources": SOURCE_IDS,
        }
    ],
    "outcomes": [
        {
            "tier": OneOf(*OUTCOMES),
            "title": WORDS,
            "lead": WORDS,
            "actions": TEXTS,
            "note": Optional(WORDS),
            "sources": SOURCE_IDS,
        }
    ],
    # The signs it lists are the today tier's labels (today_flags): one home for each sign.
    "flow_today": {"title": WORDS, "lead": WORDS, "yes": WORDS, "none": WORDS, "later": WORDS},
    "steps": [
        {
            "id": str,
            "kind": OneOf(*KINDS),
            # A stretch bends or twists the spine: the flow shows the "see a doctor today" signs
            # before the first one, and the quick starts offer only gentle steps.
            "phase": OneOf(*PHASES),
            "title": WORDS,
            "lead": WORDS,
            "instructions": TEXTS,
            "when": TEXTS,
            "caution": TEXTS,
            "duration": Range(10, 1800, "seconds"),
            "illustration": ILLUSTRATION,
            "illustration_alt": WORDS,
            "sources": SOURCE_IDS,
            "measure": Optional(MEASURE),  # a choice's options have one each instead
            "options": Optional(
                [
                    {
                        "id": str,
                        "title": WORDS,
                        "question": WORDS,
                        "instructions": TEXTS,
                        "caution": TEXTS,
                        "duration": Range(10, 1800, "seconds"),
                        "done": WORDS,
                        "illustration": ILLUSTRATION,
                        "illustration_alt": WORDS,
                        "sources": SOURCE_IDS,
                        "measure": MEASURE,
                    }
                ]
            ),
            "pace": Optional(Range(4, 10, "breaths per minute")),
        }
    ],
    # Its "today" and "soon" lists are the labels of those tiers (tier_flags), not copies.
    "end": {"title": WORDS, "lead": WORDS, "better": WORDS, "not_better": WORDS, "again": WORDS},
}


def check_shape(value, spec, where):
    """Check `value` against `spec` (see SCHEMA)."""
    if isinstance(spec, list):
        if not isinstance(value, list) or not value:
            raise ContentError(f"{where}: expected a non-empty list")
        for i, item in enumerate(value):
            check_shape(item, spec[0], f"{where}[{i}]")
    elif isinstance(spec, dict):
        if not isinstance(value, dict):
            raise ContentError(f"{where}: expected an object")
        for key in value.keys() - spec.keys():
            raise ContentError(f"{where}.{key}: unknown field")
        for key, sub in spec.items():
            if key not in value:
                if isinstance(sub, Optional):
                    continue
                raise ContentError(f"{where}.{key}: missing")
            check_shape(
                value[key], sub.spec if isinstance(sub, Optional) else sub, f"{where}.{key}"
            )
    elif isinstance(spec, OneOf):
        if value not in spec.values:
            raise ContentError(f"{where}: must be one of {', '.join(spec.values)}")
    elif isinstance(spec, Range):
        check_shape(value, int, where)
        if not spec.low <= value <= spec.high:
            raise ContentError(f"{where}: must be {spec.low} to {spec.high} {spec.unit}")
    elif isinstance(spec, Https):
        check_shape(value, str, where)
        if not value.startswith("https://") or not urlsplit(value).path.strip("/"):
            raise ContentError(f"{where}: must be an https:// link to a page")
    elif spec is int:
        if type(value) is not int:
            raise ContentError(f"{where}: expected a whole number")
    elif spec is dict:
        if not isinstance(value, dict):
            raise ContentError(f"{where}: expected an object")
    elif not isinstance(value, str) or not value.strip():
        raise ContentError(f"{where}: expected non-empty text")


def shared(value, spec, where="content"):
    """Every (place, value) of `value` that all languages share: all but the words. Whether
    an optional field is there is shared too; how many lines a text has is not."""
    if isinstance(spec, Words) or spec == [WORDS]:
        return []
    if isinstance(spec, list):
        return [p for i, item in enumerate(value) for p in shared(item, spec[0], f"{where}[{i}]")]
    if isinstance(spec, dict):
        places = []
        for key, sub in spec.items():
            inner = getattr(sub, "spec", sub)
            if key not in value or isinstance(inner, Words):
                places.append((f"{where}.{key}", "present" if key in value else "absent"))
            else:
                places += shared(value[key], inner, f"{where}.{key}")
        return places
    return [(where, value)]


def differences(data, model, name):
    """Where `data` does not have the structure of `model` (from the file `name`)."""
    ours, theirs = dict(structure(data)), dict(structure(model))
    for place, value in theirs.items():
        if place not in ours:
            yield f"{place}: missing, {name} has {value!r}"
        elif ours[place] != value:
            yield f"{place}: is {ours[place]!r}, {name} has {value!r}"
    yield from (f"{place}: {name} has none" for place in ours.keys() - theirs.keys())


def unique_ids(items, where):
    ids = [item["id"] for item in items]
    for i, item_id in enumerate(ids):
        if item_id in ids[:i]:
            raise ContentError(f"{where}[{i}].id: duplicate id {item_id!r}")
    return ids


def check_meaning(data, lang):
    if data["lang"] != lang:
        raise ContentError(f"lang: is {data['lang']!r}, the file name says {lang!r}")
    sources = set(unique_ids(data["sources"], "sources"))

    def cited(item, where):
        for source_id in item["sources"]:
            if source_id not in sources:
                raise ContentError(f"{where}.sources: unknown source {source_id!r}")

    cited(data["emergency"], "emergency")
    for i, sign in enumerate(data["emergency"]["signs"]):
        cited(sign, f"emergency.signs[{i}]")
    if "{emergency}" not in data["emergency"]["title"]:
        raise ContentError("emergency.title: must contain the {emergency} number placeholder")
    groups = set(unique_ids(data["redflag_groups"], "redflag_groups"))
    current = set(unique_ids(data["redflags"], "redflags"))
    for i, item_id in enumerate(unique_ids(data.get("retired_redflags", []), "retired_redflags")):
        if item_id in current:
            raise ContentError(f"retired_redflags[{i}].id: {item_id!r} is still asked")
    for i, flag in enumerate(data["redflags"]):
        where = f"redflags[{i}]"
        if flag["group"] not in groups:
            raise ContentError(f"{where}.group: unknown group {flag['group']!r}")
        cited(flag, where)
    if not any(flag["tier"] == "emergency" for flag in data["redflags"]):
        raise ContentError("redflags: at least one emergency sign is needed for the first screen")
    check_first_screen(data["emergency"]["signs"], data["redflags"])
    check_selftests(data["selftests"], {flag["id"] for flag in data["redflags"]}, cited)
    if tuple(o["tier"] for o in data["outcomes"]) != OUTCOMES:
        raise ContentError(f"outcomes: must be one per tier, in this order: {', '.join(OUTCOMES)}")
    for i, outcome in enumerate(data["outcomes"]):
        cited(outcome, f"outcomes[{i}]")

    unique_ids(data["steps"], "steps")
    for i, step in enumerate(data["steps"]):
        where = f"steps[{i}]"
        if ("options" in step) != (step["kind"] == "choice"):
            raise ContentError(f"{where}.options: required for kind 'choice' and only there")
        if ("pace" in step) != (step["kind"] == "breathing"):
            raise ContentError(f"{where}.pace: required for kind 'breathing' and only there")
        if ("measure" in step) == (step["kind"] == "choice"):
            raise ContentError(f"{where}.measure: required, except for a choice (its options)")
        for j, part in enumerate([step, *step.get("options", [])]):
            part_where = where if j == 0 else f"{where}.options[{j - 1}]"
            if not (ILLUSTRATIONS_DIR / f"{part['illustration']}.svg").is_file():
                raise ContentError(f"{part_where}.illustration: no file {part['illustration']}.svg")
            cited(part, part_where)
            main = ([part["lead"]] if j == 0 else []) + part["instructions"]
            if (count := word_count(main)) > MAX_MAIN_WORDS:
                what = "lead and instructions" if j == 0 else "instructions"
                raise ContentError(
                    f"{part_where}: {what} have {count} words, at most {MAX_MAIN_WORDS}"
                )
            for k, line in enumerate(part["caution"]):
                if line.lower().startswith(NEGATIVE_STARTS):
                    raise ContentError(
                        f"{part_where}.caution[{k}]: say what to do, not what not to do"
                    )
        if "options" in step:
            unique_ids(step["options"], f"{where}.options")


def check_first_screen(signs, flags):
    """Each first-screen line names emergency questions, and each emergency question has a
    line: an emergency sign added to the check without a line on the first screen fails here."""
    tiers = {flag["id"]: flag["tier"] for flag in flags}
    for i, sign in enumerate(signs):
        for question in sign["questions"]:
            if question not in tiers:
                raise ContentError(f"emergency.signs[{i}].questions: unknown question {question!r}")
            if tiers[question] != "emergency":
                raise ContentError(
                    f"emergency.signs[{i}].questions: {question!r} is not an emergency question"
                )
    named = {question for sign in signs for question in sign["questions"]}
    for i, flag in enumerate(flags):
        if flag["tier"] == "emergency" and flag["id"] not in named:
            raise ContentError(
                f"redflags[{i}]: emergency question {flag['id']!r} has no line in emergency.signs"
            )


def check_selftests(selftests, flag_ids, cited):
    unique_ids(selftests, "selftests")
    for i, test in enumerate(selftests):
        where = f"selftests[{i}]"
        if not (ILLUSTRATIONS_DIR / f"{test['illustration']}.svg").is_file():
            raise ContentError(f"{where}.illustration: no file {test['illustration']}.svg")
        cited(test, where)
        unique_ids(test["results"], f"{where}.results")
        for j, result in enumerate(test["results"]):
            answers = f"{where}.results[{j}].answers"
            for flag_id, answer in result["answers"].items():
                if flag_id not in flag_ids:
                    raise ContentError(f"{answers}: unknown question {flag_id!r}")
                if type(answer) is not bool:
                    raise ContentError(f"{answers}.{flag_id}: must be true or false")


def word_count(lines):
    return sum(len(line.split()) for line in lines)


def structure(data):
    """Everything but the words, which every language must share: ids, order, tiers, kinds,
    durations, pace, illustrations, measures, sources and their links."""
    return shared(data, SCHEMA)


def step_measures(lang):
    """Which diary measure each step counts as; for a choice, per option."""
    return {
        step["id"]: step.get("measure") or {o["id"]: o["measure"] for o in step["options"]}
        for step in load(lang)["steps"]
    }


def parse(path, lang):
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise ContentError(f"{path}: cannot be read as JSON: {error}") from error
    try:
        check_shape(data, SCHEMA, "content")
        check_meaning(data, lang)
    except ContentError as error:
        raise ContentError(f"{path}: {error}") from error
    return data


@cache
def _load_dir(directory):
    languages = [code for code, _ in settings.LANGUAGES]
    contents = {lang: parse(Path(directory) / f"{lang}.json", lang) for lang in languages}
    first, *others = languages
    for lang in others:
        for difference in differences(contents[lang], contents[first], f"{first}.json"):
            raise ContentError(
                f"{Path(directory) / f'{lang}.json'}: {difference}; every language has the "
                "same structure, only the words differ"
            )
    return contents


def load_all():
    return _load_dir(str(settings.FIRSTAID_CONTENT_DIR))


def load(lang):
    return load_all()[lang]


def tier_flags(lang, tier):
    """The red-flag questions of one tier, in checklist order: what the flow's "today" screen
    and the end screen list (by their labels), so that no screen keeps a copy that drifts."""
    return [flag for flag in load(lang)["redflags"] if flag["tier"] == tier]


def step_by_id(lang, step_id):
    return next((s for s in load(lang)["steps"] if s["id"] == step_id), None)


@cache
def illustration(name):
    return (ILLUSTRATIONS_DIR / f"{name}.svg").read_text(encoding="utf-8")


def fingerprint():
    """A digest of the content files, part of the service worker's version."""
    digest = hashlib.sha256()
    for lang in sorted(load_all()):
        digest.update((Path(settings.FIRSTAID_CONTENT_DIR) / f"{lang}.json").read_bytes())
    for svg in sorted(ILLUSTRATIONS_DIR.glob("*.svg")):
        digest.update(svg.read_bytes())
    return digest.hexdigest()
