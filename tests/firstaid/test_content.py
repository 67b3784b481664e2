import json
import shutil

import pytest
from django.conf import settings

from diary.choices import MEASURES
from firstaid import content

LANGUAGES = [code for code, _ in settings.LANGUAGES]
# The steps the cases below break, found by what they hold, so that a new step touches no test.
CHOICE = next(i for i, step in enumerate(content.load("de")["steps"]) if "options" in step)
PACED = next(i for i, step in enumerate(content.load("de")["steps"]) if "pace" in step)
TODAY = next(i for i, flag in enumerate(content.load("de")["redflags"]) if flag["tier"] == "today")


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
    for lang in LANGUAGES:
        assert content.load(lang)["lang"] == lang


def test_it_gives_every_step_and_red_flag_a_known_source():
    for lang in LANGUAGES:
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


def test_it_has_the_same_structure_in_every_language():
    first, *others = LANGUAGES
    for lang in others:
        assert content.structure(content.load(lang)) == content.structure(content.load(first))


def test_it_orders_the_flow_as_the_issue_asks():
    # The order of these steps is a fixed fact; a new step may stand anywhere between them.
    asked = [
        *("move", "cold-heat", "stufenlagerung", "breathing"),
        *("child-pose", "cat-cow", "knee-rotation"),
    ]
    steps = [s["id"] for s in content.load("de")["steps"]]
    assert [step for step in steps if step in asked] == asked


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
    broken("de", lambda d: d["steps"][CHOICE].update(sources=[]))
    assert f"content.steps[{CHOICE}].sources: expected a non-empty list" in load_error()


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
    ids = []  # read from the copy (content.load would cache it unbroken)

    def turn_round(data):
        ids.extend(step["id"] for step in data["steps"])
        data["steps"].reverse()

    broken("en", turn_round)
    assert f"en.json: content.steps[0].id: is '{ids[-1]}', de.json has '{ids[0]}'" in load_error()


def test_it_rejects_a_file_that_is_not_json(broken, settings):
    (settings.FIRSTAID_CONTENT_DIR / "de.json").write_text("{ not json")
    assert "de.json: cannot be read as JSON" in load_error()


def test_it_needs_the_number_placeholder_on_the_emergency_screen(broken):
    broken("de", lambda d: d["emergency"].update(title="Sofort 112 rufen"))
    assert "emergency.title: must contain the {emergency} number placeholder" in load_error()


def test_it_keeps_the_main_instruction_of_every_step_within_35_words():
    for lang in LANGUAGES:
        for step in content.load(lang)["steps"]:
            assert len(" ".join([step["lead"], *step["instructions"]]).split()) <= 35, step["id"]
            for option in step.get("options", []):
                assert len(" ".join(option["instructions"]).split()) <= 35, option["id"]


def test_it_rejects_a_step_whose_main_instruction_is_too_long(broken):
    broken("de", lambda d: d["steps"][0]["instructions"].append("eins zwei drei " * 10))
    assert "steps[0]: lead and instructions have" in load_error()
    assert "words, at most 35" in load_error()


def test_it_rejects_an_option_whose_instructions_are_too_long(broken):
    broken("en", lambda d: d["steps"][CHOICE]["options"][1]["instructions"].append("one two " * 10))
    assert f"steps[{CHOICE}].options[1]: instructions have" in load_error()


def test_it_rejects_a_stop_rule_that_says_what_not_to_do(broken):
    broken("de", lambda d: d["steps"][CHOICE]["caution"].insert(0, "Nicht auf Wunden."))
    assert f"steps[{CHOICE}].caution[0]: say what to do, not what not to do" in load_error()


def test_it_needs_the_stop_rules_under_their_new_name(broken):
    def old_name(data):
        data["steps"][0]["when_not"] = data["steps"][0].pop("caution")

    broken("de", old_name)
    assert "content.steps[0].when_not: unknown field" in load_error()


def test_it_warns_about_the_heat_source_boiling_water_and_fever():
    heat = content.step_by_id("de", "cold-heat")["options"][0]
    assert heat["id"] == "heat"
    caution = " ".join(heat["caution"])
    assert "leg dich nie darauf" in caution
    assert "kein kochendes" in caution
    assert "Fieber" in caution
    assert "Nimm die Wärme jetzt ab." in heat["done"]


def test_it_offers_cold_without_making_it_the_answer_to_every_acute_cramp():
    for lang, knock in (("de", "Stoß"), ("en", "knock")):
        cold = content.step_by_id(lang, "cold-heat")["options"][1]
        assert knock not in cold["question"]
        assert knock not in " ".join(cold["instructions"] + cold["caution"])


def test_it_keeps_no_copy_of_the_today_signs_in_the_flow_screen(broken):
    # The screen lists the today tier's labels (tests/firstaid/test_flow_today.py).
    broken("de", lambda d: d["flow_today"].update(items=[{"text": "Fieber", "sources": []}]))
    assert "de.json: content.flow_today.items: unknown field" in load_error()


def test_it_names_the_emergency_signs_in_plain_words():
    for lang in LANGUAGES:
        signs = content.load(lang)["emergency"]["signs"]
        assert 5 <= len(signs) <= 9
        text = " ".join(sign["text"] for sign in signs).lower()
        assert "reithose" not in text
        assert "saddle" not in text
        assert "schwanger" in text or "pregnant" in text


def test_it_rejects_an_emergency_sign_with_an_unknown_source(broken):
    broken("en", lambda d: d["emergency"]["signs"][0]["sources"].append("blog"))
    assert "en.json: emergency.signs[0].sources: unknown source 'blog'" in load_error()


