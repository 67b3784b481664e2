"""Strict validation of everything a device sends: unknown fields, wrong types, values out of
range and dates in the future are refused field by field. A malformed request is a 400; one
invalid change in a sync batch is answered "rejected" with its own errors and the rest applies."""

import uuid
from datetime import UTC, datetime, timedelta

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from core.fields import StrictBooleanField, StrictCharField, StrictIntegerField
from diary import choices, schema, sync

# Phones run fast or slow: a start up to a day "in the future" by the server's clock is a
# wrong clock, not a wrong entry, and must not keep the entry from syncing.
CLOCK_SKEW = timedelta(days=1)
EARLIEST = datetime(2000, 1, 1, tzinfo=UTC)
# Versions one change may replace: what a page showed plus this device's queued changes.
REPLACES_MAX = 200
BIGINT_MAX = 2**63 - 1  # what the database stores


class UTCDateTimeField(serializers.DateTimeField):
    """Instants in UTC, read and written: in the server's zone (Europe/Berlin) a date before
    1893 has the local mean time offset +00:53:28, which is no valid RFC 3339 offset, and a
    device's clock can be that far off."""

    def __init__(self, **kwargs):
        super().__init__(default_timezone=UTC, **kwargs)


UTC_INSTANT = UTCDateTimeField()  # writes instants; one for all rows of a pull or an export


class StrictSerializer(serializers.Serializer):
    """Refuses fields it does not know, so a typo never silently drops data."""

    def to_internal_value(self, data):
        if isinstance(data, dict):
            unknown = sorted(set(data) - set(self.fields))
            if unknown:
                raise serializers.ValidationError(
                    {key: [_("Unbekanntes Feld.")] for key in unknown}
                )
        return super().to_internal_value(data)


class StrictUUIDField(serializers.UUIDField):
    """A UUID written as a string: DRF would also take a number (or false) as UUID(int=…)."""

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid", value=data)
        return super().to_internal_value(data)


class ParsedJSONField(serializers.JSONField):
    """A value from the parsed JSON body, taken as it is: JSONField would encode it once more
    only to prove that it can be encoded, twice per change of a 500-change push."""

    def to_internal_value(self, data):
        return data


def unique_choices(items):
    return serializers.ListField(
        child=serializers.ChoiceField(choices=list(items)),
        max_length=len(items),
        required=False,
        default=list,
        validators=[no_repeats],
    )


def no_repeats(values):
    if len(set(map(str, values))) != len(values):
        raise serializers.ValidationError(_("Jeder Wert darf nur einmal vorkommen."))


class MeasureSerializer(StrictSerializer):
    id = serializers.ChoiceField(choices=list(choices.MEASURES))
    helped = StrictIntegerField(
        min_value=0, max_value=max(choices.HELPED), allow_null=True, required=False, default=None
    )


class RedflagSerializer(StrictSerializer):
    tier = serializers.ChoiceField(choices=list(schema.TIERS))
    reasons = serializers.ListField(
        child=serializers.RegexField(r"^[a-z0-9-]{1,40}$"), max_length=40, default=list
    )


def serializer_field(spec):
    """The validation of one field of diary/schema.py, by its kind."""
    kind, optional = spec["kind"], {"required": False, "default": spec["empty"]}
    if kind == "instant":
        return UTCDateTimeField()
    if kind == "integer":
        limits = {"min_value": spec["min"], "max_value": spec["max"]}
        if spec.get("optional"):
            return StrictIntegerField(**limits, allow_null=True, **optional)
        return StrictIntegerField(**limits)
    if kind == "choices":
        return unique_choices(choices.for_templates()[spec["choices"]])
    if kind == "measures":
        return serializers.ListField(
            child=MeasureSerializer(),
            max_length=len(choices.MEASURES),
            required=False,
            default=list,
        )
    if kind == "redflag":
        return RedflagSerializer(allow_null=True, **optional)
    if kind == "flag":
        return StrictBooleanField(**optional)
    if kind == "text":
        return StrictCharField(
            allow_blank=True, max_length=spec["max"], trim_whitespace=False, **optional
        )
    raise ValueError(f"diary field {spec['name']}: unknown kind {kind!r}")


class EntryDataSerializer(StrictSerializer):
    """An entry's data: the fields of diary/schema.py, each validated by its kind."""

    def get_fields(self):
        return {spec["name"]: serializer_field(spec) for spec in schema.FIELDS}

    def validate_started_at(self, value):
        if value > timezone.now() + CLOCK_SKEW:
            raise serializers.ValidationError(_("Der Beginn darf nicht in der Zukunft liegen."))
        if value < EARLIEST:
            raise serializers.ValidationError(_("Der Beginn liegt zu weit zurück."))
        return value

    def validate_measures(self, measures):
        no_repeats([m["id"] for m in measures])
        return measures


class ChangeSerializer(StrictSerializer):
    id = StrictUUIDField()
    # This change's own id, made on the device: how both sides know it again (sync.py).
    change = StrictUUIDField()
    # The change ids of the versions the person saw (and this device's changes before it).
    replaces = serializers.ListField(child=StrictUUIDField(), max_length=REPLACES_MAX)
    # Orders concurrent versions only (sync.order); a clock days off is still a valid stamp.
    client_updated_at = UTCDateTimeField()
    deleted = StrictBooleanField()
    data = ParsedJSONField()

    def validate(self, change):
        if change["deleted"]:
            change["data"] = {}
            return change
        try:
            change["data"] = ENTRY_DATA.run_validation(change["data"])
        except serializers.ValidationError as error:
            raise serializers.ValidationError({"data": error.detail}) from None
        return change


