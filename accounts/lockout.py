"""django-axes glue: whose failures a wrong password counts, which client a request comes from,
and the lockout as our views show it.

Failures are counted per account *and device* (OWASP, "device cookies" against lockout DoS): a
browser or app that once logged in to an account holds a signed cookie naming it, and its
failures count for that account and that device only. Every device without such a cookie (an
attacker, but also the person's new phone) shares one count per account. So five guesses lock
the account for unknown devices for 15 minutes, never for the devices the person already uses,
and no IP address (shared behind carrier NAT, forgeable in X-Forwarded-For) decides anything.

Axes knows only a username, an address and a user agent as lockout parameters, so the
"username" it stores is that count's key (AXES_USERNAME_CALLABLE): a keyed hash of the
account, plus the device's random id for a known device. The rows name no address."""

import ipaddress
import secrets
from datetime import timedelta

from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Q
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _
from rest_framework import status
from rest_framework.exceptions import APIException

MESSAGE = _("Zu viele Versuche. Bitte warte 15 Minuten und versuch es dann noch einmal.")
DEVICE_COOKIE = "known_device"
DEVICE_SALT = "accounts.lockout.device"
DEVICE_AGE = timedelta(days=365)


def account_key(username):
    return salted_hmac("accounts.lockout", username.strip().lower()).hexdigest()[:32]


def known_device(request, account):
    """The device id of this request's cookie, if it is signed by us and names this account."""
    value = request.get_signed_cookie(
        DEVICE_COOKIE, default="", salt=DEVICE_SALT, max_age=DEVICE_AGE
    )
    owner, _sep, device = value.partition(":")
    return device if owner == account and device else ""


def failure_key(request, credentials):
    """AXES_USERNAME_CALLABLE: the account's key, and the device's id if it is known."""
    account = account_key((credentials or {}).get("username") or "")
    device = known_device(request, account)
    return f"{account}:{device}" if device else account


def remember_device(response, user):
    """After a successful login: from now on this device's failures are its own."""
    account = account_key(user.get_username())
    response.set_signed_cookie(
        DEVICE_COOKIE,
        f"{account}:{secrets.token_urlsafe(16)}",
        salt=DEVICE_SALT,
        max_age=int(DEVICE_AGE.total_seconds()),
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


def forget(username):
    """Every counted failure of an account, of all its devices (account deletion, new password)."""
    key = account_key(username)
    AccessAttempt.objects.filter(Q(username=key) | Q(username__startswith=f"{key}:")).delete()


def trusted_proxy(address):
    try:
        address = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(address in ipaddress.ip_network(net) for net in settings.TRUSTED_PROXIES)


def client_address(request):
    """REMOTE_ADDR, unless that is one of TRUSTED_PROXIES: then the address the nearest
    untrusted hop had, read from the right of X-Forwarded-For (what each trusted proxy
    appended). Whoever reaches the server directly cannot choose their address this way."""
    client = request.META.get("REMOTE_ADDR", "")
    if not trusted_proxy(client):
        return client
    hops = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    for hop in reversed([a for a in hops if a]):
        try:
            client = str(ipaddress.ip_address(hop))
        except ValueError:
            break  # garbage from further left: the last trusted hop is all we know
        if not trusted_proxy(client):
            break
    return client


def locked_out(request):
    """After authenticate() returned None: was it axes that said no (or says no from now on)?"""
    return bool(getattr(request, "axes_locked_out", False))


def keep_response(request, original_response, credentials=None):
    """AxesMiddleware's lockout answer: the login form and the token endpoint already answer
    with their own translated 429, which is kept as it is."""
    return original_response


class LockedOut(APIException):
    status_code = status.HTTP_429_TOO_MANY_REQUESTS
    default_detail = MESSAGE
    default_code = "locked_out"
    wait = int(settings.AXES_COOLOFF_TIME.total_seconds())
