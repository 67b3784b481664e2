from django.http import JsonResponse
from django.shortcuts import render
from django.views.defaults import page_not_found

from core.redirects import same_site


def not_found(request, exception):
    """API clients get a structured JSON 404 like every other API error; people get a page."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": "Not found."}, status=404)
    return page_not_found(request, exception)


def csrf_failure(request, reason=""):
    """A form sent with a stale security token or without cookies: say so in the app's own
    words and lead back to the form, instead of Django's bare technical page."""
    back = same_site(request, request.META.get("HTTP_REFERER"), "/")
    return render(request, "403_csrf.html", {"back": back}, status=403)
