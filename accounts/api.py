from django.contrib.auth import logout, user_logged_in
from django.core.exceptions import NON_FIELD_ERRORS
from django.middleware.csrf import get_token
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.decorators import api_view, authentication_classes, permission_classes
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from accounts import lockout
from accounts.forms import LoginForm
from accounts.models import DeviceToken
from diary import schema

Me = inline_serializer(
    "Me",
    {
        "authenticated": serializers.BooleanField(),
        "email": serializers.EmailField(allow_null=True),
        "account": serializers.IntegerField(allow_null=True),
        "sync_batch": serializers.IntegerField(),
    },
)


@extend_schema(responses=Me)
@api_view(["GET"])
@permission_classes([AllowAny])
def me(request):
    """Whether this browser is logged in; the diary syncs only then. It also sets the CSRF
    cookie that the sync's POST needs, since the diary's pages carry no form."""
    get_token(request)
    user = request.user
    return Response(
        {
            "authenticated": user.is_authenticated,
            "email": user.email if user.is_authenticated else None,
            # Whose diary the phone holds: it never syncs or shows another account's (issue 17).
            "account": user.pk if user.is_authenticated else None,
            # How many changes the diary's sync takes per request: the device sends no more.
            "sync_batch": schema.BATCH_LIMIT,
        }
    )


class Credentials(serializers.Serializer):
    email = serializers.EmailField(max_length=150)
    password = serializers.CharField(max_length=4096)
    device = serializers.CharField(
        max_length=200,
        required=False,
        help_text="A name for this device on the account page; the User-Agent if left out.",
    )


def device_name(request, given):
    name = (given or request.META.get("HTTP_USER_AGENT", "") or "API").strip()
    field = DeviceToken._meta.get_field("name")
    return name if len(name) <= field.max_length else name[: field.max_length - 1] + "…"


@extend_schema(
    request=Credentials,
    responses=inline_serializer(
        "Token",
        {
            "token": serializers.CharField(help_text="Send as `Authorization: Token <token>`."),
            "expiry": serializers.DateTimeField(
                help_text="Moved on by each use, up to a year after the login."
            ),
        },
    ),
)
@api_view(["POST"])
@authentication_classes([])
@permission_classes([AllowAny])
def token(request):
    """A token of its own for this device (`Authorization: Token <token>`): it ends 30 days
    after its last use, with logout, a password change or reset, and on the account page.
    Five wrong passwords lock the account for 15 minutes for devices that never logged in to it
    (a device that did holds a cookie and is locked only by its own failures)."""
    credentials = Credentials(data=request.data)
    credentials.is_valid(raise_exception=True)
    form = LoginForm(request, credentials.validated_data)
    if not form.is_valid():
        if form.locked_out:
            raise lockout.LockedOut()
        raise serializers.ValidationError(
            {
                ("non_field_errors" if field == NON_FIELD_ERRORS else field): errors
                for field, errors in form.errors.items()
            }
        )
    instance, key = DeviceToken.objects.create(
        user=form.user, name=device_name(request, credentials.validated_data.get("device"))
    )
    # As after a login by the form: django-axes resets the failure count, last_login is set.
    user_logged_in.send(sender=form.user.__class__, request=request, user=form.user)
    response = Response({"token": key, "expiry": instance.expiry})
    lockout.remember_device(response, form.user)  # its failures count alone from now on
    return response


@extend_schema(request=None, responses={204: OpenApiResponse(description="Logged out.")})
@api_view(["POST"])
@permission_classes([AllowAny])
def logout_view(request):
    """Ends the token this request was made with (or this browser's session)."""
    if isinstance(request.auth, DeviceToken):
        request.auth.delete()
    elif request.user.is_authenticated:
        logout(request._request)
    return Response(status=204)
