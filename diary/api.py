"""The diary's REST API. Every queryset is filtered by the requesting user: one user's rows
are invisible to everybody else, on every endpoint."""

import io
import json

from django.http import HttpResponse
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import generics, serializers
from rest_framework.decorators import api_view, parser_classes, permission_classes
from rest_framework.pagination import PageNumberPagination
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from core.parsers import LimitedJSONParser
from diary import csv_cells, sync
from diary.models import Entry
from diary.serializers import (
    DateRangeSerializer,
    EntryDetailSerializer,
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


class Pages(PageNumberPagination):
    page_size = 20


def own_entries(request):
    return Entry.objects.filter(user=request.user)


@extend_schema(
    parameters=[
        OpenApiParameter("from", str, description="First day (YYYY-MM-DD) of started_at"),
        OpenApiParameter("to", str, description="Last day (YYYY-MM-DD) of started_at"),
    ]
)
class EntryList(generics.ListAPIView):
    """The user's entries, newest first, optionally within a date range."""

    serializer_class = RowSerializer
    permission_classes = [IsAuthenticated]
    pagination_class = Pages

    def get_queryset(self):
        params = self.request.query_params
        query = DateRangeSerializer(
            data={
                key: params[name]
                for name, key in (("from", "start"), ("to", "end"), ("page", "page"))
                if name in params
            }
        )
        if not query.is_valid():
            renamed = {{"start": "from", "end": "to"}.get(k, k): v for k, v in query.errors.items()}
            raise serializers.ValidationError(renamed)
        entries = own_entries(self.request).filter(deleted=False).order_by("-started_at", "uuid")
        if start := query.validated_data.get("start"):
            entries = entries.filter(started_at__date__gte=start)
        if end := query.validated_data.get("end"):
            entries = entries.filter(started_at__date__lte=end)
        return entries


class EntryDetail(generics.RetrieveAPIView):
    """One entry with the versions that lost a conflict."""

    serializer_class = EntryDetailSerializer
    permission_classes = [IsAuthenticated]
    lookup_field = "uuid"

    def get_queryset(self):
        return own_entries(self.request).filter(deleted=False).prefetch_related("history")


CSV_COLUMNS = ["id", *sync.DATA_FIELDS, "conflict"]


def exported_rows(request):
    entries = own_entries(request).filter(deleted=False).order_by("started_at")
    return RowSerializer(entries, many=True).data


@extend_schema(responses=inline_serializer("Export", {"entries": RowSerializer(many=True)}))
@api_view(["GET"])
@permission_classes([IsAuthenticated])
def export_json(request):
    """All of the user's diary as JSON, for keeping or for a doctor."""
    body = json.dumps({"entries": exported_rows(request)}, ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="krampfhilfe-tagebuch.json"'
    return response


@extend_schema(responses={(200, "text/csv"): str})
@api_view(["GET"])
@permission_classes([IsAuthenticated])
def export_csv(request):
    """All of the user's diary as CSV (UTF-8 with BOM, so spreadsheets read the umlauts); no
    cell can run as a formula (diary/csv_cells.py)."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv_cells.writer(out)
    writer.writerow(CSV_COLUMNS)
    for row in exported_rows(request):
        data = row["data"]
        writer.writerow(
            [
                row["id"],
                data["started_at"],
                data["duration_minutes"],
                data["intensity"],
                data["intensity_after"],
                ";".join(data["regions"]),
                ";".join(data["triggers"]),
                ";".join(
                    m["id"] if m.get("helped") is None else f"{m['id']}:{m['helped']}"
                    for m in data["measures"]
                ),
                data["redflag"]["tier"] if data["redflag"] else "",
                data["notes"],
                row["conflict"],
            ]
        )
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="krampfhilfe-tagebuch.csv"'
    return response
