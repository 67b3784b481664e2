"""Diary pages. The diary lives on the phone (IndexedDB), so these pages are shells that the
service worker precaches; diary-*.js fills them from the local store."""

from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from diary import schema
from firstaid import content

# The periods of the patterns page and the report, as diary-insights.js names them.
PERIODS = [
    ("4w", _("4 Wochen")),
    ("3m", _("3 Monate")),
    ("12m", _("12 Monate")),
    ("all", _("Alles")),
]


def page(template, **extra):
    """The GET-only view of one diary page: its template with the context every page shares
    (the content, the entry's shape as data, the periods), plus `extra`."""

    @require_GET
    def view(request):
        context = {
            "content": content.load(get_language()),
            "choices": schema.for_pages(),
            "periods": PERIODS,
            **extra,
        }
        return render(request, f"diary/{template}.html", context)

    return view


# "Wann hat es angefangen?": one tap before the exact time picker (diary-entry.js).
QUICK_STARTS = [(0, _("gerade eben")), (15, _("vor 15 Min.")), (60, _("vor 1 Std."))]

entries = page("list")
entry = page("entry", quick_starts=QUICK_STARTS)
patterns = page("patterns")
report = page("report")
transfer = page("transfer")
