from django.conf import settings
from django.contrib import messages
from django.core.cache import caches
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from core.redirects import same_site
from diary import choices, schema
from firstaid import content, countries, flow, triage
from shell import precache

PAGES = caches["pages"]


def page(request, template, **context):
    context.setdefault("content", content.load(get_language()))
    return render(request, f"firstaid/{template}.html", context)


@require_GET
def home(request):
    _, first = flow.neighbours("firstaid:emergency")
    return page(request, "home", first_step_url=first)


@require_GET
def emergency(request):
    back, after = flow.neighbours("firstaid:emergency")
    return page(request, "emergency", back=back, after=after)


@require_GET
def begin(request):
    """Pain before (one tap, skippable) and where to begin: in order, or one of the gentle steps
    with its timer already running (#start), so heat or breathing runs three taps from home."""
    back, after = flow.neighbours("firstaid:begin")
    steps = content.load(get_language())["steps"]
    quick = [step for step in steps if step["phase"] == "gentle"]
    return page(request, "begin", back=back, after=after, quick=quick)


@require_GET
def today(request):
    """The "see a doctor today" signs, before the stretches. "Yes, one of these" is an anchor on
    the same page, so it works offline and without JavaScript from the one precached URL."""
    back, after = flow.neighbours("firstaid:today")
    flags = content.tier_flags(get_language(), "today")
    sources = list(dict.fromkeys(s for flag in flags for s in flag["sources"]))
    return page(
        request,
        "today",
        back=back,
        after=after,
        flags=flags,
        sources=sources,
        gentle=flow.gentle_steps(get_language()),
    )


@require_GET
def step(request, step_id):
    found = content.step_by_id(get_language(), step_id)
    if found is None:
        raise Http404("No such first-aid step")
    back, after = flow.neighbours("firstaid:step", step_id=step_id)
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
    back, _ = flow.neighbours("firstaid:end")
    # The diary's choices, and which of its measures each step counts as (the content says).
    diary = {
        **choices.for_templates(),
        "step_measures": content.step_measures(get_language()),
        "tiers": list(schema.TIERS),
        "duration_max": schema.DURATION_MAX,
    }
    return page(
        request,
        "end",
        back=back,
        choices=diary,
        today_flags=content.tier_flags(get_language(), "today"),
        soon_flags=content.tier_flags(get_language(), "soon"),
    )


def shareable(request):
    """Whether this request gets the same page as everyone with its language and country: a
    plain GET by someone not logged in, with no message waiting for them."""
    return (
        request.method == "GET"
        and not request.GET
        and not request.user.is_authenticated
        and not len(messages.get_messages(request))
    )


def personal(request, response):
    """What the rendering gave this one person: a CSRF token or a cookie is never shared."""
    return bool(request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or response.cookies)


@csrf_exempt  # a pure evaluation that changes nothing; cached pages may carry an old token
@require_http_methods(["GET", "POST"])
def redflags(request):
    """The staged check. Browsers evaluate it offline (triage.js); a POST does it without JS.

    The empty form took 20 ms to render, and it changes only with a deploy: it is kept per
    page (path, so language) and country, under the precache version, which every content,
    template or translation change moves. An answered form (POST) is never kept."""
    if not shareable(request):
        return redflags_page(request)
    key = f"redflags:{precache.version()}:{request.path}:{countries.from_request(request)}"
    body = PAGES.get(key)
    if body is not None:
        return HttpResponse(body)
    response = redflags_page(request)
    if response.status_code == 200 and not personal(request, response):
        PAGES.set(key, response.content)
    return response


def redflags_page(request):
    data = content.load(get_language())
    flags = data["redflags"]
    answers = triage.form_answers(flags, data["selftests"], request.POST)
    admitted = triage.form_admitted(request.POST)
    result = triage.evaluate(flags, answers, admitted) if request.method == "POST" else None
    # The radios show only what the person tapped, never what "Nichts davon" or a self-test
    # filled in: sent again with the stage or the test changed, a fill must not come back as a tap.
    tapped = {"yes": True, "no": False}
    stages = [
        (
            tier,
            [
                (flag, tapped.get(request.POST.get(flag["id"])))
                for flag in flags
                if flag["tier"] == tier
            ],
        )
        for tier in content.TIERS
    ]
    yes_tiers = {flag["tier"] for flag in flags if answers.get(flag["id"]) is True}
    return page(
        request,
        "redflags",
        stages=stages,
        result=result,
        stage_answers={tier: request.POST.get(f"stage-{tier}") for tier in content.TIERS},
        which=[tier for tier in admitted if tier not in yes_tiers],
        selftest_results={
            test["id"]: request.POST.get(f"selftest-{test['id']}") for test in data["selftests"]
        },
        reasons=[flag for flag in flags if result and flag["id"] in result["reasons"]],
        # The handover card's signs: every "yes" once the self-tests are applied, not the taps.
        yes_flags=[flag for flag in flags if result and answers.get(flag["id"]) is True],
        step_titles={step["id"]: step["title"] for step in data["steps"]},
        triage_data=triage.browser_data(data),
    )


@require_GET
def guide(request):
    return page(request, "guide", today_flags=content.tier_flags(get_language(), "today"))


@require_GET
def about(request):
    return page(request, "about")


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
            "country",
            chosen,
            max_age=settings.PREFERENCE_COOKIE_AGE,
            samesite="Lax",
            secure=settings.HTTPS,
        )
    else:
        response.delete_cookie("country", samesite="Lax")
    return response
