import json

from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from shell import precache


@require_GET
@cache_control(no_cache=True)
def service_worker(request):
    body = render_to_string(
        "shell/serviceworker.js",
        {
            "version": precache.version(),
            "assets_json": json.dumps(precache.asset_urls()),
            "pages_json": json.dumps(precache.pages_by_language()),
            "later_assets_json": json.dumps(precache.asset_urls(precache.LATER)),
            "later_pages_json": json.dumps(precache.pages_by_language(precache.LATER)),
            "languages_json": json.dumps(precache.languages()),
            "offline_pages_json": json.dumps(precache.offline_pages()),
        },
    )
    response = HttpResponse(body, content_type="text/javascript; charset=utf-8")
    response["Service-Worker-Allowed"] = "/"
    return response


@require_GET
def offline(request):
    """What the service worker shows for a page that needs the network (the account, a form
    sent) when there is none: first aid still works, and the way there is one tap."""
    return render(request, "shell/offline.html")
