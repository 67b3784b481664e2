"""The optional account: it only exists to keep the diary safe and in sync across devices."""

from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.messages.views import SuccessMessageMixin
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from accounts.forms import DeleteAccountForm, LoginForm, RegisterForm
from config.redirects import same_site


def safe_next(request, default):
    return same_site(request, request.POST.get("next") or request.GET.get("next"), default)


def signed_out():
    # account.js sees the marker and removes the diary from this device.
    return redirect(f"{reverse('account')}?signed-out=1")


def account(request):
    return render(request, "accounts/account.html")


@require_http_methods(["GET", "POST"])
def register(request):
    form = RegisterForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, _("Dein Konto ist angelegt. Dein Tagebuch wird jetzt gesichert."))
        return redirect(safe_next(request, reverse_lazy("diary")))
    return render(request, "accounts/register.html", {"form": form})


@require_http_methods(["GET", "POST"])
def login_view(request):
    form = LoginForm(request, request.POST or None)
    if request.method == "POST" and form.is_valid():
        login(request, form.user)
        return redirect(safe_next(request, reverse_lazy("diary")))
    return render(request, "accounts/login.html", {"form": form})


@require_POST
def logout_view(request):
    logout(request)
    messages.success(request, _("Du bist abgemeldet."))
    return signed_out()


@login_required
@require_http_methods(["GET", "POST"])
def delete(request):
    form = DeleteAccountForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        # Deleting the user deletes the diary with it (on_delete=CASCADE): nothing stays behind.
        request.user.delete()
        logout(request)
        messages.success(
            request, _("Dein Konto und alle Tagebuch-Daten auf dem Server sind gelöscht.")
        )
        return signed_out()
    return render(request, "accounts/delete.html", {"form": form})


class PasswordChange(SuccessMessageMixin, auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("account")
    success_message = gettext_lazy("Dein Passwort ist geändert.")


class PasswordReset(auth_views.PasswordResetView):
    template_name = "accounts/password_reset.html"
    email_template_name = "accounts/password_reset_email.txt"
    subject_template_name = "accounts/password_reset_subject.txt"
    success_url = reverse_lazy("password-reset-done")


class PasswordResetDone(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirm(SuccessMessageMixin, auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("login")
    success_message = gettext_lazy("Dein neues Passwort gilt. Melde dich damit an.")
