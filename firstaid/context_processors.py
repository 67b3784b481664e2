from django.conf import settings
from django.urls import translate_url

from firstaid import countries


def country(request):
    code = countries.from_request(request)
    return {
        "country": code,
        "numbers": countries.COUNTRIES[code],
        "countries": countries.COUNTRIES,
        "numbers_json": countries.numbers(),
        "alternates": [
            (lang, name, translate_url(request.path, lang)) for lang, name in settings.LANGUAGES
        ],
    }
