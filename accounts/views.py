"""The optional account: it only exists to keep the diary safe and in sync across devices."""

from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.messages.views import SuccessMessageMixin
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST

from accounts import limits, lockout, registration
from accounts.forms import DeleteAccountForm, LoginForm, PasswordChangeForm, RegisterForm
from accounts.models import BrowserSession, DeviceToken
from core.redirects import same_site

TOO_MANY = gettext_lazy(
    "Zu viele Anfragen von hier. Bitte warte eine Stunde und versuch es dann noch einmal."
)


CONFIRMED = gettext_lazy(
    "Deine E-Mail-Adresse ist bestätigt. Melde dich jetzt an, dann wird dein Tagebuch gesichert."
)


def safe_next(request, default):
    return same_site(request, request.POST.get("next") or request.GET.get("next"), default)


def signed_out():
    # account.js sees the marker and removes the diary from this device.
    return redirect(f"{reverse('accounts:account')}?signed-out=1")


def account(request):
    devices = DeviceToken.objects.filter(user=request.user) if request.user.is_authenticated else []
    return render(request, "accounts/account.html", {"devices": devices})


@login_required
@require_POST
def device_sign_out(request):
    """Ends one device's API token; the device has to log in again."""
    device = get_object_or_404(DeviceToken, user=request.user, pk=request.POST.get("device"))
    device.delete()
    messages.success(request, _("Das Gerät „%(name)s“ ist abgemeldet.") % {"name": device.name})
    return redirect("accounts:account")


@login_required
@require_POST
def devices_sign_out(request):
    """Ends every device's API token and every other browser's session; this one stays."""
    DeviceToken.objects.filter(user=request.user).delete()
    BrowserSession.end(request.user, keep=request.session.session_key)
    messages.success(request, _("Alle anderen Geräte sind abgemeldet."))
    return redirect("accounts:account")


def too_many(form, template, request):
    form.add_error(None, TOO_MANY)
    return render(request, template, {"form": form}, status=429)


# As Django's LoginView: no password in error reports, no form page in any cache.
@sensitive_post_parameters()
@never_cache
@require_http_methods(["GET", "POST"])
def register(request):
    """The same answer whether the address has an account or not (accounts/registration.py)."""
    form = RegisterForm(request.POST or None)
    if request.method == "POST" and not (
        limits.client_allowed(request, "register", limits.REGISTER_PER_CLIENT)
        and limits.address_allowed(
            "register", request.POST.get("email", ""), limits.REGISTER_PER_ADDRESS
        )
    ):
        form.is_valid()
        return too_many(form, "accounts/register.html", request)
    if request.method == "POST" and form.is_valid():
        form.save(request)
        return redirect("accounts:register-sent")
    return render(request, "accounts/register.html", {"form": form})


def register_sent(request):
    return render(request, "accounts/register_sent.html")


@never_cache
def confirm(request, uidb64, token):
    if registration.confirm(uidb64, token) is None:
        return render(request, "accounts/confirm_failed.html", status=400)
    messages.success(request, CONFIRMED)
    return redirect("accounts:login")


@sensitive_post_parameters()
@never_cache
@require_http_methods(["GET", "POST"])
def login_view(request):
    form = LoginForm(request, request.POST or None)
    if request.method == "POST" and form.is_valid():
        login(request, form.user)
        response = redirect(safe_next(request, reverse_lazy("diary:entries")))
        lockout.remember_device(response, form.user)
        return response
    status = 429 if request.method == "POST" and form.locked_out else 200
    return render(request, "accounts/login.html", {"form": form}, status=status)


@require_POST
def logout_view(request):
    logout(request)
    messages.success(request, _("Du bist abgemeldet."))
    return signed_out()


@sensitive_post_parameters()
@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def delete(request):
    form = DeleteAccountForm(request, request.POST or None)
    if request.method == "POST" and form.is_valid():
        # Deleting the user deletes the diary, tokens and sync state with it (CASCADE). What
        # names the person without a foreign key goes first: other browsers' sessions and the
        # counted login failures.
        user = request.user
        BrowserSession.end(user, keep=request.session.session_key)
        lockout.forget(user.get_username())
        user.delete()
        logout(request)
        messages.success(
            request, _("Dein Konto und alle Tagebuch-Daten auf dem Server sind gelöscht.")
        )
        response = signed_out()
        response.delete_cookie(lockout.DEVICE_COOKIE, samesite="Lax")
        return response
    status = 429 if form.is_bound and form.locked_out else 200
    return render(request, "accounts/delete.html", {"form": form}, status=status)


class PasswordChange(SuccessMessageMixin, auth_views.PasswordChangeView):
    form_class = PasswordChangeForm
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:account")
    success_message = gettext_lazy("Dein Passwort ist geändert.")

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        del kwargs["user"]
        return {**kwargs, "request": self.request}

    def form_invalid(self, form):
        response = super().form_invalid(form)
        if form.locked_out:
            response.status_code = 429
        return response


class PasswordReset(auth_views.PasswordResetView):
    """Mails are limited per client (a form error that says nothing about the address) and per
    address (silently: the answer is the same whether the address has an account or not)."""

    template_name = "accounts/password_reset.html"
    email_template_name = "accounts/password_reset_email.txt"
    subject_template_name = "accounts/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password-reset-done")

    def form_valid(self, form):
        if not limits.client_allowed(self.request, "reset", limits.RESET_PER_CLIENT):
            return too_many(form, self.template_name, self.request)
        email = form.cleaned_data["email"]
        if not limits.address_allowed("reset", email, limits.RESET_PER_ADDRESS):
            return HttpResponseRedirect(self.get_success_url())
        return super().form_valid(form)


class PasswordResetDone(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirm(SuccessMessageMixin, auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:login")
    success_message = gettext_lazy("Dein neues Passwort gilt. Melde dich damit an.")

    def form_valid(self, form):
        # Whoever follows the mailed link owns the address: guesses by others no longer lock
        # the account for a new device of theirs.
        lockout.forget(form.user.get_username())
        return super().form_valid(form)
