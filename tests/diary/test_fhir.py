"""The FHIR export: the SHIPPED static/js/fhir.js run in Node, its Bundle validated with the
maintained fhir.resources library (R4B models)."""

import pytest
from fhir.resources.R4B.bundle import Bundle

from diary import schema
from tests.diary.node_support import NODE, run_node

pytestmark = pytest.mark.skipif(not NODE, reason="needs Node (Debian package nodejs)")

WORDS = {
    "intensity": "Schmerz (0–10)",
    "intensity_after": "Schmerz danach (0–10)",
    "regions": "Wo",
    "triggers": "Auslöser",
    "measures": "Maßnahmen",
    "redflag": "Warnzeichen",
    "notes": "Notizen",
    "tier-soon": "bald ärztlich abklären",
}
FULL = {
    "id": "6f1c2a52-3b0e-4c55-9a51-1f2d3e4c5b6a",
    "data": {
        "started_at": "2026-06-14T05:30:00.000Z",
        "duration_minutes": 20,
        "intensity": 7,
        "intensity_after": 3,
        "regions": ["lower-left", "lower-centre"],
        "triggers": ["lifting"],
        "measures": [{"id": "heat", "helped": 2}, {"id": "breathing", "helped": None}],
        "redflag": {"tier": "soon", "reasons": ["leg"]},
        "notes": "Beim Heben der Kiste",
    },
}
BARE = {
    "id": "0a9b8c7d-6e5f-4a3b-8c2d-1e0f9a8b7c6d",
    # Every field empty (diary/schema.py) but the two an entry needs.
    "data": {**schema.EMPTY, "started_at": "2026-06-10T20:00:00+02:00", "intensity": 4},
}


PATIENT_ID = "3c2b1a09-8f7e-4d6c-9b5a-4f3e2d1c0b9a"
PAIN = ("http://loinc.org", "72514-3")


def exported(entries, person=None):
    return run_node("fhir.mjs", {"entries": entries, "words": WORDS, "person": person})


def test_it_exports_a_valid_fhir_r4_bundle_of_pain_observations():
    raw = exported([FULL, BARE], {"id": PATIENT_ID})
    bundle = Bundle.model_validate(raw)
    assert bundle.type == "collection"
    patient, full, bare = (entry.resource for entry in bundle.entry)
    assert patient.__resource_type__ == "Patient"
    assert full.__resource_type__ == "Observation" and full.status == "final"
    assert [(c.system, c.code) for c in full.code.coding] == [PAIN]
    assert full.valueInteger == 7
    assert full.effectivePeriod.start.isoformat() == "2026-06-14T05:30:00+00:00"
    assert full.effectivePeriod.end.isoformat() == "2026-06-14T05:50:00+00:00"
    after, *regions = full.component
    assert after.valueInteger == 3 and after.code.text == "Schmerz danach (0–10)"
    assert [r.valueString for r in regions] == ["regions:lower-left", "regions:lower-centre"]
    notes = [n.text for n in full.note]
    assert notes == [
        "Auslöser: triggers:lifting",
        "Maßnahmen: measures:heat, measures:breathing",
        "Warnzeichen: bald ärztlich abklären",
        "Notizen: Beim Heben der Kiste",
    ]
    assert bundle.entry[1].fullUrl == f"urn:uuid:{FULL['id']}"
    # An entry with nothing but the pain: no end, no components, no notes.
    assert bare.effectivePeriod.end is None and bare.component is None and bare.note is None
    assert bare.effectivePeriod.start.isoformat() == "2026-06-10T18:00:00+00:00"


def test_it_exports_an_empty_diary_as_an_empty_valid_bundle():
    raw = exported([])
    assert "entry" not in raw  # FHIR JSON allows no empty arrays
    assert Bundle.model_validate(raw).entry is None


def test_it_codes_the_pain_after_the_first_aid_apart_from_the_pain_before():
    """Walk minor 13: with one code for both, practice software read "after" as a second score."""
    full = Bundle.model_validate(exported([FULL])).entry[1].resource
    before = {(c.system, c.code) for c in full.code.coding}
    after = {(c.system, c.code) for c in full.component[0].code.coding}
    assert before == {PAIN}
    assert after and not after & before
    assert all(code for _, code in after)


def test_it_ties_every_observation_to_one_anonymous_patient():
    """Nothing typed on the phone: a Patient with an id only, no name, no birth date."""
    bundle = Bundle.model_validate(exported([FULL, BARE], {"id": PATIENT_ID}))
    first = bundle.entry[0]
    assert first.resource.__resource_type__ == "Patient"
    assert first.fullUrl == f"urn:uuid:{PATIENT_ID}"
    patient = first.resource.model_dump(exclude_none=True)
    assert patient == {"resourceType": "Patient", "id": PATIENT_ID}
    for entry in bundle.entry[1:]:
        assert entry.resource.subject.reference == f"urn:uuid:{PATIENT_ID}"


def test_it_names_the_patient_only_as_typed_on_the_phone():
    raw = exported([FULL], {"id": PATIENT_ID, "name": "  Erika Mustermann "})
    patient = Bundle.model_validate(raw).entry[0].resource
    assert [name.text for name in patient.name] == ["Erika Mustermann"]
    assert patient.birthDate is None and patient.gender is None


def test_it_gives_each_file_its_own_patient_id_when_none_is_given():
    """Two files made on one phone do not link one person across practices."""
    ids = {Bundle.model_validate(exported([FULL])).entry[0].resource.id for _ in range(2)}
    assert len(ids) == 2
