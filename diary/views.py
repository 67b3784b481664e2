"""Diary pages. The diary lives on the phone (IndexedDB), so these pages are shells that the
service worker precaches; diary-*.js fills them from the local store."""

from django.shortcuts import render
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from diary import schema
from firstaid import content


def shell(request, template):
    context = {"content": content.load(get_language()), "choices": schema.for_pages()}
    return render(request, f"diary/{template}.html", context)


@require_GET
def entries(request):
    return shell(request, "list")


@require_GET
def entry(request):
    return shell(request, "entry")
