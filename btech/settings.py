"""Settings, all from the environment.

One file. Every value that differs between a laptop, CI and production is read from an
environment variable through the helpers in btech.env, which stop start-up with a clear
message when a value is malformed. `make run` and `make test` set DATABASE_URL and
REDIS_URL to the embedded servers unless they are already set (btech/embedded.py).
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
import django_stubs_ext
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from btech.env import (
    env_bool,
    env_choice,
    env_int,
    env_int_list,
    env_list,
    env_networks,
    env_str,
    env_time_zone,
    env_weekday,
)

# Lets the classes that django-stubs declares generic be subscripted where a class is
# defined (admin.ModelAdmin[Communication], forms.ModelForm[Communication]), so mypy
# --strict knows each admin's and form's model. Django itself makes only a few of them
# subscriptable (QuerySet, Manager, ForeignKey); this adds a __class_getitem__ that
# returns the class unchanged, and must run before any admin or form module is
# imported, hence here. One spelling everywhere, rather than a TYPE_CHECKING alias
# beside every class; the reason django-stubs-ext is a runtime dependency.
django_stubs_ext.monkeypatch()

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(env_str("BTECH_DATA_DIR", str(BASE_DIR / ".data" / "dev")))

DEBUG = env_bool("DEBUG", default=False)

if DEBUG:
    SECRET_KEY = env_str("SECRET_KEY", "insecure-development-key-" + "x" * 40)
else:
    SECRET_KEY = env_str("SECRET_KEY")
    if len(SECRET_KEY) < 50:
        raise ImproperlyConfigured("SECRET_KEY must be at least 50 characters in production")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_URL = env_str("SITE_URL", "http://localhost:8000").rstrip("/")
# Every link in an email and a calendar feed starts with it: a bad one is found here, not
# by the recipient of a reminder.
if urlsplit(SITE_URL).scheme not in {"http", "https"} or not urlsplit(SITE_URL).netloc:
    raise ImproperlyConfigured(f"SITE_URL={SITE_URL!r} must be an http:// or https:// address, "
                               "e.g. https://tracker.example.org")

INSTALLED_APPS = [
    # pghistory.admin must come before django.contrib.admin to override its templates.
    "pghistory.admin",
    # Django's admin on btech.admin_site.TrackerAdminSite: it refuses query strings
    # that no list page can use before they reach the database.
    "btech.admin_apps.TrackerAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "pgtrigger",
    "pghistory",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    # Swagger UI's files, served from here: the docs page loads nothing from a CDN.
    "drf_spectacular_sidecar",
    "django_countries",
    # The Content-Security-Policy header and its per-request nonce.
    "csp",
    # Locks out repeated failed sign-ins (settings under "Auth" below).
    "axes",
    "accounts",
    "mandates",
    "companies",
    "engagements",
    "reminders",
    "topics",
    "webhooks",
    "publication",
    "calls",
    "dialogues",
    "search",
    "btech.api",
    "imports",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Content-Security-Policy on every answer (see "Security" below).
    "csp.middleware.CSPMiddleware",
    # A 503 page (JSON under /api/ and /health/) when PostgreSQL cannot be reached;
    # inside the CSP middleware, so that page has the policy too.
    "btech.middleware.DatabaseUnavailableMiddleware",
    # Serves the static files: collected ones in production, straight from the apps'
    # folders in DEBUG (WHITENOISE_USE_FINDERS below), where gunicorn serves `make run`.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # After WhiteNoise, which answers for static files before this sees them: those may
    # be cached, while everything answered to a signed-in person may not.
    "btech.middleware.PrivateCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The language of the request (btech/i18n.py): after the session, and before
    # CommonMiddleware, whose added slash must find /fr/public in French.
    "btech.i18n.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # A signed-in person's chosen language, once the user is known.
    "btech.i18n.UserLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Records who made each change, and from which URL, with every history event.
    "pghistory.middleware.HistoryMiddleware",
    # Last, as django-axes asks: turns a locked-out sign-in into its lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "btech.urls"
# Django's traceback page (DEBUG), made cheap when the database is down (the 503 replaces
# it: btech/middleware.py).
DEFAULT_EXCEPTION_REPORTER = "btech.middleware.ExceptionReporter"
WSGI_APPLICATION = "btech.wsgi.application"

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
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", "postgresql://localhost/btech"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60, minimum=0),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
    raise ImproperlyConfigured("DATABASE_URL must be a postgresql:// URL")
# A database that is down or frozen must answer a request with a 503 in seconds, not
# hold it (and the server's threads) for ever: a connection attempt gives up after
# DATABASE_CONNECT_TIMEOUT seconds, and the server cancels any statement running longer
# than DATABASE_STATEMENT_TIMEOUT seconds (waiting for a lock included); 0 turns it off.
# (A server frozen outright, its process stopped, cannot cancel anything: a request
# already waiting on it waits until the server resumes or the connection breaks.)
_statement_timeout = env_int("DATABASE_STATEMENT_TIMEOUT", 30, minimum=0,
                             maximum=24 * 60 * 60)
DATABASES["default"].setdefault("OPTIONS", {}).update({
    "connect_timeout": env_int("DATABASE_CONNECT_TIMEOUT", 5, minimum=2, maximum=600),
    **({"options": f"-c statement_timeout={_statement_timeout * 1000}"}
       if _statement_timeout else {}),
})
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Redis: Celery broker and the cache -----------------------------------------------
REDIS_URL = env_str("REDIS_URL", "redis://localhost:6379/0")


def _redis_client_url(url: str, db: int) -> str:
    """A redis-py URL for database `db`, from a Celery-style REDIS_URL."""
    parts = urlsplit(url)
    if parts.scheme == "redis+socket":
        return f"unix://{parts.path}?db={db}"
    if parts.scheme in {"redis", "rediss"}:
        return f"{parts.scheme}://{parts.netloc}/{db}"
    raise ImproperlyConfigured(f"REDIS_URL={url!r} must start with redis://, rediss:// "
                               "or redis+socket://")


def _redis_broker_url(url: str, db: int) -> str:
    """REDIS_URL with Celery's database set to `db` (0 leaves the URL as given)."""
    if db == 0:
        return url
    parts = urlsplit(url)
    if parts.scheme == "redis+socket":
        return f"{url.split('?', 1)[0]}?virtual_host={db}"
    return f"{parts.scheme}://{parts.netloc}/{db}"


