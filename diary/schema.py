"""The diary entry's shape, in one place: its fields in order, each with its kind, limits and
choices, and the values that the server and the pages both need (the outcome tiers from the
first-aid content, the batch size, the formula guard of the CSV exports).

The serializer, the server's exports and the sync engine read it here; the pages get it once
as data (`for_pages()`, a json_script block in diary/_labels.html) and read it from there
(static/js/diary-format.js). tests/diary/test_schema.py fails if any of them drifts.

A new field: a line in FIELDS, a model field with its migration, its control in
diary/templates/diary/entry.html and its words in the .po file. Its kind says how it is
validated, exported and shown; a new kind needs code in each of those places."""

from django.utils.translation import gettext_lazy as _

from diary import choices, csv_cells
from firstaid.content import OUTCOMES

DURATION_MAX = 24 * 60  # minutes: a cramp longer than a day is a wrong entry
INTENSITY_MAX = 10
NOTES_MAX = choices.NOTES_MAX
BATCH_LIMIT = 500  # changes per sync request, both ways
# What the red-flag check concluded, in words; the tiers themselves come from the content.
TIERS = {
    "emergency": _("Notfall"),
    "today": _("heute ärztlich abklären"),
    "soon": _("bald ärztlich abklären"),
    "selfcare": _("Selbsthilfe reicht"),
}
if tuple(TIERS) != OUTCOMES:
    raise ImportError(f"diary.schema.TIERS {tuple(TIERS)} differ from the content's {OUTCOMES}")


def field(name, label, kind, empty=None, **limits):
    return {"name": name, "label": label, "kind": kind, "empty": empty, **limits}


# Name, words, kind, empty value, limits; in the order of the server's CSV columns (between
# "id" and "conflict") and of every view of an entry. Kinds: instant, integer (min, max),
# choices (unique ids from `choices`), measures, redflag, text (max), flag (true or false).
FIELDS = (
    field("started_at", _("Beginn"), "instant"),
    field(
        "duration_minutes", _("Dauer (Minuten)"), "integer", min=0, max=DURATION_MAX, optional=True
    ),
    field("intensity", _("Schmerz (0–10)"), "integer", min=0, max=INTENSITY_MAX),
    field(
        "intensity_after",
        _("Schmerz danach (0–10)"),
        "integer",
        min=0,
        max=INTENSITY_MAX,
        optional=True,
    ),
    field("regions", _("Wo"), "choices", [], choices="regions"),
    field("triggers", _("Auslöser"), "choices", [], choices="triggers"),
    field("measures", _("Maßnahmen"), "measures", [], choices="measures"),
    # Set by the red-flag check, not a control of the entry form.
    field("redflag", _("Warnzeichen"), "redflag", choices="tiers", form=False),
    field("notes", _("Notizen"), "text", "", max=NOTES_MAX),
    field("for_doctor", _("Für den Arztbericht"), "flag", False),
)
NAMES = tuple(f["name"] for f in FIELDS)
EMPTY = {f["name"]: f["empty"] for f in FIELDS}
CSV_COLUMNS = ("id", *NAMES, "conflict")
PAGE_KEYS = ("name", "label", "kind", "empty", "choices")


def for_pages():
    """What the pages get as data: the choices in words, the fields, the tiers and limits. Of
    each field only what the pages use, no null: every byte is in the precache twice."""
    return {
        **choices.for_templates(),
        "tiers": TIERS,
        "fields": [{key: f[key] for key in PAGE_KEYS if f.get(key) is not None} for f in FIELDS],
        "csv_columns": CSV_COLUMNS,
        "formula_starts": "".join(csv_cells.FORMULA_STARTS),
        "duration_max": DURATION_MAX,
    }
