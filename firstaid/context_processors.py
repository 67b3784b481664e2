from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language

from firstaid import content, countries


def country(request):
    code = countries.from_request(request) or ""
    numbers = countries.numbers()
    return {
        "country": code,
        "numbers": numbers[code],
        "countries": countries.COUNTRIES,
        "numbers_json": numbers,
        "alternates": [
            (lang, name, translate_url(request.path, lang)) for lang, name in settings.LANGUAGES
        ],
    }


def cookie_age(request):
    return {"cookie_age": settings.PREFERENCE_COOKIE_AGE}


def disclaimer(request):
    """The "does not replace a doctor" note in every page's footer, account and error pages too."""
    return {"disclaimer": content.load(get_language())["disclaimer"]}
