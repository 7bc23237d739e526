"""Caching of the public pages, for visitors who are not logged in and hold no session.

A page marked `@public_page` is the same for every such visitor until the archive changes, and
`ContentVersion` says when it does. So, for those visitors:

- HTTP: an ETag and Last-Modified from the version, a conditional GET answered 304 without
  rendering, and `Cache-Control: public` with a short max-age and must-revalidate, so that a CDN
  or reverse proxy keeps the page a little while and then asks again (cheaply: a 304).
  `Vary: Cookie, Accept-Encoding` keeps logged-in and compressed copies apart.
- Server side: `PageCacheMiddleware` keeps the page as it leaves the middleware below it (headers
  and all, compressed for visitors who take gzip) in the "pages" cache (Redis when REDIS_URL is
  set, each process's memory otherwise) under the version, so a change anywhere is a new key for
  every app server at once and the old pages simply expire. An address with a query parameter
  no page reads is rendered but not kept: made-up parameters cannot fill the cache. A kept page
  is answered before the session, CSRF, authentication and other middleware run, and before the
  view: it costs about what a static file costs. A page that another request is rendering just
  now is waited for, not rendered a second time.

Anyone else (a session cookie: editors; or a request that just wrote: see config.db_router) gets
the page rendered afresh and marked private, and so does an address whose query holds something
like an e-mail address or a phone number (a search, a title filter): the page shows it back. A
response that turns out to carry a secret (a CSRF token, a session, a cookie) is never stored or
marked public.
"""

import hashlib
import logging
import time
from functools import partial, wraps

from django.conf import settings
from django.core.cache import caches
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.middleware.gzip import re_accepts_gzip
from django.urls import Resolver404, resolve
from django.utils.cache import (
    add_never_cache_headers,
    get_conditional_response,
    patch_cache_control,
    patch_vary_headers,
)
from django.utils.http import http_date

from archive.models import ContentVersion
from config.personal_data import asks_with_personal_data

logger = logging.getLogger(__name__)

SAFE_METHODS = ("GET", "HEAD")
CONDITIONAL_HEADERS = ("HTTP_IF_NONE_MATCH", "HTTP_IF_MODIFIED_SINCE")
# How long a request waits for another rendering the same page before rendering it itself, and
# how often it looks in the meantime (a Q&A page renders in a few tens of milliseconds).
RENDERING_SECONDS = 1
# What a call to the pages cache gives when the cache fails.
UNAVAILABLE = object()
# After the pages cache fails, this process leaves it alone this long: a Redis that hangs would
# otherwise cost every public page its timeout (half a second), and the workers with it.
CACHE_RESTING_SECONDS = 5
# This process's memory of the failure: time.monotonic() until which it leaves the cache alone.
_resting = {"until": 0.0}
WAIT_STEP_SECONDS = 0.005


def public_page(view=None, *, runs_when_unchanged=False):
    """Mark a view whose page is the same for every anonymous visitor (see the module's doc).
    With `runs_when_unchanged`, a conditional GET whose validators match still runs the view,
    and is answered 304 after it, if what it made may be shared: for a view that must see every
    request (search counts those that found little, and their validators may come from another
    page, as every page of a version has the same)."""
    if view is None:
        return partial(public_page, runs_when_unchanged=runs_when_unchanged)

    @wraps(view)
    def cached_view(request, *args, **kwargs):
        if not is_anonymous_read(request) or asks_with_personal_data(request):
            response = view(request, *args, **kwargs)
            add_never_cache_headers(response)
            return response
        with ContentVersion.held() as version:
            etag, last_modified = version_etag(version), int(version.shown_since.timestamp())
            response = None
            if not runs_when_unchanged:
                response = get_conditional_response(request, etag=etag, last_modified=last_modified)
            if response is None:
                response = view(request, *args, **kwargs)
        if response.status_code in (200, 304) and is_shareable(request, response):
            response["ETag"] = etag
            response["Last-Modified"] = http_date(last_modified)
            patch_cache_control(
                response, public=True, max_age=settings.PUBLIC_PAGE_MAX_AGE, must_revalidate=True
            )
            patch_vary_headers(response, ("Cookie", "Accept-Encoding"))
            if runs_when_unchanged and response.status_code == 200:
                response = get_conditional_response(
                    request, etag=etag, last_modified=last_modified, response=response
                )
        return response

    cached_view.public_page = True
    return cached_view


def is_anonymous_read(request):
    """A GET or HEAD from someone with no session and no pin to the primary database: nothing
    on the page can be theirs alone."""
    return request.method in SAFE_METHODS and is_anonymous(request)


def is_anonymous(request):
    """A request from someone with no session and no pin to the primary database."""
    return not (
        settings.SESSION_COOKIE_NAME in request.COOKIES
        or settings.READ_PRIMARY_COOKIE_NAME in request.COOKIES
    )


def is_staff(request):
    """Whether an editor or administrator sent the request (their own search, say, is no
    visitor's). The session is read only when the request carries one: reading it marks a
    visitor's page as theirs alone (`carries_secrets`), which would keep it from being shared."""
    return not is_anonymous(request) and request.user.is_staff


