"""Per-client rate limiting on Django's cache (Redis in production, so the count holds across app
servers). A fixed window per client address: simple, and enough to stop a script flooding the
queue. Django has no rate limiter of its own; the libraries that add one fail closed (or raise)
when the cache is down, and we want the opposite."""

import logging
import time

from django.conf import settings
from django.core.cache import cache

logger = logging.getLogger(__name__)


def client_address(request):
    """The visitor's address: with TRUSTED_PROXIES reverse proxies in front, the one the outermost
    proxy saw, from X-Forwarded-For (entries further left are the client's to invent)."""
    proxies = settings.TRUSTED_PROXIES
    forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    if proxies and len(forwarded) >= proxies:
        return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def allow(request, *, scope, limit, window=3600):
    """Count this request against its client's allowance for `scope`; False once more than
    `limit` were made in the current `window` seconds. If the cache fails, the request is
    allowed and the failure logged: better a form without a limit than no form."""
    key = f"rate:{scope}:{client_address(request)}:{int(time.time() // window)}"
    try:
        cache.add(key, 0, timeout=window)
        count = cache.incr(key)
    except Exception:
        logger.warning("Rate limit for %s not checked: the cache failed", scope, exc_info=True)
        return True
    return count <= limit
