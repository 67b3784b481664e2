"""What a diary entry may record: one list for the server's validation and the pages' forms."""

from django.utils.translation import gettext_lazy as _

LEVELS = ("upper", "middle", "lower")
SIDES = ("left", "centre", "right")
REGIONS = {
    f"{level}-{side}": label
    for level, level_label in zip(LEVELS, (_("oben"), _("Mitte"), _("unten")), strict=True)
    for side, side_label in zip(SIDES, (_("links"), _("mittig"), _("rechts")), strict=True)
    for label in [f"{level_label} {side_label}"]
}
TRIGGERS = {
    "lifting": _("Heben"),
    "sitting": _("Langes Sitzen"),
    "sport": _("Sport"),
    "cold": _("Kälte oder Zugluft"),
    "stress": _("Stress"),
    "sleep-position": _("Schlafposition"),
    "sweating": _("Nach dem Schwitzen"),
    "other": _("Anderes"),
}
MEASURES = {
    "movement": _("Bewegung"),
    "cold": _("Kälte"),
    "heat": _("Wärme"),
    "stufenlagerung": _("Stufenlagerung"),
    "breathing": _("Atmen"),
    "stretching": _("Dehnen"),
    "massage": _("Massage"),
    "medication": _("Medikament"),
    "other": _("Anderes"),
}
# How much a measure helped: not at all, a little, a lot.
HELPED = {0: _("gar nicht"), 1: _("etwas"), 2: _("deutlich")}
NOTES_MAX = 2000


def for_templates():
    return {
        "regions": REGIONS,
        "triggers": TRIGGERS,
        "measures": MEASURES,
        "helped": HELPED,
        "notes_max": NOTES_MAX,
    }