class SyncRequestSerializer(StrictSerializer):
    """The envelope; each change is validated on its own (`changes` below)."""

    cursor = StrictIntegerField(min_value=0, max_value=BIGINT_MAX)
    device = StrictUUIDField(required=False, allow_null=True, default=None)  # first design's
    # `null` is a change too: rejected alone, as any other malformed one (audit finding 16).
    changes = serializers.ListField(
        child=ParsedJSONField(allow_null=True), max_length=schema.BATCH_LIMIT, allow_empty=True
    )

    def validate_changes(self, changes):
        ids = [change.get("id") for change in changes if isinstance(change, dict)]
        ids = [str(i).lower() for i in ids if isinstance(i, str)]
        if len(set(ids)) != len(ids):
            raise serializers.ValidationError(_("Jeder Eintrag darf nur einmal vorkommen."))
        return changes


# One instance each, reused for every change of every batch: building a serializer copies all
# of its fields, which took most of a 500-change push. Validation keeps no state on them.
ENTRY_DATA = EntryDataSerializer()
CHANGE = ChangeSerializer()
CHANGE.fields, ENTRY_DATA.fields  # built once, here, not raced for by threads  # noqa: B018


def echoed(raw, key):
    """An id of a rejected change, echoed only as a valid UUID: any other string may not even
    encode (a lone surrogate gave a 500, audit finding 11)."""
    given = raw.get(key) if isinstance(raw, dict) else None
    try:
        return str(uuid.UUID(given)) if isinstance(given, str) else None
    except ValueError:
        return None


def printable(detail):
    """Field errors that quote what was sent, made encodable (a lone surrogate in them gave a
    500 when the answer was written)."""
    if isinstance(detail, dict):
        return {printable(key): printable(value) for key, value in detail.items()}
    if isinstance(detail, list):
        return [printable(value) for value in detail]
    return str(detail).encode("utf-8", "replace").decode()


def checked_changes(changes):
    """Each change validated on its own: (valid changes, {index: result of a rejected one})."""
    valid, rejected = [], {}
    for index, raw in enumerate(changes):
        try:
            valid.append(CHANGE.run_validation(raw))
            continue
        except serializers.ValidationError as error:
            errors = printable(error.detail)
        if not isinstance(errors, dict):  # `null`, or no object at all
            errors = {"non_field_errors": errors}
        rejected[index] = {
            "id": echoed(raw, "id"),
            "change": echoed(raw, "change"),
            "version": None,
            "client_updated_at": None,
            "status": "rejected",
            "won": False,
            "errors": errors,
        }
    return valid, rejected


class KeptSerializer(serializers.Serializer):
    """A kept version: beside the current one until the person chooses (sync.py)."""

    change = serializers.UUIDField()
    client_updated_at = UTCDateTimeField()
    data = serializers.JSONField()


class RowSerializer(serializers.Serializer):
    """An entry as devices see it; the data of a tombstone is empty."""

    id = serializers.UUIDField(source="uuid")
    version = serializers.IntegerField()
    client_updated_at = UTCDateTimeField()
    deleted = serializers.BooleanField()
    conflict = serializers.BooleanField()
    change = serializers.UUIDField(allow_null=True)
    data = serializers.SerializerMethodField()
    kept = KeptSerializer(many=True, read_only=True)

    def get_data(self, entry) -> dict:
        data = sync.data_of(entry)
        if not data:
            return data
        data["started_at"] = UTC_INSTANT.to_representation(entry.started_at)
        return data


class ResultSerializer(serializers.Serializer):
    """One change's result. `won`: this change is now the entry's current version (one that
    did not is a kept version, or was replaced). A rejected change has field `errors` and no
    version; its ids are echoed where they are UUIDs."""

    id = serializers.CharField(allow_null=True)
    change = serializers.CharField(allow_null=True)
    version = serializers.IntegerField(allow_null=True)
    client_updated_at = serializers.CharField(allow_null=True)
    status = serializers.ChoiceField(choices=["applied", "duplicate", "rejected"])
    won = serializers.BooleanField()
    errors = serializers.DictField(required=False)

    def to_representation(self, result):
        data = super().to_representation(result)
        if isinstance(result["client_updated_at"], datetime):
            data["client_updated_at"] = UTC_INSTANT.to_representation(result["client_updated_at"])
        return data


class SyncResponseSerializer(serializers.Serializer):
    cursor = serializers.IntegerField()
    applied = ResultSerializer(many=True)
    changes = RowSerializer(many=True)
    more = serializers.BooleanField()


class DateRangeSerializer(StrictSerializer):
    # "from" is a Python keyword, hence the field mapping in the view.
    start = serializers.DateField(required=False)
    end = serializers.DateField(required=False)

    def validate(self, attrs):
        if attrs.get("start") and attrs.get("end") and attrs["start"] > attrs["end"]:
            raise serializers.ValidationError({"end": [_("Das Ende liegt vor dem Anfang.")]})
        return attrs
