"""Krampfhilfe settings: one module, driven by environment variables.

Local defaults (`make run`, `make test`) need no configuration at all; a real deployment sets
SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL and HTTPS=true (see README).
"""

import ipaddress
import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _


def envbool(name, default):
    """A yes/no setting. A typo such as HTTPS=ture stops the start instead of reading as "no"
    (which would silently switch off HTTPS, secure cookies and HSTS)."""
    yes, no = ("1", "true", "yes", "on"), ("0", "false", "no", "off", "")
    value = os.environ.get(name, default).strip().lower()
    if value not in yes + no:
        raise ImproperlyConfigured(
            f"{name}={value!r} is neither true nor false: use true or false "
            "(or 1/0, yes/no, on/off)."
        )
    return value in yes


BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = envbool("DEBUG", "false")
# A published constant key would let anyone forge sessions and password-reset links, so a
# server that is not in DEBUG refuses to start without its own key. `make run`, `make test`
# and the test harness set a local one.
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set it to a long random value (see README, Deploying), "
            "or set DEBUG=true for local development."
        )
    SECRET_KEY = "local-development-only-not-secret"  # noqa: S105 (DEBUG only)
ALLOWED_HOSTS = os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost").split(",")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "knox",
    "axes",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "pwa",
    "firstaid",
    "diary",
    "accounts",
    "shell",  # after the apps whose pages it stores: the first one is the home page
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # After WhiteNoise, which serves its own pre-compressed files: this compresses the pages
    # (brotli for public pages, else gzip; core/compression.py says why).
    "core.compression.CompressionMiddleware",
    "core.csp.content_security_policy",
    "core.permissions.permissions_policy",
    "core.no_store.no_store",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks; our views answer lockouts themselves (accounts/lockout.py).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "firstaid.context_processors.country",
                "firstaid.context_processors.disclaimer",
                "firstaid.context_processors.cookie_age",
            ],
        },
    },
]

WSGI_APPLICATION = "config.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}", conn_max_age=600
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# German first; English second. URLs carry the language (/de/…, /en/…) so that the
# service worker can cache both languages side by side and switch between them offline.
LANGUAGE_CODE = "de"
LANGUAGES = [("de", "Deutsch"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "core.finders.AppDirectoriesFinder",  # without django-pwa's unused images and fonts
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "core.storage.StaticStorage"},
}
# Hashed names are cached "forever"; everything else is revalidated.
WHITENOISE_MAX_AGE = 3600

# Security. HTTPS=true in production turns on the transport-level settings.
HTTPS = envbool("HTTPS", "false")
SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
LANGUAGE_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = 31536000 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if HTTPS else None
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o]
CSRF_FAILURE_VIEW = "core.views.csrf_failure"
# How long the phone remembers a choice (language, country, night mode): the server sets its
# cookies with it and the pages' scripts read it from <html data-cookie-age>.
PREFERENCE_COOKIE_AGE = 365 * 24 * 3600
LANGUAGE_COOKIE_AGE = PREFERENCE_COOKIE_AGE

# The database cache is shared by all worker processes.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "krampfhilfe_cache",
    },
    # Rendered pages that change only with a deploy (firstaid.views.redflags): a few per
    # language and country, kept in each worker's memory, where a hit costs no query.
    "pages": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "krampfhilfe_pages",
        "TIMEOUT": None,
    },
}

# Password guessing (django-axes): 5 failures lock an account for 15 minutes after the last
# failure, counted per account and device (accounts/lockout.py): a device that logged in before
# (a signed cookie says so) counts alone, every other device shares one count per account. So
# guesses lock the account for new devices, never on the person's own phone, whoever shares
# its address. Failures during the lockout do not extend it; a success resets the count. The
# login form, the token endpoint, the password change and the account deletion all count.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_USERNAME_CALLABLE = "accounts.lockout.failure_key"
AXES_RESET_ON_SUCCESS = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_CALLABLE = "accounts.lockout.keep_response"
AXES_CLIENT_IP_CALLABLE = "accounts.lockout.client_address"
AXES_DISABLE_ACCESS_LOG = True  # successful logins of a health app are nobody's business
# Axes keeps the form data of a failure: never the address or any of the forms' passwords.
AXES_SENSITIVE_PARAMETERS = [
    "username",
    "email",
    "ip_address",
    "old_password",
    "new_password1",
    "new_password2",
]
AXES_VERBOSE = False
# axes.W006 asks for the IP address among the lockout parameters, lest rotating user agents or
# cookies escape the count. Here neither can: a device cookie counts alone only if we signed it
# for that account at a successful login, and everything else shares the account's count
# (tests/accounts/test_lockout.py). An address in the count would bring back the lockout that
# anyone behind the same carrier NAT can cause.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]


