"""The diary entry's shape lives in diary/schema.py alone. The serializer, the server's CSV,
the entry form and the SHIPPED device JavaScript (diary-format.js, diary-export.js, in Node,
reading the data block the server rendered) must all show exactly its fields, in its order."""

import csv
import io
import json
import re

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from diary import csv_cells, schema, serializers
from tests.diary.helpers import change
from tests.diary.node_support import NODE, run_node
from tests.diary.test_api import client_for, sync

pytestmark = pytest.mark.django_db
ENTRY = "33333333-3333-4333-8333-333333333333"
DATA = {
    "started_at": "2026-10-02T06:30:00+00:00",
    "duration_minutes": 15,
    "intensity": 7,
    "intensity_after": 3,
    "regions": ["lower-left"],
    "triggers": ["lifting"],
    "measures": [{"id": "heat", "helped": 2}],
    "redflag": {"tier": "soon", "reasons": []},
    "notes": "=1+1",
}
CELLS = ["=1+1", "+49", "-3", "@SUM(A1)", "\tx", "\rx", "plain", 'a "quote"', ""]


def data_block(page):
    """The json_script block a diary page hands its scripts."""
    html = page.content.decode()
    found = re.search(r'<script id="diary-choices" type="application/json">(.*?)</script>', html)
    return found.group(1)


def test_it_validates_exactly_the_fields_of_the_schema_in_its_order():
    assert tuple(serializers.ENTRY_DATA.fields) == schema.NAMES


def test_it_exports_the_schemas_columns_from_the_server():
    alice = client_for("alice@example.org")
    sync(alice, [change(ENTRY, **DATA)])
    response = alice.get("/api/v1/diary/export.csv")
    header, row = csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig")))
    assert header == ["id", *schema.NAMES, "conflict"]
    assert len(row) == len(schema.CSV_COLUMNS)
    assert row[schema.CSV_COLUMNS.index("notes")] == "'=1+1"


def test_it_has_a_control_in_the_entry_form_for_every_field_the_form_edits(client):
    html = client.get(reverse("diary:entry")).content.decode()
    in_form = re.findall(r'data-field="([a-z_]+)"', html)
    edited = [spec["name"] for spec in schema.FIELDS if spec.get("form", True)]
    assert sorted(in_form) == sorted(edited)
    for spec in schema.FIELDS:
        if spec.get("form", True):
            assert f'name="{spec["name"]}"' in html, spec["name"]


def test_it_hands_the_pages_the_schema_once_as_data(client):
    for name in ("diary:entries", "diary:entry"):
        page = client.get(reverse(name))
        assert page.content.decode().count('id="diary-choices"') == 1
        block = json.loads(data_block(page))
        assert [f["name"] for f in block["fields"]] == list(schema.NAMES)
        assert block["csv_columns"] == list(schema.CSV_COLUMNS)
        assert list(block["tiers"]) == list(schema.TIERS)


@pytest.mark.skipif(not NODE, reason="needs Node (Debian package nodejs)")
def test_it_shows_keeps_and_exports_on_the_device_exactly_the_schemas_fields(client):
    block = data_block(client.get(reverse("diary:entries")))
    entry = {"id": ENTRY, "conflict": True, "data": DATA}
    device = run_node("schema.mjs", {"cells": CELLS, "entry": entry}, SCHEMA=block)
    assert device["described"] == list(schema.NAMES)
    assert device["kept"] == list(schema.NAMES)  # taking over a conflict version drops nothing
    assert device["columns"] == list(schema.CSV_COLUMNS)
    assert len(device["header"]) == len(schema.CSV_COLUMNS)
    assert len(next(csv.reader([device["row"]]))) == len(schema.CSV_COLUMNS)


@pytest.mark.skipif(not NODE, reason="needs Node (Debian package nodejs)")
def test_it_guards_formulas_on_the_device_as_the_server_does(client):
    block = data_block(client.get(reverse("diary:entries")))
    entry = {"id": ENTRY, "data": DATA}
    device = run_node("schema.mjs", {"cells": CELLS, "entry": entry}, SCHEMA=block)
    server = ['"' + csv_cells.cell(value).replace('"', '""') + '"' for value in CELLS]
    assert device["guarded"] == server


def test_it_names_every_field_and_tier_in_each_language(client):
    """A new field or tier without its words in a language's .po file fails here."""
    blocks = {}
    for lang, _name in settings.LANGUAGES:
        with translation.override(lang):
            blocks[lang] = json.loads(data_block(client.get(reverse("diary:entries"))))
    for lang in blocks:
        if lang == settings.LANGUAGE_CODE:
            continue
        source, translated = blocks[settings.LANGUAGE_CODE], blocks[lang]
        for field, other in zip(source["fields"], translated["fields"], strict=True):
            assert field["label"] != other["label"], f"{field['name']} not in {lang}"
        for tier in source["tiers"]:
            assert source["tiers"][tier] != translated["tiers"][tier], f"{tier} not in {lang}"
