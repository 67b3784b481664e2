"""What the guided steps, the self-tests and the outcomes say (review 2026-12 findings 4, 7, 8,
12, 15, 25-27, 29, 30; MEDICAL.md "Self-tests and the phone call")."""

import json
import re

import pytest

from firstaid import content, triage

LANGS = ["de", "en"]
# What turns dizziness into the call: the signs of a burst aneurysm (MEDICAL.md, aorta).
SHOCK = {
    "de": "Kommen Blässe, kalter Schweiß oder Herzrasen dazu",
    "en": "pale, break into a cold sweat or your heart races",
}
DIZZY = {"de": "schwindlig", "en": "dizzy"}


def step(lang, step_id):
    return content.step_by_id(lang, step_id)


def test_it_says_in_the_first_step_when_dizziness_means_the_call():
    assert step("de", "move")["caution"][1] == (
        "Wird dir schwindlig, setz dich sofort. Kommen Blässe, kalter Schweiß oder Herzrasen "
        "dazu: ruf den Notruf {emergency}."
    )


@pytest.mark.parametrize("lang", LANGS)
def test_it_names_the_call_wherever_a_step_mentions_dizziness(lang):
    dizzy = [
        line
        for s in content.load(lang)["steps"]
        for part in [s, *s.get("options", [])]
        for line in part["caution"]
        if DIZZY[lang] in line.lower()
    ]
    assert len(dizzy) >= 2  # walking and breathing
    for line in dizzy:
        assert SHOCK[lang] in line and "{emergency}" in line, line


@pytest.mark.parametrize("lang", LANGS)
def test_it_hard_codes_no_emergency_number_in_the_steps(lang):
    assert "112" not in json.dumps(content.load(lang)["steps"])


def test_it_fills_the_chosen_countrys_number_into_the_step_cautions(client):
    client.cookies["country"] = "AT"
    body = client.get("/de/schritt/move/").content.decode()
    caution = body[body.index('class="caution"') :].split("</div>")[0]
    assert caution.count('<span data-number="emergency">144</span>') == 2


def test_it_says_practice_not_gp_in_english():
    assert "GP" not in json.dumps(content.load("en"))


def sim_lines(client, country):
    # Review 2026-12 (issue 16) finding 18: the SIM fact belongs to a country, not to the page.
    if country:
        client.cookies["country"] = country
    body = client.post("/de/warnzeichen/", {"heart-signs": "yes"}).content.decode()
    outcome = body[body.index('data-outcome="emergency"') :].split("</section>")[0]
    return [line for line in re.findall(r"<li[^>]*>.*?</li>", outcome) if "SIM" in line]


@pytest.mark.parametrize(
    "country,shown",
    [
        ("DE", ["Vom Handy geht die 112 nur mit SIM-Karte."]),
        ("AT", ["Die 112 geht auch ohne SIM-Karte."]),
        ("CH", []),
    ],
)
def test_it_says_the_sim_fact_of_the_chosen_country_only(client, country, shown):
    visible = [line for line in sim_lines(client, country) if " hidden" not in line]
    assert [re.sub(r"<[^>]+>", "", line).split(": ", 1)[1] for line in visible] == shown


def test_it_names_the_country_of_each_sim_fact_when_none_is_chosen(client):
    lines = [re.sub(r"<[^>]+>", "", line) for line in sim_lines(client, None)]
    assert lines == [
        "Deutschland: Vom Handy geht die 112 nur mit SIM-Karte.",
        "Österreich: Die 112 geht auch ohne SIM-Karte.",
    ]


@pytest.mark.parametrize(
    "lang,words",
    [
        (
            "de",
            (
                "Sturz",
                "Osteoporose",
                "Wirbelbruch",
                "Schwangerschaft",
                "frag vorher in der Praxis; lass die Übung bis dahin aus",
            ),
        ),
        (
            "en",
            (
                "fall",
                "osteoporosis",
                "vertebra",
                "pregnancy",
                "ask your doctor's practice first; leave this exercise out",
            ),
        ),
    ],
)
def test_it_tells_who_should_ask_first_before_every_stretch(lang, words):
    stretches = [s for s in content.load(lang)["steps"] if s["phase"] == "stretch"]
    assert len(stretches) == 3
    for s in stretches:
        assert any(all(word in line for word in words) for line in s["caution"]), s["id"]


