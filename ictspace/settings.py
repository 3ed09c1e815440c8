"""The one settings module. Every knob is an environment variable; see docs/deployment.md."""

import json
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent
VAR_DIR = Path(os.environ.get("ICTSPACE_VAR_DIR", PROJECT_DIR / "var"))


def envstr(name: str, default: str | None = None) -> str | None:
    """A string from NAME, or from the file named by NAME_FILE (for secrets)."""
    file_name = os.environ.get(f"{name}_FILE")
    if file_name:
        return Path(file_name).read_text(encoding="utf-8").strip()
    return os.environ.get(name, default)


def envbool(name: str, default: str) -> bool:
    value = envstr(name, default)
    if value not in ("true", "false", "True", "False"):
        raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")
    return value in ("true", "True")


def envint(name: str, default: str) -> int:
    value = envstr(name, default)
    try:
        return int(value)
    except (TypeError, ValueError):
        raise ImproperlyConfigured(f"{name} must be an integer, not {value!r}") from None


def envlist(name: str, default: str) -> list[str]:
    return [part.strip() for part in (envstr(name, default) or "").split(",") if part.strip()]


def envdict(name: str, default: str = "{}") -> dict:
    """A JSON object from NAME (or NAME_FILE, for options that hold secrets)."""
    try:
        value = json.loads(envstr(name, default) or default)
    except json.JSONDecodeError as error:
        raise ImproperlyConfigured(f"{name} must be a JSON object: {error}") from None
    if not isinstance(value, dict):
        raise ImproperlyConfigured(f"{name} must be a JSON object, not {value!r}")
    return value


def envnetworks(name: str, default: str = "") -> list:
    """Addresses or networks (CIDR) from NAME, comma-separated; refused if malformed."""
    import ipaddress

    try:
        return [ipaddress.ip_network(part, strict=False) for part in envlist(name, default)]
    except ValueError as error:
        raise ImproperlyConfigured(f"{name}: {error}") from None


DEBUG = envbool("ICTSPACE_DEBUG", "false")
# A demonstration instance: banner on every page, demo accounts, MFA enrolment optional.
DEMO = envbool("ICTSPACE_DEMO", "false")

SECRET_KEY = envstr("SECRET_KEY")
if not SECRET_KEY:
    if not (DEBUG or DEMO):
        raise ImproperlyConfigured("SECRET_KEY (or SECRET_KEY_FILE) is required in production")
    # A fixed, public key: only acceptable because debug/demo instances hold no real data.
    SECRET_KEY = "insecure-demo-key-never-use-in-production-ictspace"  # noqa: S105

ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "127.0.0.1,localhost" if (DEBUG or DEMO) else "")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", "")
SITE_NAME = envstr("ICTSPACE_SITE_NAME", "ICT Space Monitor")
# The address users reach the platform at: links in e-mails sent by background tasks.
SITE_URL = envstr("ICTSPACE_SITE_URL", "http://127.0.0.1:8000")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django_tasks",
    "django_tasks_db",
    "ictspace.charts",
    "ictspace.accounts",
    "ictspace.audit",
    "ictspace.directory",
    "ictspace.catalogue",
    "ictspace.review",
    "ictspace.tracking",
    "ictspace.indicators",
    "ictspace.scheduling",
    "ictspace.governance",
    "ictspace.portal",
    "ictspace.backup",
    "ictspace.tokens",
    "ictspace.releases",
    "ictspace.publicreports",
    "ictspace.sharing",
    "ictspace.demo",
    "ictspace.reports",
    "rest_framework",
    "drf_spectacular",
    "ictspace.api",
    "ictspace.languages",
]

MIDDLEWARE = [
    # First, as Django's documentation asks: it compresses what every later layer answers.
    # Its responses carry random padding (Django >= 4.2), the BREACH mitigation.
    "django.middleware.gzip.GZipMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "ictspace.headers.SecurityHeadersMiddleware",
    "ictspace.nul.RefuseNulCharactersMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "ictspace.accounts.middleware.RequireMFAMiddleware",
]

ROOT_URLCONF = "ictspace.urls"
WSGI_APPLICATION = "ictspace.wsgi.application"

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
                "ictspace.portal.context.platform",
                "ictspace.portal.context.nav_counts",
            ],
            # The one date style, usable in every template without {% load %}.
            "builtins": [
                "ictspace.portal.templatetags.when",
                "ictspace.catalogue.templatetags.plain",
                "ictspace.audit.templatetags.audit_words",
            ],
        },
    },
]

