"""First-aid content: one JSON file per language in FIRSTAID_CONTENT_DIR, validated on load.

A broken file raises ContentError naming the file and the field, so it fails at start-up and in
tests, never in front of a user.
"""

import hashlib
import json
from functools import cache
from pathlib import Path

from django.conf import settings

ILLUSTRATIONS_DIR = Path(__file__).resolve().parent / "illustrations"
TIERS = ("emergency", "today", "soon")
OUTCOMES = (*TIERS, "selfcare")
KINDS = ("timer", "choice", "breathing")
# The main instruction of a step is what a person in pain reads first: the step's `lead` plus its
# `instructions`, and, for a choice, each option's `instructions` (read after choosing). Longer
# than this, it is not read at all.
MAX_MAIN_WORDS = 35
# Stop rules say what to do ("Hör sofort auf, wenn …"); a list of "Nicht …" items under a heading
# that is itself a "not" reads as a double negative to someone in pain.
NEGATIVE_STARTS = ("nicht ", "not ", "do not ", "don't ", "never ")


class ContentError(Exception):
    pass


class Optional:
    def __init__(self, spec):
        self.spec = spec


SOURCE_IDS = [str]
TEXTS = [str]

SCHEMA = {
    "lang": str,
    "version": str,
    "disclaimer": str,
    # Source articles have no date of their own: no year rather than an invented one.
    "sources": [
        {
            "id": str,
            "short": str,  # what a page shows under each statement; the about page has the rest
            "title": str,
            "publisher": str,
            "year": Optional(int),
            "url": str,
        }
    ],
    "emergency": {
        "title": str,
        "lead": str,
        "signs": [{"text": str, "sources": SOURCE_IDS}],
        "sources": SOURCE_IDS,
    },
    "redflag_groups": [{"id": str, "title": str}],
    "redflags": [
        {
            "id": str,
            "tier": str,
            "group": str,
            "label": str,
            "question": str,
            "why": str,
            "sources": SOURCE_IDS,
        }
    ],
    "selftests": [
        {
            "id": str,
            "title": str,
            "lead": str,
            "instructions": TEXTS,
            "illustration": str,
            "illustration_alt": str,
            # Each result fills the named questions; "I can't try this now" fills none.
            "results": [{"id": str, "label": str, "answers": dict}],
            "sources": SOURCE_IDS,
        }
    ],
    "outcomes": [
        {
            "tier": str,
            "title": str,
            "lead": str,
            "actions": TEXTS,
            "note": Optional(str),
            "sources": SOURCE_IDS,
        }
    ],
    "flow_today": {
        "title": str,
        "lead": str,
        "items": [{"text": str, "sources": SOURCE_IDS}],
        "yes": str,
        "none": str,
    },
    "steps": [
        {
            "id": str,
            "kind": str,
            "title": str,
            "lead": str,
            "instructions": TEXTS,
            "when": TEXTS,
            "caution": TEXTS,
            "duration": int,
            "illustration": str,
            "illustration_alt": str,
            "sources": SOURCE_IDS,
            "options": Optional(
                [
                    {
                        "id": str,
                        "title": str,
                        "question": str,
                        "instructions": TEXTS,
                        "caution": TEXTS,
                        "duration": int,
                        "done": str,
                        "illustration": str,
                        "illustration_alt": str,
                        "sources": SOURCE_IDS,
                    }
                ]
            ),
            "pace": Optional(int),
        }
    ],
    "end": {"title": str, "lead": str, "better": str, "not_better": str, "doctor": TEXTS},
}


