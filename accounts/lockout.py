"""django-axes glue: which client a request comes from, and the lockout as our views show it.

Axes counts failed logins per account *and* client (settings.AXES_*), so that guessing
someone's password from one place cannot lock that person out everywhere."""

import ipaddress

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from rest_framework import status
from rest_framework.exceptions import APIException

MESSAGE = _("Zu viele Versuche. Bitte warte 15 Minuten und versuch es dann noch einmal.")


def client_address(request):
    """REMOTE_ADDR; behind TRUSTED_PROXIES proxies, the address the outermost of them saw,
    which it appended to X-Forwarded-For (what the client sent before it can be forged)."""
    remote = request.META.get("REMOTE_ADDR", "")
    if not settings.TRUSTED_PROXIES:
        return remote
    forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [a for a in forwarded if a]
    if len(forwarded) < settings.TRUSTED_PROXIES:
        return remote
    candidate = forwarded[-settings.TRUSTED_PROXIES]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote


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
