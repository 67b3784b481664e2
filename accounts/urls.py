from django.urls import path
from django.utils.translation import gettext_lazy as _

from accounts import views

app_name = "accounts"

urlpatterns = [
    path(_("konto/"), views.account, name="account"),
    path(_("konto/registrieren/"), views.register, name="register"),
    path(_("konto/registrieren/gesendet/"), views.register_sent, name="register-sent"),
    path(_("konto/bestaetigen/<uidb64>/<token>/"), views.confirm, name="confirm"),
    path(_("konto/anmelden/"), views.login_view, name="login"),
    path(_("konto/abmelden/"), views.logout_view, name="logout"),
    path(_("konto/loeschen/"), views.delete, name="delete"),
    path(_("konto/geraete/abmelden/"), views.device_sign_out, name="device-sign-out"),
    path(_("konto/geraete/alle-abmelden/"), views.devices_sign_out, name="devices-sign-out"),
    path(_("konto/passwort/"), views.PasswordChange.as_view(), name="password-change"),
    path(_("konto/passwort-vergessen/"), views.PasswordReset.as_view(), name="password-reset"),
    path(
        _("konto/passwort-vergessen/gesendet/"),
        views.PasswordResetDone.as_view(),
        name="password-reset-done",
    ),
    path(
        _("konto/passwort-neu/<uidb64>/<token>/"),
        views.PasswordResetConfirm.as_view(),
        name="password-reset-confirm",
    ),
]
