"""Emergency and on-call numbers by country (docs/architecture.md, docs/medical.md "Numbers").

The country is only ever the one the person chose. A browser's language says nothing about where
its owner is (a de-AT phone in Munich would get 144, which is not an emergency number in
Germany), so without a choice the number is 112: it works in every EU country and in Switzerland.
"""

from django.utils.translation import gettext_lazy as _

EUROPE = "112"

COUNTRIES = {
    "DE": {
        "name": _("Deutschland"),
        "emergency": "112",
        "where": _("Notruf in Deutschland"),
        "doctors": [("116117", _("Ärztlicher Bereitschaftsdienst"))],
        # Shown with the emergency call (_outcome.html); MEDICAL.md "Numbers".
        "sim": _("Vom Handy geht die 112 nur mit SIM-Karte."),
    },
    "AT": {
        "name": _("Österreich"),
        "emergency": "144",
        "where": _("Rettung in Österreich"),
        "doctors": [
            ("141", _("Ärztenotdienst, nicht überall rund um die Uhr")),
            ("1450", _("Gesundheitsberatung")),
        ],
        "sim": _("Die 112 geht auch ohne SIM-Karte."),
    },
    "CH": {
        "name": _("Schweiz"),
        "emergency": "144",
        "where": _("Rettung in der Schweiz"),
        # No national number: each canton runs its own service (docs/medical.md).
        "doctors": [("", _("Kantonaler ärztlicher Notfalldienst oder deine Hausarztpraxis"))],
    },
}


def from_request(request):
    """The country the person chose (cookie), or None: never a guess from the language."""
    chosen = request.COOKIES.get("country", "").upper()
    return chosen if chosen in COUNTRIES else None


def emergency(code):
    return COUNTRIES[code]["emergency"] if code in COUNTRIES else EUROPE


def numbers():
    """What country.js needs to switch the numbers offline; "" is "no country chosen".

    Only what changes text in place: the on-call lines of all three countries are in the page
    already (_doctor_call.html), so this stays small in every cached page.
    """
    data = {
        code: {"emergency": c["emergency"], "where": str(c["where"])}
        for code, c in COUNTRIES.items()
    }
    return {"": {"emergency": EUROPE, "where": ""}, **data}