def test_it_needs_the_same_today_screen_in_every_language(broken):
    broken("en", lambda d: d["flow_today"].pop("later"))
    assert "en.json: content.flow_today.later: missing" in load_error()


@pytest.mark.parametrize(
    ("change", "place"),
    [
        (
            lambda d: d["steps"][CHOICE]["options"][1].update(duration=1800),
            f"steps[{CHOICE}].options[1].duration",
        ),
        (lambda d: d["steps"][PACED].update(pace=8), f"steps[{PACED}].pace"),
        (lambda d: d["steps"][0].update(illustration="cat-cow"), "steps[0].illustration"),
        (lambda d: d["steps"][0].update(measure="massage"), "steps[0].measure"),
        (lambda d: d["redflags"][TODAY].update(tier="soon"), f"redflags[{TODAY}].tier"),
        (lambda d: d["sources"][0].update(url=d["sources"][1]["url"]), "sources[0].url"),
        (lambda d: d["sources"][0].pop("year"), "sources[0].year"),
        (lambda d: d["steps"][0]["sources"].reverse(), "steps[0].sources[0]"),
        (lambda d: d["outcomes"][3].pop("note"), "outcomes[3].note"),
    ],
)
def test_it_rejects_a_language_that_differs_in_anything_but_the_words(broken, change, place):
    broken("en", change)
    assert f"en.json: content.{place}: is " in load_error()


def test_it_lets_the_words_differ_even_in_how_many_lines_they_take(broken):
    def reworded(data):
        data["steps"][0]["title"] = "Walk a little"
        data["steps"][0]["when"].append("Another line.")

    broken("en", reworded)
    assert content.load_all()["en"]["steps"][0]["title"] == "Walk a little"


def test_it_declares_allowed_values_and_ranges_in_the_schema():
    step = content.SCHEMA["steps"][0]
    assert step["kind"].values == content.KINDS
    assert (step["duration"].low, step["duration"].high) == (10, 1800)
    assert content.SCHEMA["redflags"][0]["tier"].values == content.TIERS


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda d: d["steps"][0].update(duration=5),
            "steps[0].duration: must be 10 to 1800 seconds",
        ),
        (
            lambda d: d["steps"][PACED].update(pace=20),
            f"steps[{PACED}].pace: must be 4 to 10 breaths per minute",
        ),
        (
            lambda d: d["steps"][0].update(kind="dance"),
            "steps[0].kind: must be one of timer, choice",
        ),
        (
            lambda d: d["sources"][0].update(url="http://example.org/a"),
            "sources[0].url: must be an https:// link",
        ),
        (
            lambda d: d["sources"][0].update(url="https://example.org/"),
            "sources[0].url: must be an https:// link to a page",
        ),
    ],
)
def test_it_rejects_a_value_outside_what_the_schema_allows(broken, change, message):
    broken("de", change)
    assert message in load_error()


def test_it_lets_a_source_go_without_a_link_rather_than_an_invented_one(broken):
    def unlinked(data):
        data["sources"][0].pop("url")

    for lang in LANGUAGES:
        broken(lang, unlinked)
    assert "url" not in content.load_all()["de"]["sources"][0]


def test_it_names_the_diary_measure_of_every_step_in_the_content():
    for lang in LANGUAGES:
        measures = content.step_measures(lang)
        assert list(measures) == [step["id"] for step in content.load(lang)["steps"]]
        assert measures["move"] == "movement"
        assert measures["cold-heat"] == {"heat": "heat", "cold": "cold"}
        for measure in measures.values():
            for name in measure.values() if isinstance(measure, dict) else [measure]:
                assert name in MEASURES


def test_it_records_each_stretch_as_a_measure_of_its_own():
    """Issue 10: "what helped me" tells the stretches apart, so each is its own diary measure."""
    for lang in LANGUAGES:
        measures = content.step_measures(lang)
        stretches = [measures[step] for step in ("child-pose", "cat-cow", "knee-rotation")]
        assert len(set(stretches)) == 3 and "stretching" not in stretches


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda d: d["steps"][0].update(measure="yoga"),
            "steps[0].measure: must be one of movement",
        ),
        (lambda d: d["steps"][0].pop("measure"), "steps[0].measure: required, except for a choice"),
        (
            lambda d: d["steps"][CHOICE].update(measure="heat"),
            f"steps[{CHOICE}].measure: required, except for a choice",
        ),
        (
            lambda d: d["steps"][CHOICE]["options"][0].pop("measure"),
            f"steps[{CHOICE}].options[0].measure: missing",
        ),
    ],
)
def test_it_refuses_a_step_whose_diary_measure_is_missing_or_unknown(broken, change, message):
    broken("de", change)
    assert message in load_error()


def test_it_rejects_a_retired_question_that_is_still_asked(broken):
    broken("de", lambda d: d["retired_redflags"].append({"id": "fever", "label": "Fieber"}))
    assert "retired_redflags[4].id: 'fever' is still asked" in load_error()


@pytest.mark.django_db
def test_it_keeps_the_labels_of_retired_questions_for_saved_diary_entries(client):
    # An entry saved with the check of an earlier version names its reasons by id; the diary
    # and the report show what was asked then, not a bare id.
    body = client.get("/de/tagebuch/bericht/").content.decode()
    assert '<span data-key="flag-cramp-long">Ein Krampf dauert länger als ein paar Minuten' in body
    assert '<span data-key="flag-chest-pain">' in body