def carries_secrets(request, response):
    """True when the response holds something for this visitor alone: it used the CSRF token,
    read the session or sets a cookie. Such responses are never cached or compressed (BREACH)."""
    session = getattr(request, "session", None)
    return bool(
        request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        or (session is not None and session.accessed)
        or response.cookies
    )


def is_shareable(request, response):
    """The response may be kept and shared: it holds nothing for this visitor alone, and its view
    did not ask for it to be kept by no cache (`add_never_cache_headers`)."""
    return not carries_secrets(request, response) and "no-store" not in response.get(
        "Cache-Control", ""
    )


def version_etag(version):
    """The same for every page of one version of the archive and one release of the code."""
    return f'"{_version_token(version)}"'


def _version_token(version):
    return f"{settings.RELEASE}.{version.version}.{version.shown_since.timestamp():.6f}"


class PageCacheMiddleware:
    """The server's copy of the public pages (see the module's doc). It sits above the session,
    CSRF, authentication, messages and CSP middleware and below the one routing reads (so the
    version comes from the database the page is read from) and the one compressing, so that a
    kept page is the whole response as those made it, answered without running any of them."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _may_be_kept(request):
            return self.get_response(request)
        try:
            version = ContentVersion.current()
        except (OperationalError, InterfaceError):
            # The database is down: the page fails below as it would without the cache (503).
            return self.get_response(request)
        key = _page_key(request, version)
        kept = _cache_call("get", key)
        if kept is UNAVAILABLE:  # rendered without the cache, not waiting on it again
            with ContentVersion.held(version):
                return self.get_response(request)
        if kept is None:
            kept = _rendered_elsewhere(key)
        if kept is not None:
            return _response_from(kept)
        with ContentVersion.held(version):  # the view renders the version it is kept under
            response = self.get_response(request)  # an error below is a response (500, 503)
        if _may_keep(request, response):
            _cache_call("set", key, _kept(response), settings.PAGE_CACHE_SECONDS)
        # Those waiting for the page now find it kept, or render it themselves at once when it
        # was not (an error, a secret, or PAGE_CACHE_SECONDS=0, which keeps nothing).
        _cache_call("delete", _rendering_key(key))
        return response


def _may_be_kept(request):
    """An anonymous, unconditional read of a page marked public, asking with no query parameter
    that no page reads (settings.PAGE_CACHE_PARAMETERS). A conditional GET goes on to the view,
    which answers 304 from the version alone."""
    if not is_anonymous_read(request) or any(h in request.META for h in CONDITIONAL_HEADERS):
        return False
    if not settings.PAGE_CACHE_PARAMETERS.issuperset(request.GET) or asks_with_personal_data(
        request
    ):
        return False
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return False
    return getattr(match.func, "public_page", False)


def _rendered_elsewhere(key):
    """The page, once kept, when another request (any worker, any server) is rendering it just
    now; None when this one is to render it. A change to the archive makes every page missing at
    once, and a busy page would otherwise be rendered by every request for it meanwhile."""
    rendering = _rendering_key(key)
    if _cache_call("add", rendering, True, RENDERING_SECONDS) is not False:
        return None  # this request renders it (or the cache failed: render without it)
    deadline = time.monotonic() + RENDERING_SECONDS
    while time.monotonic() < deadline:
        time.sleep(WAIT_STEP_SECONDS)
        found = _cache_call("get_many", [key, rendering])
        if found is UNAVAILABLE:
            return None
        if key in found or rendering not in found:
            return found.get(key)  # kept; or rendered without being kept: render it here
    return None


def _rendering_key(key):
    return f"{key}:rendering"


def _may_keep(request, response):
    return (
        request.method == "GET"
        and response.status_code == 200
        and not response.streaming
        and "public" in response.get("Cache-Control", "")
        and not carries_secrets(request, response)
    )


def _kept(response):
    return response.status_code, list(response.items()), response.content


def _response_from(kept):
    status, headers, content = kept
    return HttpResponse(content, status=status, headers=dict(headers))


def _page_key(request, version):
    """One key per address, version, and compressed or not (Vary: Accept-Encoding)."""
    address = hashlib.sha256(request.build_absolute_uri().encode()).hexdigest()
    encoding = (
        "gzip" if re_accepts_gzip.search(request.META.get("HTTP_ACCEPT_ENCODING", "")) else "plain"
    )
    return f"page:{_version_token(version)}:{encoding}:{address}"


def _cache_call(method, *args):
    """The pages cache's answer, or UNAVAILABLE when it fails or failed less than
    CACHE_RESTING_SECONDS ago: a Redis outage must neither fail a page nor slow every page."""
    if time.monotonic() < _resting["until"]:
        return UNAVAILABLE
    try:
        return getattr(caches["pages"], method)(*args)
    except Exception:
        logger.warning(
            "Page cache %s failed; not asked again for %d s",
            method,
            CACHE_RESTING_SECONDS,
            exc_info=True,
        )
        _resting["until"] = time.monotonic() + CACHE_RESTING_SECONDS
        return UNAVAILABLE