# The broker in Redis database 0 and the cache in 1. When the test suite runs in
# parallel processes (pytest-xdist names each "gwN"), process N takes databases 2N and
# 2N+1, so that one process's cache.clear() or queue purge never touches another's.
_redis_pair = 2 * int(os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw") or 0)


CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": _redis_client_url(REDIS_URL, _redis_pair + 1),
        "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "btech"),
        # A cached page answers in a millisecond; a Redis that does not answer within
        # these is treated as down and the page computed without it (list_cache.py).
        "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
    }
}

CELERY_BROKER_URL = _redis_broker_url(REDIS_URL, _redis_pair)
CELERY_TASK_IGNORE_RESULT = True
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A worker that loses Redis keeps trying to reconnect for as long as it takes (Celery's
# default gives up after 100 attempts, about an hour, and the worker exits).
CELERY_BROKER_CONNECTION_MAX_RETRIES = None
CELERY_TIMEZONE = "UTC"
CELERY_BEAT_SCHEDULE: dict[str, dict[str, object]] = {}
# With Redis, a message not acknowledged within the visibility timeout is handed to another
# worker. Our tasks run minutes at most (their time limits) and nothing is queued with an
# eta/countdown, so the default hour is far above anything we do; stated here on purpose.
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
# With late acknowledgement, a worker holds only the message it is running: a worker that
# dies hands back one message, and a long batch does not starve the other workers.
CELERY_WORKER_PREFETCH_MULTIPLIER = 1

# --- Auth -----------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
# History context (who, from which URL) is attached to requests that may write; reads
# write nothing, and attaching it costs every query of every page.
PGHISTORY_MIDDLEWARE_METHODS = ("POST", "PUT", "PATCH", "DELETE")
# pghistory's events list, with its event-model filter checked (btech/admin_site.py).
PGHISTORY_ADMIN_CLASS = "btech.admin_site.HistoryEventsAdmin"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
AUTHENTICATION_BACKENDS = [
    # First, so that a locked-out address or account is refused before the password
    # is even checked.
    "accounts.backends.LockoutBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Five failed sign-ins lock the account, and separately the address, for a while.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = env_int("AXES_COOLOFF_MINUTES", 15, minimum=1) / 60  # hours
# "a+b" locks the pair only. An office whose staff share one public address may prefer
# AXES_LOCKOUT_PARAMETERS=username,username+ip_address so one typist cannot lock them all.
AXES_LOCKOUT_PARAMETERS = [
    item.split("+") if "+" in item else item
    for item in env_list("AXES_LOCKOUT_PARAMETERS", ["username", "ip_address"])
]
# A successful sign-in clears the failures against that account only, not those of
# everyone tried from the same address (accounts.lockout.LockoutHandler).
AXES_RESET_ON_SUCCESS = True
AXES_HANDLER = "accounts.lockout.LockoutHandler"
AXES_LOCKOUT_CALLABLE = "accounts.lockout.lockout_response"  # JSON for the API
AXES_SENSITIVE_PARAMETERS = ["password"]
if env_bool("BEHIND_TLS_PROXY", default=False):
    # The client's address is the first X-Forwarded-For entry added by our proxy.
    AXES_IPWARE_PROXY_COUNT = 1
    AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24  # a reset link works for a day
# The password given to the demo accounts when `seed_demo` first creates them; empty: a
# random one, printed once. (Django's error reports hide settings named *PASS*.)
BTECH_DEMO_PASSWORD = env_str("BTECH_DEMO_PASSWORD", "")

# --- Time and language ----------------------------------------------------------------
# English is the reference: every string is written in it, and a missing translation
# falls back to it. How a page, the API and an email choose theirs: btech/i18n.py.
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("fr", _("French")),
    ("es", _("Spanish")),
]
USE_I18N = True
# The translations (locale/<language>/LC_MESSAGES/django.po), compiled to .mo files by
# `make` (python -m btech.translations compile), never committed.
LOCALE_PATHS = [BASE_DIR / "locale"]
# English dates as the product writes them, "13 May 2026" (btech/formats/en/formats.py);
# French and Spanish keep Django's own: "13 mai 2026", "13 de mayo de 2026".
FORMAT_MODULE_PATH = ["btech.formats"]
# The switcher's cookie: the language of a visitor, and of a person who has not chosen
# one in their profile. Only the server reads it.
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
USE_TZ = True  # instants are stored in UTC
TIME_ZONE = "Europe/Zurich"  # how instants are shown
# The office calendar: deadlines and "today" are Geneva dates (btech/office_time.py).
BTECH_OFFICE_TIME_ZONE = env_time_zone("BTECH_OFFICE_TIME_ZONE", "Europe/Zurich")

# Upper bounds for counts of days and of seconds below: far beyond any sensible value,
# and far below the values that push a date off the calendar (an OverflowError on every
# page or pass, long after start-up).
_YEAR_IN_DAYS = 365
_DAY_IN_SECONDS = 24 * 60 * 60

# --- The 60-day clock -----------------------------------------------------------------
BTECH_REPLY_WINDOW_DAYS = 60  # the mandated period; also when a letter becomes public
BTECH_DUE_SOON_DAYS = env_int("BTECH_DUE_SOON_DAYS", 14, minimum=0, maximum=_YEAR_IN_DAYS)
BTECH_MAX_UPLOAD_BYTES = env_int("BTECH_MAX_UPLOAD_BYTES", 20 * 1024 * 1024, minimum=1024)

# --- Reminders and escalation (reminders/) ----------------------------------------------
# The default schedule; a company can have its own (Reminders › Company reminder schedules).
BTECH_REMINDER_DAYS_BEFORE_DUE = env_int_list("BTECH_REMINDER_DAYS_BEFORE_DUE", [30, 14, 7, 2],
                                              minimum=1, maximum=_YEAR_IN_DAYS)
BTECH_REMINDER_ON_DUE_DATE = env_bool("BTECH_REMINDER_ON_DUE_DATE", default=True)
BTECH_REMINDER_FIRST_OVERDUE_AFTER_DAYS = env_int(
    "BTECH_REMINDER_FIRST_OVERDUE_AFTER_DAYS", 1, minimum=1, maximum=_YEAR_IN_DAYS)
BTECH_REMINDER_OVERDUE_EVERY_DAYS = env_int("BTECH_REMINDER_OVERDUE_EVERY_DAYS", 7, minimum=1,
                                            maximum=_YEAR_IN_DAYS)
# How often beat runs the planner; the health check fails after two intervals without one.
# At least daily: steps fall on dates.
BTECH_REMINDER_PLAN_EVERY_SECONDS = env_int("BTECH_REMINDER_PLAN_EVERY_SECONDS", 300,
                                            minimum=10, maximum=_DAY_IN_SECONDS)
BTECH_REMINDER_PLAN_BATCH_SIZE = 1000  # letters locked and planned per transaction
BTECH_REMINDER_SEND_BATCH_SIZE = 20  # emails per delivery task (one SMTP session)
# At most 100 only so that the power below stays small; the check on the wait is the rule.
BTECH_REMINDER_MAX_ATTEMPTS = env_int("BTECH_REMINDER_MAX_ATTEMPTS", 5, minimum=1, maximum=100)
BTECH_REMINDER_RETRY_BASE_SECONDS = env_int("BTECH_REMINDER_RETRY_BASE_SECONDS", 60, minimum=1)
# The wait before the last attempt is base × 4^(attempts - 2) (reminders.services.backoff),
# which grows fast: from 60 s, 10 attempts wait 45 days before the last one, and 18 run
# past the year 9999, so that recording the error crashes the delivery task instead.
_last_retry_wait = (BTECH_REMINDER_RETRY_BASE_SECONDS
                    * 4 ** max(BTECH_REMINDER_MAX_ATTEMPTS - 2, 0))
if _last_retry_wait > 30 * _DAY_IN_SECONDS:
    raise ImproperlyConfigured(
        f"BTECH_REMINDER_MAX_ATTEMPTS={BTECH_REMINDER_MAX_ATTEMPTS} with "
        f"BTECH_REMINDER_RETRY_BASE_SECONDS={BTECH_REMINDER_RETRY_BASE_SECONDS} waits "
        f"{_last_retry_wait // _DAY_IN_SECONDS} days before the last attempt; the wait may "
        "be at most 30 days (with 60 s, at most 9 attempts)")
# A claimed row belongs to its worker this long, renewed every third of it while the
# email is being sent (so a slow mail server never gets a row overtaken): short, so that
# a killed worker's rows soon go out again.
BTECH_REMINDER_LEASE_SECONDS = env_int("BTECH_REMINDER_LEASE_SECONDS", 60, minimum=3,
                                       maximum=_DAY_IN_SECONDS)
# A pending row nobody has claimed for this long is queued again by the next pass.
BTECH_REMINDER_REQUEUE_AFTER_SECONDS = env_int("BTECH_REMINDER_REQUEUE_AFTER_SECONDS", 120,
                                               minimum=0, maximum=_DAY_IN_SECONDS)
BTECH_REMINDER_REQUEUE_LIMIT = 5000
# The staff digest goes out on this day: 0 (Monday) to 6, or its name (monday, mon).
BTECH_DIGEST_WEEKDAY = env_weekday("BTECH_DIGEST_WEEKDAY", 0)
# Working days (Monday to Friday, in Geneva) a company has to acknowledge a new letter
# before its leads are reminded; after twice as many, its senior executives are told.
BTECH_ACKNOWLEDGE_WITHIN_DAYS = env_int("BTECH_ACKNOWLEDGE_WITHIN_DAYS", 5, minimum=1,
                                        maximum=30)
BTECH_DIGEST_DUE_WITHIN_DAYS = 14
# The mandate directory flags a term that ends within this many months ("term ends in
# 3 months") when no successor or renewal is recorded yet.
BTECH_TERM_END_NOTICE_MONTHS = env_int("BTECH_TERM_END_NOTICE_MONTHS", 6, minimum=0,
                                       maximum=36)
BTECH_DIGEST_LETTERS_PER_COMPANY = 25
# The apps that react to letters (notices, timeline, admin rows, webhook events), in
# order: engagements/hooks.py.
BTECH_LETTER_HOOKS = ["reminders.hooks.ReminderLetterHooks", "webhooks.hooks.WebhookLetterHooks"]
# Follow-up actions (dialogues/reminders.py): their owner is reminded this many days
# before the due date, and once the day after it.
BTECH_ACTION_REMIND_DAYS_BEFORE = env_int("BTECH_ACTION_REMIND_DAYS_BEFORE", 7, minimum=1,
                                          maximum=90)
CELERY_BEAT_SCHEDULE["reminders-plan"] = {
    "task": "reminders.plan",
    "schedule": float(BTECH_REMINDER_PLAN_EVERY_SECONDS),
    # A pass not started within its interval is dropped: the next one does its work.
    "options": {"expires": float(BTECH_REMINDER_PLAN_EVERY_SECONDS)},
}
# The search reads uploaded PDFs as soon as they are stored (reminders/queue.py); this
# run catches any whose message was lost (a broker outage at upload).
CELERY_BEAT_SCHEDULE["search-extract-text"] = {
    "task": "search.extract_text", "schedule": 600.0, "options": {"expires": 600.0},
}

# --- Webhooks (webhooks/) --------------------------------------------------------------
# Plain http:// endpoints are accepted only for this machine (localhost, 127.0.0.1, ::1),
# and only where this is on: development. Everywhere else, https:// only.
BTECH_WEBHOOK_ALLOW_HTTP_LOOPBACK = env_bool("BTECH_WEBHOOK_ALLOW_HTTP_LOOPBACK", default=DEBUG)
# Events go only to public addresses; these networks are allowed besides (private,
# loopback, link-local...): say, "10.20.0.0/16" for OHCHR's own archive. Development
# allows this machine.
BTECH_WEBHOOK_ALLOWED_NETWORKS = env_networks(
    "BTECH_WEBHOOK_ALLOWED_NETWORKS", ["127.0.0.0/8", "::1/128"] if DEBUG else [])
# Each attempt gives up after this long (and counts as a failure to retry).
BTECH_WEBHOOK_TIMEOUT_SECONDS = env_int("BTECH_WEBHOOK_TIMEOUT_SECONDS", 10, minimum=1,
                                        maximum=10)
# Attempts before a delivery is marked failed, the first wait between them doubling
# twice each time: from 30 s, 8 attempts span about 45 hours (30 s, 2, 8, 32 min, 2 h,
# 8.5 h, 34 h).
BTECH_WEBHOOK_MAX_ATTEMPTS = env_int("BTECH_WEBHOOK_MAX_ATTEMPTS", 8, minimum=1, maximum=12)
BTECH_WEBHOOK_RETRY_BASE_SECONDS = env_int("BTECH_WEBHOOK_RETRY_BASE_SECONDS", 30, minimum=1)
_last_webhook_wait = (BTECH_WEBHOOK_RETRY_BASE_SECONDS
                      * 4 ** max(BTECH_WEBHOOK_MAX_ATTEMPTS - 2, 0))
if _last_webhook_wait > 30 * _DAY_IN_SECONDS:
    raise ImproperlyConfigured(
        f"BTECH_WEBHOOK_MAX_ATTEMPTS={BTECH_WEBHOOK_MAX_ATTEMPTS} with "
        f"BTECH_WEBHOOK_RETRY_BASE_SECONDS={BTECH_WEBHOOK_RETRY_BASE_SECONDS} waits "
        f"{_last_webhook_wait // _DAY_IN_SECONDS} days before the last attempt; the wait may "
        "be at most 30 days")
# The calendar's events (due soon, overdue, published) missed while the planner was not
# running are caught up for this many days, no further back.
BTECH_WEBHOOK_CATCH_UP_DAYS = 7

# --- Files ----------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
# In DEBUG, WhiteNoise finds files where they are and sees edits at once: no collectstatic.
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# Uploaded letters are confidential: MEDIA_ROOT is never served as a URL. Files are
# streamed by views that apply the visibility rule first.
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(DATA_DIR / "media")))
FILE_UPLOAD_PERMISSIONS = 0o640

