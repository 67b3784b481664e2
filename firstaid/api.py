"""Read-only first-aid API: the same content the pages render, for other clients."""

from django.conf import settings
from django.utils.translation import get_language
from rest_framework import serializers
from rest_framework.decorators import api_view
from rest_framework.response import Response

from firstaid import content


class LanguageQuery(serializers.Serializer):
    lang = serializers.ChoiceField(choices=settings.LANGUAGES, required=False)


@api_view(["GET"])
def steps(request):
    query = LanguageQuery(data=request.query_params)
    query.is_valid(raise_exception=True)
    lang = query.validated_data.get("lang") or get_language()
    data = content.load(lang)
    return Response(
        {
            "lang": lang,
            "version": data["version"],
            "disclaimer": data["disclaimer"],
            "steps": data["steps"],
            "sources": data["sources"],
        }
    )
