"""Per-client rate limiting on Django's cache (Redis in production, so the count holds across app
servers). A fixed window per client address: simple, and enough to stop a script flooding the
queue. Django has no rate limiter of its own; the libraries that add one fail closed (or raise)
when the cache is down, and we want the opposite."""

import logging
import time

from django.core.cache import cache

from config.client_ip import client_ip

logger = logging.getLogger(__name__)


def allow(request, *, scope, limit, window=3600):
    """Count this request against its client's allowance for `scope`; False once more than
    `limit` were made in the current `window` seconds. If the cache fails, the request is
    allowed and the failure logged: better a form without a limit than no form."""
    key = f"rate:{scope}:{client_ip(request)}:{int(time.time() // window)}"
    try:
        cache.add(key, 0, timeout=window)
        count = cache.incr(key)
    except Exception:
        logger.warning("Rate limit for %s not checked: the cache failed", scope, exc_info=True)
        return True
    return count <= limit