@pytest.mark.parametrize(
    "lang,words", [("de", ("Schwangerschaft", "Seite")), ("en", ("pregnancy", "side"))]
)
def test_it_turns_a_pregnant_woman_to_her_side_for_the_legs_up_position(lang, words):
    caution = step(lang, "stufenlagerung")["caution"]
    assert any(all(word in line for word in words) for line in caution)


@pytest.mark.parametrize(
    "lang,words", [("de", ("Boden", "Bett", "Sofa")), ("en", ("floor", "bed", "sofa"))]
)
def test_it_offers_the_bed_or_sofa_for_the_legs_up_position(lang, words):
    first = step(lang, "stufenlagerung")["instructions"][0]
    assert all(word in first for word in words)
    assert "am besten auf den Boden" not in first


def test_it_takes_the_heat_off_before_the_skin_burns():
    heat = step("de", "cold-heat")["options"][0]["instructions"]
    assert "Nimm es ab, wenn es zu heiß wird oder die Haut stark rot wird." in heat
    assert not any("brennt" in line for line in heat)


def test_it_shows_the_return_to_movement_after_heat_outside_any_fold_out(client):
    body = client.get("/de/schritt/cold-heat/").content.decode()
    line = "Beweg dich danach wieder sanft."
    assert line in body
    folded = "".join(part.split("</details>")[0] for part in body.split("<details")[1:])
    assert line not in folded


def selftest(lang, test_id):
    return next(t for t in content.load(lang)["selftests"] if t["id"] == test_id)


def fills(test_id, result_id):
    return triage.apply_selftests(content.load("de")["selftests"], {test_id: result_id}, {})


@pytest.mark.parametrize("lang", LANGS)
def test_it_has_the_walking_test_skipped_after_a_fall_or_when_dizzy(lang):
    first = selftest(lang, "heel-toe")["instructions"][0]
    expected = {
        "de": "Nach einem schweren Sturz oder Unfall, bei Schwindel oder wenn du unsicher stehst: lass den Test aus.",
        "en": "After a serious fall or accident, when dizzy or unsteady on your feet: skip this test.",
    }
    assert first == expected[lang]


def test_it_tells_weakness_from_pain_in_the_walking_test():
    results = {r["id"]: r for r in selftest("de", "heel-toe")["results"]}
    assert results["one"]["label"] == "Ein Fuß sackt ab oder ein Bein knickt weg"
    assert fills("heel-toe", "one")["leg-paralysis"] is True
    assert results["both"]["label"].startswith("Beide")
    assert fills("heel-toe", "both") == {"both-legs": True}
    assert results["pain"]["label"] == "Geht nur wegen Schmerzen nicht"
    assert fills("heel-toe", "pain") == {}
    # "It works" answers the weakness question only: never the paralysis or a numbness one.
    assert fills("heel-toe", "fine") == {"leg-weakness": False}


def test_it_lets_a_normal_saddle_check_fill_nothing():
    assert fills("saddle", "fine") == {}
    assert fills("saddle", "numb") == {"saddle-numbness": True}
    for test in content.load("de")["selftests"]:
        for result in test["results"]:
            assert all(
                answer is True
                for flag, answer in result["answers"].items()
                if flag != "leg-weakness"
            ), (test["id"], result["id"])


@pytest.mark.parametrize(
    "lang,words,not_words",
    [
        ("de", ("nackten Haut", "Toilette", "After", "Genitalien"), ("angezogen",)),
        ("en", ("bare skin", "toilet", "anus", "genitals"), ("with clothes on",)),
    ],
)
def test_it_has_the_saddle_check_done_on_bare_skin_where_the_question_asks(lang, words, not_words):
    text = " ".join(selftest(lang, "saddle")["instructions"])
    assert all(word in text for word in words)
    assert not any(word in text for word in not_words)


def outcome(lang, tier):
    return next(o for o in content.load(lang)["outcomes"] if o["tier"] == tier)


