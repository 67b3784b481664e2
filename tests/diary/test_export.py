"""The exports are streamed a chunk of rows at a time, and say exactly what they said when they
were built in memory: the same CSV bytes, the same JSON document."""

import json

import pytest
from django.http import StreamingHttpResponse

from diary import api, schema
from tests.diary.helpers import change
from tests.diary.test_api import client_for, sync

pytestmark = pytest.mark.django_db
FIRST = "11111111-1111-4111-8111-111111111111"
SECOND = "22222222-2222-4222-8222-222222222222"
CHANGES = {
    FIRST: "11111111-0000-4000-8000-000000000001",
    SECOND: "22222222-0000-4000-8000-000000000002",
}


@pytest.fixture
def alice():
    alice = client_for("alice@example.org")
    sync(
        alice,
        [
            change(
                SECOND,
                started_at="2026-10-02T06:30:00+00:00",
                duration_minutes=15,
                intensity=7,
                intensity_after=3,
                regions=["lower-left", "lower-centre"],
                triggers=["lifting"],
                measures=[{"id": "heat", "helped": 2}, {"id": "movement"}],
                redflag={"tier": "soon", "reasons": ["cramp-long"]},
                notes='Beim Heben; „links“, "=1+1"',
                change_id=CHANGES[SECOND],
            ),
            change(
                FIRST,
                change_id=CHANGES[FIRST],
                started_at="2026-10-01T20:00:00+00:00",
                intensity=4,
            ),
        ],
    )
    return alice


def csv_line(**cells):
    """One CSV line as the former in-memory export wrote it: every column of diary/schema.py
    quoted, in its order; a column not given is empty (so a new field needs no change here)."""
    cells = {column: "" for column in schema.CSV_COLUMNS} | cells
    return ",".join(f'"{cells[column]}"' for column in schema.CSV_COLUMNS) + "\r\n"


# The former in-memory export's output for the fixture above, byte for byte.
FORMER_CSV = (
    "\ufeff"
    + csv_line(**{column: column for column in schema.CSV_COLUMNS})
    + csv_line(id=FIRST, started_at="2026-10-01T20:00:00Z", intensity="4", conflict="False")
    + csv_line(
        id=SECOND,
        started_at="2026-10-02T06:30:00Z",
        duration_minutes="15",
        intensity="7",
        intensity_after="3",
        regions="lower-left;lower-centre",
        triggers="lifting",
        measures="heat:2;movement",
        redflag="soon",
        notes='Beim Heben; „links“, ""=1+1""',
        conflict="False",
    )
)


def row(uuid, started_at, intensity, **fields):
    return {
        "id": uuid,
        "version": 2 if uuid == FIRST else 1,
        "client_updated_at": "2026-11-01T08:01:00Z",
        "deleted": False,
        "conflict": False,
        "change": CHANGES[uuid],
        "data": {**schema.EMPTY, "started_at": started_at, "intensity": intensity, **fields},
        "kept": [],
    }


FORMER_JSON = {
    "entries": [
        row(FIRST, "2026-10-01T20:00:00Z", 4),
        row(
            SECOND,
            "2026-10-02T06:30:00Z",
            7,
            duration_minutes=15,
            intensity_after=3,
            regions=["lower-left", "lower-centre"],
            triggers=["lifting"],
            measures=[{"id": "heat", "helped": 2}, {"id": "movement", "helped": None}],
            redflag={"tier": "soon", "reasons": ["cramp-long"]},
            notes='Beim Heben; „links“, "=1+1"',
        ),
    ]
}


def test_it_streams_the_csv_export_with_the_former_bytes(alice):
    response = alice.get("/api/v1/diary/export.csv")
    assert isinstance(response, StreamingHttpResponse)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="krampfhilfe-tagebuch.csv"'
    assert response.getvalue().decode() == FORMER_CSV


def test_it_streams_the_json_export_with_the_former_document(alice):
    response = alice.get("/api/v1/diary/export.json")
    assert isinstance(response, StreamingHttpResponse)
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="krampfhilfe-tagebuch.json"'
    assert json.loads(response.getvalue()) == FORMER_JSON


def test_it_sends_the_rows_in_pieces_not_as_one_body(alice, monkeypatch):
    monkeypatch.setattr(api, "CHUNK", 1)
    pieces = list(alice.get("/api/v1/diary/export.csv").streaming_content)
    assert b"".join(pieces).decode() == FORMER_CSV
    assert len(pieces) == 3  # the header, then each row
    pieces = list(alice.get("/api/v1/diary/export.json").streaming_content)
    assert json.loads(b"".join(pieces)) == FORMER_JSON
    assert len(pieces) == 4  # the opening, each row, the closing


def test_it_leaves_out_deleted_entries(alice):
    sync(alice, [change(FIRST, [CHANGES[FIRST]], when=9, deleted=True)])
    assert FIRST not in alice.get("/api/v1/diary/export.csv").getvalue().decode()
    assert json.loads(alice.get("/api/v1/diary/export.json").getvalue()) == {
        "entries": [FORMER_JSON["entries"][1]]
    }
