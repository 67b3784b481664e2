"""Login throttling against password guessing: per e-mail address and per client address,
counted in the shared cache (the database cache, so that every worker process sees it)."""

from django.core.cache import cache

LIMIT = 5
WINDOW = 15 * 60


def keys(request, email):
    address = request.META.get("REMOTE_ADDR", "")
    return [f"login-fail:email:{email.strip().lower()}", f"login-fail:ip:{address}"]


def blocked(request, email):
    return any(cache.get(key, 0) >= LIMIT for key in keys(request, email))


def failed(request, email):
    for key in keys(request, email):
        cache.add(key, 0, WINDOW)
        cache.incr(key)


def succeeded(request, email):
    cache.delete(keys(request, email)[0])
