"""Per-client rate limiting, counted in PostgreSQL.

The count must hold across every worker of every app server, so it lives where they all look: one
row per client and window in ask.RateLimitCount, raised by a single atomic upsert. PostgreSQL,
not the cache: the ask form needs the database to store a question anyway, so counting there adds
no new way to fail, and it works the same with or without Redis. A fixed window per client address:
simple, and enough to stop a script flooding the queue."""

import math
from datetime import UTC, datetime, timedelta

from django.db import connection
from django.utils import timezone

from ask.models import RateLimitCount
from config.client_ip import client_ip

UPSERT = f"""
    INSERT INTO {RateLimitCount._meta.db_table} (scope, client, window_start, count)
    VALUES (%s, %s, %s, 1)
    ON CONFLICT (scope, client, window_start)
        DO UPDATE SET count = {RateLimitCount._meta.db_table}.count + 1
    RETURNING count
"""  # noqa: S608 - the table name is the model's own, the values are parameters


def allow(request, *, scope, limit, window=3600):
    """Count this request against its client's allowance for `scope`; False once more than
    `limit` were made in the current `window` seconds."""
    now = timezone.now().timestamp()
    window_start = datetime.fromtimestamp(now - now % window, tz=UTC)
    with connection.cursor() as cursor:
        cursor.execute(UPSERT, [scope, client_ip(request), window_start])
        (count,) = cursor.fetchone()
    return count <= limit


def minutes_left(window=3600):
    """Whole minutes until the current window ends and a client's count starts again."""
    now = timezone.now().timestamp()
    return math.ceil((window - now % window) / 60)


def forget_ended_windows(window=3600):
    """Delete the counts of windows that have ended (they hold client addresses)."""
    ended = timezone.now() - timedelta(seconds=window)
    return RateLimitCount.objects.filter(window_start__lt=ended).delete()[0]