def proxy_networks(value):
    networks = [part.strip() for part in value.split(",") if part.strip()]
    for network in networks:
        try:
            ipaddress.ip_network(network, strict=False)
        except ValueError:
            raise ImproperlyConfigured(
                f"TRUSTED_PROXIES: {network!r} is not an IP address or network. List the "
                "addresses the proxies connect from, e.g. TRUSTED_PROXIES=127.0.0.1 or "
                "10.0.0.0/8 (no longer their number)."
            ) from None
    return networks


# Behind a reverse proxy every request comes from the proxy's address. TRUSTED_PROXIES lists
# the addresses (or networks) the proxies connect from; only a request from one of them has its
# client taken from X-Forwarded-For (accounts/lockout.py), so a client that reaches the app
# directly cannot forge it. Empty by default: no proxy is trusted.
TRUSTED_PROXIES = proxy_networks(os.environ.get("TRUSTED_PROXIES", ""))

# Per-device API tokens (django-rest-knox): stored hashed, valid for 30 days after their last
# use and at most a year, ended by logout, password change or reset and account deletion.
# knox's own migrations create its table even when the model is swapped for ours; a table that
# no model owns would block the test database's flush on PostgreSQL (a foreign key to users).
MIGRATION_MODULES = {"knox": None}
KNOX_TOKEN_MODEL = "accounts.DeviceToken"  # noqa: S105 (a model, not a secret)
REST_KNOX = {
    "TOKEN_MODEL": KNOX_TOKEN_MODEL,
    "TOKEN_TTL": timedelta(days=30),
    "AUTO_REFRESH": True,
    "AUTO_REFRESH_MAX_TTL": timedelta(days=365),
    "MIN_REFRESH_INTERVAL": 3600,
    "AUTH_HEADER_PREFIX": "Token",
}

LOGIN_URL = "accounts:login"
PASSWORD_RESET_TIMEOUT = 24 * 3600
# Password-reset mail goes to the console unless an SMTP server is configured.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", "true")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Krampfhilfe <noreply@localhost>")

REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    # Every JSON body goes through one parser with a size and a nesting limit.
    "DEFAULT_PARSER_CLASSES": [
        "core.parsers.LimitedJSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    # Token first, so that an unauthenticated request gets 401 with WWW-Authenticate.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "accounts.auth.DeviceTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "core.exceptions.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Krampfhilfe API",
    "DESCRIPTION": "First aid content, red-flag triage and the pain diary's sync.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # at_least and ask_next of a triage answer share one set of tiers: one name for it.
    "ENUM_NAME_OVERRIDES": {"RedFlagTierEnum": "firstaid.content.TIERS"},
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "core.openapi.add_error_responses",
    ],
}

# django-pwa: only the manifest and its meta tags; the service worker and the offline page
# are the shell app's (docs/architecture.md).
PWA_APP_NAME = "Krampfhilfe"
PWA_APP_DESCRIPTION = _("Erste Hilfe bei akutem Rückenkrampf, auch ohne Netz.")
PWA_APP_THEME_COLOR = "#b4531b"
PWA_APP_BACKGROUND_COLOR = "#fffaf5"
PWA_APP_DISPLAY = "standalone"
PWA_APP_SCOPE = "/"
PWA_APP_START_URL = "/"
PWA_APP_ORIENTATION = "any"
PWA_APP_STATUS_BAR_COLOR = "default"
PWA_APP_DIR = "ltr"
PWA_APP_LANG = "de"
PWA_APP_DEBUG_MODE = False

# First-aid content (tests point this at a copy to prove that updates reach old clients).
FIRSTAID_CONTENT_DIR = Path(
    os.environ.get("FIRSTAID_CONTENT_DIR", BASE_DIR / "firstaid" / "content")
)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
