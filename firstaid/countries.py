"""Emergency and on-call numbers by country (DESIGN.md, MEDICAL.md "Numbers")."""

from django.utils.translation import gettext_lazy as _

DEFAULT = "DE"

COUNTRIES = {
    "DE": {
        "name": _("Deutschland"),
        "emergency": "112",
        "doctor": "116117",
        "doctor_label": _("Ärztlicher Bereitschaftsdienst"),
    },
    "AT": {
        "name": _("Österreich"),
        "emergency": "144",
        "doctor": "141",
        "doctor_label": _(
            "Ärztenotdienst (nicht überall rund um die Uhr); Gesundheitsberatung 1450"
        ),
    },
    "CH": {
        "name": _("Schweiz"),
        "emergency": "144",
        "doctor": "",
        "doctor_label": _("Kantonaler Notfalldienst oder Hausarztpraxis"),
    },
}


def from_request(request):
    """The remembered country (cookie), else a guess from the browser's language region."""
    chosen = request.COOKIES.get("country", "").upper()
    if chosen in COUNTRIES:
        return chosen
    accept = request.headers.get("Accept-Language", "").split(",")[0].strip().upper()
    region = accept.split("-")[1][:2] if "-" in accept else ""
    return region if region in COUNTRIES else DEFAULT


def numbers():
    """What the browser needs to switch numbers offline, without a second copy in JS."""
    return {
        code: {
            "emergency": c["emergency"],
            "doctor": c["doctor"],
            "doctor_label": str(c["doctor_label"]),
        }
        for code, c in COUNTRIES.items()
    }
