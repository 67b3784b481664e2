"""The exports are streamed a chunk of rows at a time, and say exactly what they said when they
were built in memory: the same CSV bytes, the same JSON document."""

import json

import pytest
from django.http import StreamingHttpResponse

from diary import api
from tests.diary.helpers import change
from tests.diary.test_api import client_for, sync

pytestmark = pytest.mark.django_db
FIRST = "11111111-1111-4111-8111-111111111111"
SECOND = "22222222-2222-4222-8222-222222222222"


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
            ),
            change(FIRST, started_at="2026-10-01T20:00:00+00:00", intensity=4),
        ],
    )
    return alice


# The former in-memory export's output for the fixture above, byte for byte (since then with
# the for_doctor column).
FORMER_CSV = (
    "\ufeff"
    '"id","started_at","duration_minutes","intensity","intensity_after","regions","triggers",'
    '"measures","redflag","notes","for_doctor","conflict"\r\n'
    f'"{FIRST}","2026-10-01T20:00:00Z","","4","","","","","","","","False"\r\n'
    f'"{SECOND}","2026-10-02T06:30:00Z","15","7","3","lower-left;lower-centre","lifting",'
    '"heat:2;movement","soon","Beim Heben; „links“, ""=1+1""","","False"\r\n'
)


def row(uuid, started_at, intensity, **fields):
    data = {
        "started_at": started_at,
        "duration_minutes": None,
        "intensity": intensity,
        "intensity_after": None,
        "regions": [],
        "triggers": [],
        "measures": [],
        "redflag": None,
        "notes": "",
        "for_doctor": False,
        **fields,
    }
    return {
        "id": uuid,
        "version": 2 if uuid == FIRST else 1,
        "client_updated_at": "2026-11-01T08:01:00Z",
        "deleted": False,
        "conflict": False,
        "data": data,
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
    sync(alice, [change(FIRST, base=2, when=9, deleted=True)])
    assert FIRST not in alice.get("/api/v1/diary/export.csv").getvalue().decode()
    assert json.loads(alice.get("/api/v1/diary/export.json").getvalue()) == {
        "entries": [FORMER_JSON["entries"][1]]
    }
