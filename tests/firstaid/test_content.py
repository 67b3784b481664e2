import json
import shutil

import pytest

from firstaid import content


@pytest.fixture
def broken(tmp_path, settings):
    """A copy of the real content in a temporary folder, to break one field at a time."""
    shutil.copytree(settings.FIRSTAID_CONTENT_DIR, tmp_path, dirs_exist_ok=True)
    settings.FIRSTAID_CONTENT_DIR = tmp_path

    def edit(lang, change):
        path = tmp_path / f"{lang}.json"
        data = json.loads(path.read_text())
        change(data)
        path.write_text(json.dumps(data))

    return edit


def load_error():
    with pytest.raises(content.ContentError) as error:
        content.load_all()
    return str(error.value)


def test_it_loads_every_language():
    for lang in ("de", "en"):
        assert content.load(lang)["lang"] == lang


def test_it_gives_every_step_and_red_flag_a_known_source():
    for lang in ("de", "en"):
        data = content.load(lang)
        known = {s["id"] for s in data["sources"]}
        parts = [data["emergency"], *data["redflags"], *data["steps"]]
        parts += [o for s in data["steps"] for o in s.get("options", [])]
        for part in parts:
            assert part["sources"], part
            assert set(part["sources"]) <= known


def test_it_cites_a_guideline_on_every_urgent_red_flag():
    # Only the cramp-specific "see a doctor soon" signs come from the source articles alone.
    guidelines = ("nvl-", "nice-", "nhs-")
    for flag in content.load("de")["redflags"]:
        if flag["tier"] != "soon":
            assert any(s.startswith(guidelines) for s in flag["sources"]), flag["id"]


def test_it_has_the_same_ids_in_german_and_english():
    assert content.structure(content.load("de")) == content.structure(content.load("en"))


def test_it_orders_the_flow_as_the_issue_asks():
    assert [s["id"] for s in content.load("de")["steps"]] == [
        "move",
        "cold-heat",
        "stufenlagerung",
        "breathing",
        "child-pose",
        "cat-cow",
        "knee-rotation",
    ]


def test_it_offers_heat_first_and_cold_as_the_alternative():
    step = content.step_by_id("de", "cold-heat")
    assert [o["id"] for o in step["options"]] == ["heat", "cold"]


def test_it_names_the_file_and_field_of_a_missing_field(broken):
    broken("en", lambda d: d["steps"][2].pop("lead"))
    message = load_error()
    assert "en.json" in message
    assert "content.steps[2].lead: missing" in message


def test_it_rejects_an_unknown_source(broken):
    broken("de", lambda d: d["steps"][0]["sources"].append("blog"))
    assert "de.json: steps[0].sources: unknown source 'blog'" in load_error()


def test_it_rejects_a_step_without_sources(broken):
    broken("de", lambda d: d["steps"][1].update(sources=[]))
    assert "content.steps[1].sources: expected a non-empty list" in load_error()


def test_it_rejects_a_wrong_type(broken):
    broken("de", lambda d: d["steps"][0].update(duration="3 min"))
    assert "content.steps[0].duration: expected a whole number" in load_error()


def test_it_rejects_an_unknown_field(broken):
    broken("de", lambda d: d["steps"][0].update(colour="red"))
    assert "content.steps[0].colour: unknown field" in load_error()


def test_it_rejects_a_missing_illustration(broken):
    broken("de", lambda d: d["steps"][0].update(illustration="nope"))
    assert "steps[0].illustration: no file nope.svg" in load_error()


def test_it_rejects_an_unknown_red_flag_tier(broken):
    broken("de", lambda d: d["redflags"][0].update(tier="later"))
    assert "redflags[0].tier: must be one of" in load_error()


def test_it_rejects_languages_that_drift_apart(broken):
    broken("en", lambda d: d["steps"].reverse())
    assert "en.json: ids, tiers, kinds or durations differ from de.json" in load_error()


def test_it_rejects_a_file_that_is_not_json(broken, settings):
    (settings.FIRSTAID_CONTENT_DIR / "de.json").write_text("{ not json")
    assert "de.json: cannot be read as JSON" in load_error()


def test_it_needs_the_number_placeholder_on_the_emergency_screen(broken):
    broken("de", lambda d: d["emergency"].update(title="Sofort 112 rufen"))
    assert "emergency.title: must contain the {emergency} number placeholder" in load_error()
