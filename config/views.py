from django.http import JsonResponse
from django.views.defaults import page_not_found


def not_found(request, exception):
    """API clients get a structured JSON 404 like every other API error; people get a page."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": "Not found."}, status=404)
    return page_not_found(request, exception)
