"""What an account keeps besides Django's user: its devices' API tokens, and the recent
requests that the mail and registration limits count."""

from importlib import import_module

from django.conf import settings
from django.contrib.auth import SESSION_KEY, user_logged_in, user_logged_out
from django.db import models
from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver
from knox.models import AbstractAuthToken


class DeviceToken(AbstractAuthToken):
    """A knox token (stored hashed, with an expiry) that knows which device holds it."""

    name = models.CharField(max_length=80)
    last_used = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created"]


class BrowserSession(models.Model):
    """A browser logged in with the form, so that "sign out all other devices" can end it (the
    app on a phone uses the session, not a token)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="browser_sessions"
    )
    session_key = models.CharField(max_length=40, unique=True)
    created = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"{self.user} {self.created:%Y-%m-%d %H:%M}"

    @classmethod
    def end(cls, user, keep=None):
        """Ends the user's browser sessions but the one named `keep`: their rows in the session
        store go too, not only ours (a dead session still names the user until it expires)."""
        others = cls.objects.filter(user=user).exclude(session_key=keep)
        store = import_module(settings.SESSION_ENGINE).SessionStore
        for session_key in others.values_list("session_key", flat=True):
            store(session_key=session_key).delete()
        others.delete()


class LimitHit(models.Model):
    """One counted request (a password-reset mail, a registration) by a hashed key. Rows, not
    cache counters: every worker sees them, and the window is exactly the documented one."""

    kind = models.CharField(max_length=20)
    key = models.CharField(max_length=64)
    at = models.DateTimeField(db_index=True)

    class Meta:
        indexes = [models.Index(fields=["kind", "key", "at"])]

    def __str__(self):
        return f"{self.kind} {self.at:%Y-%m-%d %H:%M:%S}"


@receiver(user_logged_in)
def _note_browser_session(sender, request, user, **kwargs):
    session = getattr(request, "session", None)
    # The token endpoint sends this signal too, without logging the session in.
    if session is not None and session.session_key and session.get(SESSION_KEY) == str(user.pk):
        BrowserSession.objects.get_or_create(session_key=session.session_key, user=user)


@receiver(user_logged_out)
def _forget_browser_session(sender, request, user, **kwargs):
    session = getattr(request, "session", None)
    if session is not None and session.session_key:
        BrowserSession.objects.filter(session_key=session.session_key).delete()


@receiver(pre_save, sender=settings.AUTH_USER_MODEL)
def _note_password_change(sender, instance, update_fields=None, **kwargs):
    if instance.pk is None or (update_fields is not None and "password" not in update_fields):
        return
    old = sender.objects.filter(pk=instance.pk).values_list("password", flat=True).first()
    instance._password_changed = old is not None and old != instance.password


@receiver(post_save, sender=settings.AUTH_USER_MODEL)
def _end_tokens_after_password_change(sender, instance, **kwargs):
    # Whoever knew the old password may have made a token with it: a new password, by the
    # account page, the reset mail or manage.py, ends every device's token. (Sessions end by
    # themselves: Django ties them to the password's hash.)
    if getattr(instance, "_password_changed", False):
        instance._password_changed = False
        DeviceToken.objects.filter(user=instance).delete()
