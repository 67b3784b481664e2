from django.middleware.csrf import get_token
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.authtoken.models import Token
from rest_framework.decorators import api_view, authentication_classes, permission_classes
from rest_framework.exceptions import Throttled
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from accounts import throttle
from accounts.forms import LoginForm

Me = inline_serializer(
    "Me",
    {"authenticated": serializers.BooleanField(), "email": serializers.EmailField(allow_null=True)},
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
        }
    )


class Credentials(serializers.Serializer):
    email = serializers.EmailField()
    password = serializers.CharField()


@extend_schema(
    request=Credentials, responses=inline_serializer("Token", {"token": serializers.CharField()})
)
@api_view(["POST"])
@authentication_classes([])
@permission_classes([AllowAny])
def token(request):
    """A token for API clients other than the app (Authorization: Token <token>).
    Throttled like the login page."""
    credentials = Credentials(data=request.data)
    credentials.is_valid(raise_exception=True)
    if throttle.blocked(request, credentials.validated_data["email"]):
        raise Throttled(wait=throttle.WINDOW)
    form = LoginForm(request, credentials.validated_data)
    if not form.is_valid():
        raise serializers.ValidationError({"non_field_errors": form.non_field_errors()})
    return Response({"token": Token.objects.get_or_create(user=form.user)[0].key})