def check_shape(value, spec, where):
    """Check `value` against `spec`: a type, [spec] for a non-empty list, or {key: spec}."""
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
    elif spec is int:
        if type(value) is not int:
            raise ContentError(f"{where}: expected a whole number")
    elif not isinstance(value, spec) or (
        spec is str and not value.strip() and where[-4:] != ".url"
    ):
        raise ContentError(f"{where}: expected non-empty text")


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
    for i, source in enumerate(data["sources"]):
        if not source["url"].startswith("https://") and not source["id"].startswith("article-"):
            raise ContentError(f"sources[{i}].url: must be an https:// link")

    def cited(item, where):
        for source_id in item["sources"]:
            if source_id not in sources:
                raise ContentError(f"{where}.sources: unknown source {source_id!r}")

    cited(data["emergency"], "emergency")
    for i, sign in enumerate(data["emergency"]["signs"]):
        cited(sign, f"emergency.signs[{i}]")
    for i, item in enumerate(data["flow_today"]["items"]):
        cited(item, f"flow_today.items[{i}]")
    if "{emergency}" not in data["emergency"]["title"]:
        raise ContentError("emergency.title: must contain the {emergency} number placeholder")
    groups = set(unique_ids(data["redflag_groups"], "redflag_groups"))
    unique_ids(data["redflags"], "redflags")
    for i, flag in enumerate(data["redflags"]):
        where = f"redflags[{i}]"
        if flag["tier"] not in TIERS:
            raise ContentError(f"{where}.tier: must be one of {', '.join(TIERS)}")
        if flag["group"] not in groups:
            raise ContentError(f"{where}.group: unknown group {flag['group']!r}")
        cited(flag, where)
    if not any(flag["tier"] == "emergency" for flag in data["redflags"]):
        raise ContentError("redflags: at least one emergency sign is needed for the first screen")
    check_selftests(data["selftests"], {flag["id"] for flag in data["redflags"]}, cited)
    if tuple(o["tier"] for o in data["outcomes"]) != OUTCOMES:
        raise ContentError(f"outcomes: must be one per tier, in this order: {', '.join(OUTCOMES)}")
    for i, outcome in enumerate(data["outcomes"]):
        cited(outcome, f"outcomes[{i}]")

    unique_ids(data["steps"], "steps")
    for i, step in enumerate(data["steps"]):
        where = f"steps[{i}]"
        if step["kind"] not in KINDS:
            raise ContentError(f"{where}.kind: must be one of {', '.join(KINDS)}")
        if ("options" in step) != (step["kind"] == "choice"):
            raise ContentError(f"{where}.options: required for kind 'choice' and only there")
        if ("pace" in step) != (step["kind"] == "breathing"):
            raise ContentError(f"{where}.pace: required for kind 'breathing' and only there")
        if "pace" in step and not 4 <= step["pace"] <= 10:
            raise ContentError(f"{where}.pace: must be 4 to 10 breaths per minute")
        for j, part in enumerate([step, *step.get("options", [])]):
            part_where = where if j == 0 else f"{where}.options[{j - 1}]"
            if not 10 <= part["duration"] <= 1800:
                raise ContentError(f"{part_where}.duration: must be 10 to 1800 seconds")
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
    """The ids that every language must share, in the same order."""
    return {
        "sources": [s["id"] for s in data["sources"]],
        "redflag_groups": [g["id"] for g in data["redflag_groups"]],
        "redflags": [(f["id"], f["tier"], f["group"]) for f in data["redflags"]],
        "selftests": [
            (t["id"], t["illustration"], [(r["id"], r["answers"]) for r in t["results"]])
            for t in data["selftests"]
        ],
        "emergency.signs": [s["sources"] for s in data["emergency"]["signs"]],
        "flow_today.items": [i["sources"] for i in data["flow_today"]["items"]],
        "steps": [
            (s["id"], s["kind"], s["duration"], [o["id"] for o in s.get("options", [])])
            for s in data["steps"]
        ],
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
        if structure(contents[lang]) != structure(contents[first]):
            raise ContentError(
                f"{Path(directory) / f'{lang}.json'}: ids, tiers, kinds or durations differ "
                f"from {first}.json; every language must have the same structure"
            )
    return contents


def load_all():
    return _load_dir(str(settings.FIRSTAID_CONTENT_DIR))


def load(lang):
    return load_all()[lang]


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