# --- Email ----------------------------------------------------------------------------
EMAIL_HOST = env_str("EMAIL_HOST", "")
EMAIL_PORT = env_int("EMAIL_PORT", 587, minimum=1, maximum=65535)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=True)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 20, minimum=1)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "B-Tech Engagement Tracker <noreply@localhost>")
# Without an SMTP host, a development run prints emails in the worker's log.
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST or not DEBUG
    else "django.core.mail.backends.console.EmailBackend",
)

# --- REST API -------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "accounts.api.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    # DRF's three, with JSON nesting bounded (a deep body is a 400, not a RecursionError).
    "DEFAULT_PARSER_CLASSES": [
        "btech.api.parsers.JSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    # DRF's two, the HTML one under the site's Content-Security-Policy.
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer",
                                 "btech.api.renderers.BrowsableAPIRenderer"],
    # django-filter, skipped when a request names no filter (btech/api/filters.py).
    "DEFAULT_FILTER_BACKENDS": ["btech.api.filters.FilterBackend"],
    # ISO 8601 (YYYY-MM-DD): unlike strftime("%Y"), it pads years before 1000.
    "DATE_FORMAT": "iso-8601",
}
# How long a letter list's page and count may be reused while nothing changed
# (btech/api/list_cache.py); 0 computes them every time.
BTECH_API_LIST_CACHE_SECONDS = env_int("BTECH_API_LIST_CACHE_SECONDS", 300, minimum=0,
                                       maximum=_DAY_IN_SECONDS)
