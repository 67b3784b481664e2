import json

from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.translation import get_language
from django.views.decorators.cache import cache_control
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from config.redirects import same_site
from diary import choices
from firstaid import content, countries, flow, precache, triage


def page(request, template, **context):
    context.setdefault("content", content.load(get_language()))
    return render(request, f"firstaid/{template}.html", context)


@require_GET
def home(request):
    _, first = flow.neighbours("emergency")
    return page(request, "home", first_step_url=first)


@require_GET
def emergency(request):
    back, after = flow.neighbours("emergency")
    return page(request, "emergency", back=back, after=after)


@require_GET
def today(request):
    """The "see a doctor today" signs, before the stretches. "Yes, one of these" is an anchor on
    the same page, so it works offline and without JavaScript from the one precached URL."""
    back, after = flow.neighbours("today")
    items = content.load(get_language())["flow_today"]["items"]
    sources = list(dict.fromkeys(s for item in items for s in item["sources"]))
    return page(request, "today", back=back, after=after, sources=sources)


@require_GET
def step(request, step_id):
    found = content.step_by_id(get_language(), step_id)
    if found is None:
        raise Http404("No such first-aid step")
    back, after = flow.neighbours("step", step_id=step_id)
    steps = content.load(get_language())["steps"]
    return page(
        request,
        "step",
        step=found,
        back=back,
        after=after,
        position=steps.index(found) + 1,
        total=len(steps),
        pace_choices=range(4, 11),
    )


@require_GET
def end(request):
    back, _ = flow.neighbours("end")
    return page(request, "end", back=back, choices=choices.for_templates())


@csrf_exempt  # a pure evaluation that changes nothing; cached pages may carry an old token
@require_http_methods(["GET", "POST"])
def redflags(request):
    """The staged check. Browsers evaluate it offline (triage.js); a POST does it without JS."""
    data = content.load(get_language())
    flags = data["redflags"]
    answers = triage.form_answers(flags, data["selftests"], request.POST)
    result = triage.evaluate(flags, answers) if request.method == "POST" else None
    stages = [
        (tier, [(flag, answers.get(flag["id"])) for flag in flags if flag["tier"] == tier])
        for tier in content.TIERS
    ]
    return page(
        request,
        "redflags",
        stages=stages,
        result=result,
        stage_answers={tier: request.POST.get(f"stage-{tier}") for tier in content.TIERS},
        selftest_results={
            test["id"]: request.POST.get(f"selftest-{test['id']}") for test in data["selftests"]
        },
        reasons=[flag for flag in flags if result and flag["id"] in result["reasons"]],
        step_titles={step["id"]: step["title"] for step in data["steps"]},
        triage_data=triage.browser_data(data),
    )


@require_GET
def guide(request):
    return page(request, "guide")


@require_GET
def about(request):
    return page(request, "about")


@require_GET
def offline(request):
    """What the service worker shows for a page that needs the network (the account, a form
    sent) when there is none: first aid still works, and the way there is one tap."""
    return page(request, "offline")


@require_GET
def preferences(request):
    """Country choice without JavaScript; country.js does the same offline. An empty choice
    undoes it: back to 112, which works in all of Europe."""
    chosen = request.GET.get("country", "-").upper()
    if chosen not in (*countries.COUNTRIES, ""):
        return page(request, "preferences")
    response = redirect(same_site(request, request.GET.get("next"), request.path))
    if chosen:
        response.set_cookie(
            "country", chosen, max_age=365 * 24 * 3600, samesite="Lax", secure=settings.HTTPS
        )
    else:
        response.delete_cookie("country", samesite="Lax")
    return response


@require_GET
@cache_control(no_cache=True)
def service_worker(request):
    body = render_to_string(
        "serviceworker.js",
        {
            "version": precache.version(),
            "assets_json": json.dumps(precache.asset_urls()),
            "pages_json": json.dumps(precache.pages_by_language()),
            "languages_json": json.dumps(precache.languages()),
            "offline_pages_json": json.dumps(precache.offline_pages()),
            "diary_json": json.dumps(precache.diary_extras()),
        },
    )
    response = HttpResponse(body, content_type="text/javascript; charset=utf-8")
    response["Service-Worker-Allowed"] = "/"
    return response
