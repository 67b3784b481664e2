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
    # Each stretch of the guided flow on its own, so that "what helped" can tell them apart;
    # "stretching" stays for any other stretch (and for entries saved before).
    "child-pose": _("Kindhaltung"),
    "cat-cow": _("Katze und Kuh"),
    "knee-rotation": _("Dreh-Dehn-Lage"),
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
