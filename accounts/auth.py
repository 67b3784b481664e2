"""`Authorization: Token <token>` with knox's per-device tokens, noting when each was used."""

from datetime import timedelta

from django.utils import timezone
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from knox.auth import TokenAuthentication

from accounts.models import DeviceToken

# Often enough to tell a device in use from a forgotten one, rarely enough not to write on
# every sync.
LAST_USED_STEP = timedelta(minutes=5)


class DeviceTokenAuthentication(TokenAuthentication):
    def validate_user(self, auth_token):
        user, token = super().validate_user(auth_token)
        now = timezone.now()
        if token.last_used is None or now - token.last_used > LAST_USED_STEP:
            DeviceToken.objects.filter(pk=token.pk).update(last_used=now)
            token.last_used = now
        return user, token


class DeviceTokenScheme(OpenApiAuthenticationExtension):
    """The header in the OpenAPI schema: `Authorization: Token <token>`."""

    target_class = DeviceTokenAuthentication
    name = "deviceToken"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "`Token <token>`, the token from POST /api/v1/auth/token/. Each "
            "device has its own; it ends 30 days after its last use, with logout, a password "
            "change or reset.",
        }
