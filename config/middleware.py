"""Site-wide middleware."""

import logging

from django.core.exceptions import ValidationError
from django.db import DataError, InterfaceError, OperationalError
from django.http import HttpResponseBadRequest, HttpResponseNotAllowed
from django.middleware.gzip import GZipMiddleware
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers

from archive.caching import carries_secrets

logger = logging.getLogger(__name__)

# Long enough for PostgreSQL to restart or fail over.
RETRY_AFTER_SECONDS = 30


class DatabaseUnavailableMiddleware:
    """When PostgreSQL cannot be reached (restarting, failing over), answer 503 "back in a
    minute" with Retry-After rather than a bare 500: visitors learn that it is temporary, and
    proxies and crawlers know to come back. Views that can do better catch the error themselves
    (the ask form gives back the typed text)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        logger.error("Database unavailable for %s", request.path, exc_info=exception)
        response = render(request, "unavailable.html", status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response


class RefuseTraceMiddleware:
    """TRACE echoes a request back (cookies and all) and no page here needs it: refuse it
    everywhere, before any view sees it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method == "TRACE":
            return HttpResponseNotAllowed(["GET", "HEAD", "POST"])
        return self.get_response(request)


class AdminFilterErrorMiddleware:
    """Django admin turns any field lookup in a list page's query string into a filter, and some
    values only fail when the query runs (a NUL byte PostgreSQL refuses, a year Python's dates
    cannot hold). On a list page or an autocomplete, which change nothing, such a failure can
    only come from the query string: answer 400 rather than 500."""

    READ_ONLY_VIEWS = ("autocomplete",)

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        match = request.resolver_match
        if (
            request.method not in ("GET", "HEAD")
            or match is None
            or "admin" not in match.namespaces
            or not (match.url_name or "").endswith(("_changelist", *self.READ_ONLY_VIEWS))
            or not isinstance(exception, ValueError | OverflowError | DataError | ValidationError)
        ):
            return None
        logger.info("Admin list refused a filter value: %s", exception)
        return HttpResponseBadRequest("This filter value cannot be used.")


class PrivateByDefaultMiddleware:
    """Pages are private unless their view marked them public (archive.caching.public_page): an
    HTML response without Cache-Control (the ask form, the thank-you page, error pages), and any
    response holding something for one visitor alone (a CSRF token, their session, a cookie
    being set), is marked private and not to be stored, so no browser cache, proxy or CDN keeps
    or shares it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not response.has_header("Cache-Control") and (
            response.get("Content-Type", "").startswith("text/html")
            or carries_secrets(request, response)
        ):
            add_never_cache_headers(response)
        return response


class PublicGZipMiddleware(GZipMiddleware):
    """gzip for pages marked public (archive.caching) only. A compressed response that also
    reflects what a visitor sent and holds a secret can leak the secret through its size (BREACH),
    so anything private (the ask form's CSRF token, admin) goes out uncompressed; static files
    come compressed from whitenoise already."""

    def process_response(self, request, response):
        if "public" not in response.get("Cache-Control", ""):
            return response
        return super().process_response(request, response)
