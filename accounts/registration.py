"""Registration that tells nobody whether an address has an account, and an account that
becomes usable only once its address is confirmed.

The answer to a registration is always the same ("we sent you an e-mail"), and so is the work
behind it (one password hash, one mail). What the mail says differs: a new address gets a link
that confirms the account; an address with an account gets a notice (log in, or reset the
password), so only the address's owner learns that it is taken. An unconfirmed account is
inactive: the login refuses it, with a word about the link to whoever gives its password."""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode

User = get_user_model()


class ConfirmationToken(PasswordResetTokenGenerator):
    """A link for one registration: it dies once the account is confirmed, and when the address
    is registered again (with another password), after PASSWORD_RESET_TIMEOUT at the latest."""

    key_salt = "accounts.registration.ConfirmationToken"

    def _make_hash_value(self, user, timestamp):
        return f"{user.pk}{user.password}{user.is_active}{timestamp}"


confirmation = ConfirmationToken()


def confirmation_path(user):
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    return reverse(
        "accounts:confirm", kwargs={"uidb64": uid, "token": confirmation.make_token(user)}
    )


def register(request, email, password):
    """Creates the (inactive) account or renews an unconfirmed one's password, and mails the
    link; for an address that already has an account, mails the notice instead."""
    forget_unconfirmed()
    user = User.objects.filter(username=email).first()
    if user is not None and user.is_active:
        make_password(password)  # the hash a new account costs, so that the time says nothing
        mail(request, user, "accounts/register_exists", {})
        return
    if user is None:
        user = User(username=email, email=email, is_active=False)
    user.set_password(password)
    user.date_joined = timezone.now()  # the new link's day, after which forget_unconfirmed()
    user.save()
    link = request.build_absolute_uri(confirmation_path(user))
    mail(request, user, "accounts/register_confirm", {"link": link})


def confirm(uidb64, token):
    """The account the link confirms, now active; None for a link that is not (or no longer)
    valid."""
    try:
        user = User.objects.get(pk=urlsafe_base64_decode(uidb64).decode())
    except (ValueError, OverflowError, User.DoesNotExist):
        return None
    if user.is_active or not confirmation.check_token(user, token):
        return None
    user.is_active = True
    user.save(update_fields=["is_active"])
    return user


def forget_unconfirmed():
    """Registrations never confirmed are removed once their link has died: an address typed by
    mistake or by someone else does not stay on the server."""
    cutoff = timezone.now() - timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT)
    User.objects.filter(is_active=False, last_login=None, date_joined__lt=cutoff).delete()


def mail(request, user, template, context):
    context = {
        **context,
        "login": request.build_absolute_uri(reverse("accounts:login")),
        "reset": request.build_absolute_uri(reverse("accounts:password-reset")),
    }
    subject = render_to_string(f"{template}_subject.txt", context).strip()
    body = render_to_string(f"{template}_email.txt", context)
    send_mail(subject, body, None, [user.email])
