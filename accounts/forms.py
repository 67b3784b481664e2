from django import forms
from django.contrib.auth import authenticate, get_user_model, password_validation
from django.contrib.auth import forms as auth_forms
from django.core.exceptions import NON_FIELD_ERRORS
from django.utils.translation import gettext_lazy as _

from accounts import lockout, registration

User = get_user_model()


def username_for(email):
    # The e-mail address is the login name; Django's username field holds it, lower-cased.
    return email.strip().lower()


class RegisterForm(forms.Form):
    email = forms.EmailField(label=_("E-Mail-Adresse"), max_length=150)
    password = forms.CharField(
        label=_("Passwort"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("Mindestens 8 Zeichen, nicht nur Ziffern, kein häufiges Passwort."),
    )

    def clean_email(self):
        # Whether the address has an account is not said here: accounts/registration.py.
        return username_for(self.cleaned_data["email"])

    def clean(self):
        cleaned = super().clean()
        if "email" in cleaned and "password" in cleaned:
            user = User(username=cleaned["email"], email=cleaned["email"])
            try:
                password_validation.validate_password(cleaned["password"], user)
            except forms.ValidationError as error:
                self.add_error("password", error)
        return cleaned

    def save(self, request):
        registration.register(request, self.cleaned_data["email"], self.cleaned_data["password"])


UNCONFIRMED = _(
    "Dein Konto ist noch nicht bestätigt. Öffne den Link in der E-Mail, die wir dir geschickt "
    "haben. Keine E-Mail bekommen? Leg das Konto einfach noch einmal an."
)


def unconfirmed(email, password):
    """Only to whoever knows its password: the account waits for its confirmation link."""
    pending = User.objects.filter(username=username_for(email), is_active=False).first()
    return pending is not None and pending.check_password(password)


class LoginForm(forms.Form):
    email = forms.EmailField(label=_("E-Mail-Adresse"), max_length=150)
    password = forms.CharField(
        label=_("Passwort"), widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )

    def __init__(self, request, *args, **kwargs):
        self.request = request
        self.user = None
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        email = cleaned.get("email")
        if not email or "password" not in cleaned:
            return cleaned
        # django-axes (first of AUTHENTICATION_BACKENDS) counts the failures and refuses a
        # locked account-and-client pair before the password is even checked.
        self.user = authenticate(
            self.request, username=username_for(email), password=cleaned["password"]
        )
        if self.user is None:
            if lockout.locked_out(self.request):
                raise forms.ValidationError(lockout.MESSAGE, code="locked_out")
            if unconfirmed(email, cleaned["password"]):
                raise forms.ValidationError(UNCONFIRMED, code="unconfirmed")
            raise forms.ValidationError(_("E-Mail-Adresse oder Passwort stimmen nicht."))
        return cleaned

    @property
    def locked_out(self):
        return self.has_error(NON_FIELD_ERRORS, "locked_out")


def check_current_password(request, user, password, wrong):
    """The current password of a logged-in person, checked like a login: through django-axes,
    so that a session (a phone left unlocked, a stolen cookie) cannot guess it without limit
    either, and these failures count with the login's."""
    if authenticate(request, username=user.get_username(), password=password) == user:
        return password
    if lockout.locked_out(request):
        raise forms.ValidationError(lockout.MESSAGE, code="locked_out")
    raise forms.ValidationError(wrong, code="password_incorrect")


class LockoutAware:
    field = "password"

    @property
    def locked_out(self):
        return self.has_error(self.field, "locked_out")


class PasswordChangeForm(LockoutAware, auth_forms.PasswordChangeForm):
    field = "old_password"

    def __init__(self, request, *args, **kwargs):
        self.request = request
        super().__init__(request.user, *args, **kwargs)

    def clean_old_password(self):
        return check_current_password(
            self.request,
            self.user,
            self.cleaned_data["old_password"],
            self.error_messages["password_incorrect"],
        )


class DeleteAccountForm(LockoutAware, forms.Form):
    password = forms.CharField(
        label=_("Passwort zur Bestätigung"),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, request, *args, **kwargs):
        self.request = request
        self.user = request.user
        super().__init__(*args, **kwargs)

    def clean_password(self):
        return check_current_password(
            self.request, self.user, self.cleaned_data["password"], _("Das Passwort stimmt nicht.")
        )