SPECTACULAR_SETTINGS = {
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "TITLE": "B-Tech Engagement Tracker API",
    "DESCRIPTION": "Letters from UN Special Procedures to technology companies, "
    "their 60-day deadlines and the companies' replies.\n\n"
    "Languages: send `Accept-Language: fr` (or `es`, `en`) for labels and messages in "
    "French (or Spanish, English); the answer's `Content-Language` says which was used. "
    "Values never change with the language: `letter_type` is always `AL`, `UA` or `OL`, "
    "`deadline_status` always `overdue`..., and each has a `..._label` beside it in "
    "words. The API follows Accept-Language alone, not the web pages' language cookie "
    "or a person's profile. Mandates come with their title, short name and scope in "
    "English and, where written, in French (`title_fr`...) and Spanish (`title_es`...).",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    # Separate request and response components, so that read-only fields (due_on,
    # deadline_status...) are not offered as inputs.
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "MandateKindEnum": "mandates.models.MandateKind",
        "ResponseKindEnum": "engagements.models.ResponseKind",
        "DeadlineStatusEnum": "engagements.deadlines.DeadlineStatus",
        "CallStatusEnum": "calls.models.CallStatus",
        "ActionStatusEnum": "dialogues.models.ActionStatus",
    },
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "btech.api.schema.add_error_responses",
        "btech.api.schema.add_language_header",
    ],
}

# --- Security (production) ------------------------------------------------------------
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", default=not DEBUG)
LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# A strict policy for every page: scripts and styles only from this site's own files,
# or inline with the nonce of this response (the Swagger page's and the API reference's
# few lines); nothing from elsewhere, no plugins, no framing, no <base>, forms post only
# here. The pages carry no inline script, event handler or style attribute, so neither
# 'unsafe-inline' nor 'unsafe-eval' appears. Stored documents are served with their
# own, stricter "sandbox" policy (engagements/views/letters.py).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [NONE],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "manifest-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [NONE],
        "object-src": [NONE],
    },
}
if env_bool("BEHIND_TLS_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"],
             "level": env_choice("LOG_LEVEL", "INFO",
                                 ["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"])},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        # axes announces itself at INFO in every process, management commands included.
        "axes": {"level": "WARNING"},
    },
}
