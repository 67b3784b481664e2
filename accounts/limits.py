"""Rate limits for what sends mail or creates accounts: per e-mail address and per client.

django-ratelimit refuses the database cache (its increments are not atomic) and the stack has
no Redis or memcached, so the few requests that count are rows: shared by all workers, and the
window is exactly the documented one, sliding."""

from datetime import timedelta

from django.utils import timezone
from django.utils.crypto import salted_hmac

from accounts.lockout import client_address
from accounts.models import LimitHit

WINDOW = timedelta(hours=1)
RESET_PER_ADDRESS = 3
RESET_PER_CLIENT = 10
REGISTER_PER_ADDRESS = 5
REGISTER_PER_CLIENT = 10


def allow(kind, value, limit):
    """Counts one request for `value` and says whether it is within `limit` per WINDOW. The
    value (an address) is kept only as a keyed hash."""
    now = timezone.now()
    LimitHit.objects.filter(at__lt=now - WINDOW).delete()
    key = salted_hmac("accounts.limits", f"{kind}:{value}").hexdigest()
    if LimitHit.objects.filter(kind=kind, key=key, at__gte=now - WINDOW).count() >= limit:
        return False
    LimitHit.objects.create(kind=kind, key=key, at=now)
    return True


def client_allowed(request, kind, limit):
    return allow(f"{kind}-client", client_address(request), limit)


def address_allowed(kind, email, limit):
    return allow(f"{kind}-address", email.strip().lower(), limit)
