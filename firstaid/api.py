"""First-aid API: the same content and rules the pages use, for other clients."""

from django.conf import settings
from django.utils import translation
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.decorators import api_view, authentication_classes, parser_classes
from rest_framework.response import Response

from core.fields import StrictBooleanField
from core.parsers import LimitedJSONParser
from firstaid import content, countries, triage


class LanguageQuery(serializers.Serializer):
    lang = serializers.ChoiceField(choices=settings.LANGUAGES, required=False)


def requested_language(request):
    # A plain dict, so that an empty ?lang= is refused instead of read as "not given".
    query = LanguageQuery(data=request.query_params.dict())
    query.is_valid(raise_exception=True)
    return query.validated_data.get("lang") or get_language()


def content_response(name, **fields):
    return inline_serializer(
        name,
        {
            "lang": serializers.CharField(),
            "version": serializers.CharField(),
            "disclaimer": serializers.CharField(),
            "sources": serializers.ListField(child=serializers.DictField()),
            **{field: serializers.ListField(child=serializers.DictField()) for field in fields},
        },
    )


def content_payload(request, **parts):
    """A language's content: the parts asked for (response key: content key), with the
    version, the disclaimer and the sources that every answer carries."""
    lang = requested_language(request)
    data = content.load(lang)
    body = {"lang": lang, "version": data["version"], "disclaimer": data["disclaimer"]}
    body.update({key: data[name] for key, name in parts.items()})
    return Response({**body, "sources": data["sources"]})


LANG_PARAMETER = OpenApiParameter("lang", str, enum=[code for code, _ in settings.LANGUAGES])


@extend_schema(parameters=[LANG_PARAMETER], responses=content_response("Steps", steps=True))
@api_view(["GET"])
def steps(request):
    return content_payload(request, steps="steps")


@extend_schema(
    parameters=[LANG_PARAMETER],
    responses=content_response(
        "RedFlags", groups=True, redflags=True, selftests=True, outcomes=True
    ),
)
@api_view(["GET"])
def redflags(request):
    return content_payload(
        request,
        groups="redflag_groups",
        redflags="redflags",
        selftests="selftests",
        outcomes="outcomes",
    )


class SmallJSONParser(LimitedJSONParser):
    """A triage request is a few hundred bytes."""

    max_bytes = 16 * 1024


class TriageRequest(serializers.Serializer):
    lang = serializers.ChoiceField(choices=settings.LANGUAGES, required=False)
    country = serializers.ChoiceField(choices=list(countries.COUNTRIES), required=False)
    answers = serializers.DictField(child=StrictBooleanField(), allow_empty=True)

    def validate_answers(self, answers):
        known = {flag["id"] for flag in content.load(settings.LANGUAGE_CODE)["redflags"]}
        unknown = sorted(set(answers) - known)
        if unknown:
            raise serializers.ValidationError(
                _("Unbekannte Frage: %(ids)s") % {"ids": ", ".join(unknown)}
            )
        return answers


def country_numbers(code):
    """The numbers the outcome page shows beside its texts ("ruf die Nummer unten an"): the
    emergency number with what it is, and the on-call lines of the chosen country, or of every
    country, each named, when none is chosen (as _doctor_call.html shows them)."""
    chosen = (
        {code: countries.COUNTRIES[code]} if code in countries.COUNTRIES else countries.COUNTRIES
    )
    return {
        "country": code if code in countries.COUNTRIES else None,
        "emergency": {
            "number": countries.emergency(code),
            "label": str(
                countries.COUNTRIES[code]["where"]
                if code in countries.COUNTRIES
                else _("112 gilt in ganz Europa.")
            ),
        },
        "on_call": [
            {
                "country": key,
                "country_name": str(c["name"]),
                "number": number or None,
                "label": str(label),
            }
            for key, c in chosen.items()
            for number, label in c["doctors"]
        ],
    }


NumberSerializer = inline_serializer(
    "EmergencyNumber", {"number": serializers.CharField(), "label": serializers.CharField()}
)
OnCallSerializer = inline_serializer(
    "OnCallLine",
    {
        "country": serializers.ChoiceField(choices=list(countries.COUNTRIES)),
        "country_name": serializers.CharField(),
        "number": serializers.CharField(
            allow_null=True, help_text="null: no national number (e.g. Swiss cantonal services)"
        ),
        "label": serializers.CharField(),
    },
)
NumbersSerializer = inline_serializer(
    "Numbers",
    {
        "country": serializers.ChoiceField(
            choices=list(countries.COUNTRIES),
            allow_null=True,
            help_text="null: no country chosen; 112 works in every EU country and Switzerland",
        ),
        "emergency": NumberSerializer,
        "on_call": serializers.ListField(
            child=OnCallSerializer, help_text="the chosen country's lines, or every country's"
        ),
    },
)

TriageResponse = inline_serializer(
    "Triage",
    {
        "tier": serializers.ChoiceField(
            choices=[*content.OUTCOMES],
            allow_null=True,
            help_text="null: questions of a more urgent tier are still open (see ask_next)",
        ),
        "at_least": serializers.ChoiceField(
            choices=[*content.TIERS], allow_null=True, help_text="the tier already certain"
        ),
        "ask_next": serializers.ChoiceField(
            choices=[*content.TIERS],
            allow_null=True,
            help_text="the most urgent tier with open questions: ask these first",
        ),
        "reasons": serializers.ListField(child=serializers.DictField()),
        "unanswered": serializers.ListField(child=serializers.CharField()),
        "title": serializers.CharField(allow_null=True),
        "lead": serializers.CharField(allow_null=True),
        "actions": serializers.ListField(child=serializers.CharField()),
        "note": serializers.CharField(
            allow_null=True, help_text="the safety net: when to check again or what else to know"
        ),
        "sources": serializers.ListField(child=serializers.CharField()),
        "disclaimer": serializers.CharField(),
        "numbers": NumbersSerializer,
    },
)


@extend_schema(request=TriageRequest, responses=TriageResponse)
@api_view(["POST"])
@parser_classes([SmallJSONParser])
@authentication_classes([])  # stateless and anonymous: nothing to protect with a session or CSRF
def triage_view(request):
    if not isinstance(request.data, dict):
        raise serializers.ValidationError({"non_field_errors": [_("Ein JSON-Objekt erwartet.")]})
    query = TriageRequest(data=request.data)
    query.is_valid(raise_exception=True)
    lang = query.validated_data.get("lang") or get_language()
    country = query.validated_data.get("country") or countries.from_request(request)
    number = countries.emergency(country)
    with translation.override(lang):  # the numbers' names in the answer's language
        numbers = country_numbers(country)
    return Response(triage.outcome(lang, query.validated_data["answers"], number, numbers))
