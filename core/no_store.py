"""`Cache-Control: no-store` for what holds personal data (ASVS 8.2.1): the diary's API and its
exports, and the account's pages and API, so that no browser or proxy cache keeps a copy.

Chosen by URL namespace, so a new view of those apps is covered without a decorator to forget.
The diary's own pages are not among them: they carry no data (the diary lives in the phone's
IndexedDB), and the service worker stores them for offline use (shell/precache.py)."""

from django.utils.cache import add_never_cache_headers

NAMESPACES = {"diary-api", "accounts", "accounts-api"}


def no_store(get_response):
    def middleware(request):
        response = get_response(request)
        match = getattr(request, "resolver_match", None)
        if match is not None and NAMESPACES.intersection(match.namespaces):
            add_never_cache_headers(response)
        return response

    return middleware
