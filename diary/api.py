"""The diary's REST API. Every queryset is filtered by the requesting user: one user's rows
are invisible to everybody else, on every endpoint."""

import json
from datetime import date, datetime, time, timedelta

from django.http import StreamingHttpResponse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import generics, serializers
from rest_framework.decorators import api_view, parser_classes, permission_classes
from rest_framework.exceptions import NotFound
from rest_framework.pagination import CursorPagination
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from core.parsers import LimitedJSONParser
from diary import csv_cells, schema, sync
from diary.models import Entry
from diary.serializers import (
    DateRangeSerializer,
    RowSerializer,
    SyncRequestSerializer,
    SyncResponseSerializer,
    checked_changes,
)


@extend_schema(request=SyncRequestSerializer, responses=SyncResponseSerializer)
@api_view(["POST"])
@permission_classes([IsAuthenticated])
@parser_classes([LimitedJSONParser])  # 500 full entries fit in well under 4 MB
def sync_view(request):
    """Push this device's changes and pull everything changed since `cursor`. Each change gets
    its own result; an invalid one is "rejected" with its field errors and blocks nothing."""
    query = SyncRequestSerializer(data=request.data)
    query.is_valid(raise_exception=True)
    changes, rejected = checked_changes(query.validated_data["changes"])
    results = iter(sync.push(request.user, changes, query.validated_data["device"]))
    total = len(query.validated_data["changes"])
    applied = [rejected[i] if i in rejected else next(results) for i in range(total)]
    rows, cursor, more = sync.pull(request.user, query.validated_data["cursor"])
    return Response(
        SyncResponseSerializer(
            {"cursor": cursor, "applied": applied, "changes": rows, "more": more}
        ).data
    )


class Pages(CursorPagination):
    """Keyset paging on the index diary_entry_user_started: a page deep in years of diary costs
    what the first one does (no count, no offset). Follow `next` and `previous`."""

    page_size = 20
    ordering = ("-started_at", "uuid")

    def decode_cursor(self, request):
        """A cursor is the client's to send: a position that is no instant is a 404 like any
        other bad cursor, never a 500 from the database filter."""
        cursor = super().decode_cursor(request)
        if cursor and cursor.position is not None:
            try:
                valid = parse_datetime(cursor.position) is not None
            except ValueError:
                valid = False
            if not valid:
                raise NotFound(self.invalid_cursor_message)
        return cursor


def own_entries(request):
    return Entry.objects.filter(user=request.user)


def day_start(day):
    """The first instant of a day in the server's zone: a range on the column itself, which
    the index serves (a `__date` lookup converts every row)."""
    return timezone.make_aware(datetime.combine(day, time.min))


@extend_schema(
    parameters=[
        OpenApiParameter("from", str, description="First day (YYYY-MM-DD) of started_at"),
        OpenApiParameter("to", str, description="Last day (YYYY-MM-DD) of started_at"),
    ]
)
class EntryList(generics.ListAPIView):
    """The user's entries, newest first, optionally within a date range, 20 a page. Paged by
    keyset: follow the `next` and `previous` links; their `cursor` is opaque (a made-up one is
    a 404). No total count: counting would read every row."""

    serializer_class = RowSerializer
    permission_classes = [IsAuthenticated]
    pagination_class = Pages

    def get_queryset(self):
        params = self.request.query_params
        query = DateRangeSerializer(
            data={
                key: params[name]
                for name, key in (("from", "start"), ("to", "end"))
                if name in params
            }
        )
        if not query.is_valid():
            renamed = {{"start": "from", "end": "to"}.get(k, k): v for k, v in query.errors.items()}
            raise serializers.ValidationError(renamed)
        entries = own_entries(self.request).filter(deleted=False).prefetch_related("kept")
        if start := query.validated_data.get("start"):
            entries = entries.filter(started_at__gte=day_start(start))
        # The last day there is has no day after it (a 500 once, audit finding 11): no bound.
        if (end := query.validated_data.get("end")) and end < date.max:
            entries = entries.filter(started_at__lt=day_start(end + timedelta(days=1)))
        return entries


class EntryDetail(generics.RetrieveAPIView):
    """One entry with its kept versions (also in every pull)."""

    serializer_class = RowSerializer
    permission_classes = [IsAuthenticated]
    lookup_field = "uuid"

    def get_queryset(self):
        return own_entries(self.request).filter(deleted=False).prefetch_related("kept")


CHUNK = 500  # rows per database fetch and per piece sent: memory stays flat in the diary's size


def exported_rows(request):
    """The user's entries as the API shows them, oldest first, read and turned into dicts a
    chunk at a time (one serializer for all: building one per row would take most of the time)."""
    entries = own_entries(request).filter(deleted=False).order_by("started_at", "uuid")
    entries = entries.prefetch_related("kept")  # a backup holds the kept versions too
    row = RowSerializer()
    return (row.to_representation(entry) for entry in entries.iterator(chunk_size=CHUNK))


def in_pieces(texts):
    """Joins a stream of small texts into pieces of CHUNK: one piece per row would make the
    response compressor flush after every row."""
    piece = []
    for text in texts:
        piece.append(text)
        if len(piece) == CHUNK:
            yield "".join(piece)
            piece = []
    if piece:
        yield "".join(piece)


def download(pieces, content_type, filename):
    response = StreamingHttpResponse(pieces, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def json_pieces(rows):
    yield '{"entries": ['
    for index, row in enumerate(rows):
        yield ("" if index == 0 else ", ") + json.dumps(row, ensure_ascii=False)
    yield "]}"


@extend_schema(responses=inline_serializer("Export", {"entries": RowSerializer(many=True)}))
@api_view(["GET"])
@permission_classes([IsAuthenticated])
def export_json(request):
    """All of the user's diary as JSON, for keeping or for a doctor; streamed row by row."""
    pieces = in_pieces(json_pieces(exported_rows(request)))
    return download(pieces, "application/json; charset=utf-8", "krampfhilfe-tagebuch.json")


class Echo:
    """A file for csv.writer that hands each written line back instead of keeping it."""

    def write(self, text):
        return text


# A flag in a CSV cell: a mark that reads the same in every language, empty when not set.
FLAG_SET = "x"


def csv_value(kind, value):
    """A field's value in a CSV cell, by its kind in diary/schema.py."""
    if kind == "choices":
        return ";".join(value)
    if kind == "measures":
        return ";".join(
            m["id"] if m.get("helped") is None else f"{m['id']}:{m['helped']}" for m in value
        )
    if kind == "redflag":
        return value["tier"] if value else ""
    if kind == "flag":
        return FLAG_SET if value else ""
    return value


def csv_line(row):
    data = row["data"]
    fields = [csv_value(spec["kind"], data[spec["name"]]) for spec in schema.FIELDS]
    return [row["id"], *fields, row["conflict"]]


def csv_pieces(rows):
    writer = csv_cells.writer(Echo())
    yield "\ufeff" + writer.writerow(schema.CSV_COLUMNS)
    for row in rows:
        yield writer.writerow(csv_line(row))


@extend_schema(responses={(200, "text/csv"): str})
@api_view(["GET"])
@permission_classes([IsAuthenticated])
def export_csv(request):
    """All of the user's diary as CSV (UTF-8 with BOM, so spreadsheets read the umlauts); no
    cell can run as a formula (diary/csv_cells.py). Streamed row by row."""
    pieces = in_pieces(csv_pieces(exported_rows(request)))
    return download(pieces, "text/csv; charset=utf-8", "krampfhilfe-tagebuch.csv")
