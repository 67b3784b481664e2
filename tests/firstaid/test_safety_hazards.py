"""The hazard log (firstaid/safety/hazards.json): every control it names exists, and so does
every test that is said to prove it. A renamed question, a removed template or a deleted test
fails here, so the log cannot go stale (issue 16)."""

import ast
import importlib
from functools import cache

import pytest
from django.conf import settings

from firstaid import content, safety

HAZARDS = safety.hazards()
HAZARD_IDS = [hazard["id"] for hazard in HAZARDS]
# The hazards the issue names, at least.
REQUIRED = [
    "missed-cauda-equina",
    "missed-burst-aneurysm",
    "missed-aortic-dissection",
    "missed-heart-attack",
    "missed-pulmonary-embolism",
    "missed-fracture",
    "missed-infected-blocked-kidney",
    "missed-ectopic-pregnancy",
    "wrong-number",
    "stretch-after-today-sign",
    "heat-burn",
    "fall-during-self-test",
    "wrong-handover",
    "withdrawn-answer-kept-as-no",
    "stale-content-after-update",
]


def controls():
    return [(hazard["id"], control) for hazard in HAZARDS for control in hazard["controls"]]


@cache
def functions_in(path):
    """The module-level test functions of a test file, read from its source (a browser test
    is never imported here)."""
    tree = ast.parse((settings.BASE_DIR / path).read_text(encoding="utf-8"))
    return {node.name for node in tree.body if isinstance(node, ast.FunctionDef)}


def resolve(data, path):
    """A content item by a path of keys and ids ('steps/cold-heat/options/heat/caution')."""
    item = data
    for part in path.split("/"):
        if isinstance(item, list):
            item = next((x for x in item if part in (x.get("id"), x.get("tier"))), None)
        elif isinstance(item, dict):
            item = item.get(part)
        if item is None:
            return None
    return item


def test_it_logs_every_hazard_the_issue_names():
    assert len(HAZARD_IDS) == len(set(HAZARD_IDS))
    assert [hazard for hazard in REQUIRED if hazard not in HAZARD_IDS] == []


@pytest.mark.parametrize("hazard", HAZARDS, ids=HAZARD_IDS)
def test_it_gives_every_hazard_its_causes_and_a_proven_or_pending_control(hazard):
    assert hazard["description"] and hazard["causes"] and hazard["controls"]
    for control in hazard["controls"]:
        assert control["what"]
        assert control.get("tests") or control.get("pending"), control["what"]
        named = ("questions", "screen_lines_for", "content", "code", "files")
        assert any(control.get(key) for key in named), control["what"]


@pytest.mark.parametrize("hazard", HAZARDS, ids=HAZARD_IDS)
def test_it_names_only_questions_that_exist(hazard):
    known = {flag["id"] for flag in content.load("de")["redflags"]}
    for control in hazard["controls"]:
        assert set(control.get("questions", [])) <= known, control["what"]


@pytest.mark.parametrize("hazard", HAZARDS, ids=HAZARD_IDS)
def test_it_names_only_emergency_questions_that_have_a_first_screen_line(hazard):
    on_screen = {
        question
        for line in content.load("de")["emergency"]["signs"]
        for question in line.get("questions", [])
    }
    for control in hazard["controls"]:
        missing = [q for q in control.get("screen_lines_for", []) if q not in on_screen]
        assert missing == [], control["what"]


@pytest.mark.parametrize("hazard", HAZARDS, ids=HAZARD_IDS)
def test_it_names_only_content_that_exists_in_every_language(hazard):
    for lang, _ in settings.LANGUAGES:
        for control in hazard["controls"]:
            for path in control.get("content", []):
                assert resolve(content.load(lang), path) is not None, (lang, path)


@pytest.mark.parametrize("hazard", HAZARDS, ids=HAZARD_IDS)
def test_it_names_only_code_and_files_that_exist(hazard):
    for control in hazard["controls"]:
        for name in control.get("code", []):
            module, _, attribute = name.rpartition(".")
            assert callable(getattr(importlib.import_module(module), attribute, None)), name
        for path in control.get("files", []):
            assert (settings.BASE_DIR / path).is_file(), path


@pytest.mark.parametrize("hazard", HAZARDS, ids=HAZARD_IDS)
def test_it_names_only_tests_that_exist(hazard):
    for control in hazard["controls"]:
        for node in control.get("tests", []):
            path, _, name = node.partition("::")
            name = name.split("[")[0]
            assert path.startswith("tests/") and (settings.BASE_DIR / path).is_file(), node
            assert name.startswith("test_it_") and name in functions_in(path), node


def test_it_finds_a_test_that_was_renamed(tmp_path, settings):
    # The check above reads the source: a test function that is gone is found missing.
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "test_x.py").write_text("def test_it_is_here():\n    pass\n")
    settings.BASE_DIR = tmp_path
    functions_in.cache_clear()
    try:
        assert functions_in("tests/test_x.py") == {"test_it_is_here"}
    finally:
        functions_in.cache_clear()


def test_it_finds_a_content_item_by_its_path():
    data = content.load("de")
    assert resolve(data, "steps/cold-heat/options/heat/caution")
    assert resolve(data, "outcomes/selfcare/title")
    assert resolve(data, "steps/no-such-step") is None


def test_it_reports_the_controls_still_being_built(capsys):
    pending = [
        (hazard, item) for hazard, control in controls() for item in control.get("pending", [])
    ]
    assert all(isinstance(item, str) and item for _, item in pending)
    with capsys.disabled():
        print(f"\nHazard log: {len(HAZARDS)} hazards, {len(pending)} pending controls")
        for hazard, item in pending:
            print(f"  pending [{hazard}] {item}")