DATABASE_URL = envstr("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'ictspace.sqlite3'}"
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The same backend, plus `PRAGMA optimize` before each connection closes (issue 17).
    DATABASES["default"]["ENGINE"] = "ictspace.dbbackends.sqlite3"
    # WAL lets the web server and the task worker read while the other writes.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "portal:home"
ACCOUNT_LOGOUT_REDIRECT_URL = "portal:home"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_ADAPTER = "ictspace.accounts.adapter.AccountAdapter"
# The sign-in e-mail is always a verified address: accounts are opened with theirs
# (do_create_user), and a change needs a fresh sign-in and a code sent to the new
# address; until then the old address stays the login.
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_EMAIL_VERIFICATION_BY_CODE_ENABLED = True
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_REAUTHENTICATION_REQUIRED = True
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_SESSION_REMEMBER = False
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes", "webauthn"]
MFA_TOTP_ISSUER = SITE_NAME
# Accept the code of the adjacent 30-second step: phone clocks drift and a slow link can
# deliver a code after its step has ended. Used codes are still refused a second time.
MFA_TOTP_TOLERANCE = 1
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = DEBUG or DEMO

TASKS = {"default": {"BACKEND": envstr("ICTSPACE_TASK_BACKEND", "django_tasks_db.DatabaseBackend")}}

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("fr", _("French")), ("nl", _("Dutch")), ("es", _("Spanish"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# The switcher's choice outlives the browser session (Django's default ends with it).
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
LANGUAGE_COOKIE_SAMESITE = "Lax"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
# `make run` and production serve `collectstatic`'s output; a bare debug server need not.
STATIC_COLLECTED = envbool("ICTSPACE_STATIC_COLLECTED", "false" if DEBUG else "true")
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Evidence and uploads, stored by SHA-256 (ictspace.files.storage). The file system
    # under MEDIA_ROOT unless another backend of Django's storage API is named, e.g. an
    # S3-compatible object store (docs/deployment.md).
    "private": {
        "BACKEND": envstr(
            "ICTSPACE_PRIVATE_STORAGE_BACKEND", "django.core.files.storage.FileSystemStorage"
        ),
        "OPTIONS": envdict("ICTSPACE_PRIVATE_STORAGE_OPTIONS"),
    },
    "staticfiles": {
        # Collected files have hashed names and compressed twins, served with far-future
        # cache headers; only a developer's server reads them straight from the apps.
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if STATIC_COLLECTED
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = not STATIC_COLLECTED
# Uploaded evidence is private: it lives outside any served directory and is only
# streamed through permission-checked views.
MEDIA_ROOT = VAR_DIR / "private"
FILE_UPLOAD_HANDLERS = [
    "ictspace.files.uploads.UploadSizeLimit",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
MEDIA_URL = "/no-public-media/"  # no URL route serves it; no web server should either

SECURE = envbool("ICTSPACE_HTTPS", "false")
SESSION_COOKIE_SECURE = SECURE
CSRF_COOKIE_SECURE = SECURE
LANGUAGE_COOKIE_SECURE = SECURE
SECURE_SSL_REDIRECT = SECURE
SECURE_HSTS_SECONDS = 31536000 if SECURE else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE
SECURE_HSTS_PRELOAD = SECURE
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if SECURE else None
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = envint("ICTSPACE_SESSION_SECONDS", str(8 * 3600))
# The Secretariat's home lists the states whose last validated status is older than this.
NOT_REPORTED_AFTER_DAYS = envint("ICTSPACE_NOT_REPORTED_AFTER_DAYS", "90")
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# The client's address, for rate limits and the audit of failed sign-ins: the proxy's
# header (e.g. X-Forwarded-For) is believed only from the proxies named here; without
# them every user would share the proxy's address and one attacker would lock out all.
TRUSTED_PROXY_HEADER = envstr("ICTSPACE_TRUSTED_PROXY_HEADER", "") or ""
TRUSTED_PROXIES = envnetworks("ICTSPACE_TRUSTED_PROXIES")
if TRUSTED_PROXY_HEADER and not TRUSTED_PROXIES:
    raise ImproperlyConfigured(
        "ICTSPACE_TRUSTED_PROXY_HEADER needs ICTSPACE_TRUSTED_PROXIES: the proxies it comes from"
    )

# One cache for every worker process: rate-limit counters and used TOTP codes must be
# shared, or each worker would count (and accept) on its own. `ictspace createcachetable`.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "ictspace_cache",
    }
}
# Failed sign-ins: per account (stops guessing one password, from anywhere) and, looser,
# per client address (stops one machine spraying many accounts) — never per proxy.
ACCOUNT_RATE_LIMITS = {
    "login_failed": envstr("ICTSPACE_LOGIN_FAILED_LIMITS", "30/10m/ip,5/15m/key"),
    # The public reporting form, per client address (the same counters as sign-ins).
    "public_report": envstr("ICTSPACE_PUBLIC_REPORT_LIMITS", "5/1h/ip,20/1d/ip"),
}
# Reports from the public are deleted this many days after they arrive (their monthly
# counts stay); the scheduler's daily job `publicreports.purge` does it.
ICTSPACE_PUBLIC_REPORT_RETENTION_DAYS = envint("ICTSPACE_PUBLIC_REPORT_RETENTION_DAYS", "365")
if ICTSPACE_PUBLIC_REPORT_RETENTION_DAYS < 1:  # 0 would delete each report the day it came
    raise ImproperlyConfigured("ICTSPACE_PUBLIC_REPORT_RETENTION_DAYS must be at least 1")

EMAIL_BACKEND = envstr("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = envstr("DEFAULT_FROM_EMAIL", "ictspace@localhost")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": envstr("ICTSPACE_LOG_LEVEL", "INFO")},
}


# Open platform: the licence stated on every release and download; the REST API.
ICTSPACE_OPEN_DATA_LICENCE = envstr("ICTSPACE_OPEN_DATA_LICENCE", "CC BY 4.0")
ICTSPACE_OPEN_DATA_LICENCE_URL = envstr(
    "ICTSPACE_OPEN_DATA_LICENCE_URL", "https://creativecommons.org/licenses/by/4.0/"
)
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # The token first: an anonymous write is then told how to authenticate (401).
        "ictspace.api.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["ictspace.api.permissions.TokenScope"],
    "DEFAULT_PAGINATION_CLASS": "ictspace.api.pagination.Cursor",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "ictspace.api.problems.handler",
    "DEFAULT_THROTTLE_CLASSES": ["ictspace.api.throttles.PerToken"],
    "DEFAULT_THROTTLE_RATES": {"token": envstr("ICTSPACE_API_RATE", "600/min")},
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [
        "rest_framework.parsers.JSONParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "ICT Space Monitor API",
    "DESCRIPTION": "The platform's data as the signed-in user or API token may see it.",
    "VERSION": "1",
    "OAS_VERSION": "3.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
}