def test_it_keeps_the_door_shut_after_a_fall_and_says_how_to_wait_for_help():
    actions = " ".join(outcome("de", "emergency")["actions"])
    assert (
        "Öffne die Tür nur, wenn kein Sturz oder Unfall war; sonst bitte jemanden darum." in actions
    )
    assert "Öffne die Tür, wenn du kannst" not in actions
    assert "Fahr nicht selbst." in actions
    assert "Bleib liegen oder sitzen, bis Hilfe da ist." in actions


@pytest.mark.parametrize(
    "lang,line",
    [
        (
            "de",
            "Bei Taubheit zwischen den Beinen, Problemen mit Blase oder Darm, Brustschmerz oder "
            "einem anderen Zeichen der Notfall-Seite: sofort {emergency}.",
        ),
        (
            "en",
            "Numbness between the legs, trouble with bladder or bowels, chest pain or any other sign on the emergency screen: "
            "call {emergency} at once.",
        ),
    ],
)
def test_it_says_on_the_self_care_outcome_when_to_call(lang, line):
    assert line in outcome(lang, "selfcare")["actions"]


@pytest.mark.parametrize("lang,word", [("de", "Nummer unten"), ("en", "number below")])
def test_it_points_the_today_outcome_to_a_service_every_country_has_not_to_a_number(lang, word):
    # Switzerland has no national on-call number, only cantonal services (countries.py).
    assert word not in " ".join(outcome(lang, "today")["actions"])


@pytest.mark.parametrize("lang", ["de", "en"])
def test_it_cites_the_night_rule_for_heat_patches_to_its_source(lang):
    # The rule "no heat patches overnight from 55" is the manufacturers' rule that Stiftung
    # Gesundheitswissen reports (MEDICAL.md), not a finding of the heat review or the NVL.
    heat = step(lang, "cold-heat")["options"][0]
    assert any("55" in line for line in heat["caution"])
    assert "stiftung-gesundheitswissen" in heat["sources"]


ACCIDENT = {
    "de": "Nach einem schweren Sturz oder Unfall: bleib liegen und ruf den Notruf {emergency}.",
    "en": "After a serious fall or accident: stay lying down and call {emergency}.",
}
NOT_ON_HEAT = {"de": "nicht darauf liegst", "en": "not lying on it"}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("step_id", ["stufenlagerung", "cold-heat"])
def test_it_stops_the_resting_steps_first_after_a_fall_or_accident(lang, step_id):
    # Review 2026-12 (issue 16) finding 8: "when walking is not possible" after a fall.
    assert step(lang, step_id)["caution"][0] == ACCIDENT[lang]


@pytest.mark.parametrize("lang", LANGS)
def test_it_says_how_heat_goes_with_lying_on_the_back(lang):
    # Finding 20: the step position is on the back, the heat on the lower back.
    assert any(NOT_ON_HEAT[lang] in line for line in step(lang, "stufenlagerung")["caution"])
    combined = [
        line for line in step(lang, "breathing")["when"] if "Stufen" in line or "step" in line
    ]
    assert combined and all(NOT_ON_HEAT[lang] in line for line in combined)


def test_it_has_a_middle_result_in_the_heel_toe_test_that_means_today():
    # Finding 13: "a bit weaker" fills only the today question, between "fine" and "drops".
    for lang in LANGS:
        test = next(t for t in content.load(lang)["selftests"] if t["id"] == "heel-toe")
        ids = [r["id"] for r in test["results"]]
        assert ids.index("fine") < ids.index("weaker") < ids.index("one")
        assert test["results"][ids.index("weaker")]["answers"] == {"leg-weakness": True}
    flags = content.load("de")["redflags"]
    selftests = content.load("de")["selftests"]
    answers = triage.form_answers(flags, selftests, {"selftest-heel-toe": "weaker"})
    assert answers == {"leg-weakness": True}


def test_it_points_the_self_care_safety_net_back_to_every_emergency_sign(client):
    # Finding 19: the three named signs stay, and the whole first screen is one tap away.
    body = client.post(
        "/de/warnzeichen/", {f["id"]: "no" for f in content.load("de")["redflags"]}
    ).content.decode()
    outcome = body[body.index('data-outcome="selfcare"') :].split("</section>")[0]
    assert "Brustschmerz" in outcome and "Notfall-Seite" in outcome
    assert 'href="/de/notfall/" data-emergency-signs' in outcome
