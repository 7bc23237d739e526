"""Per-client rate limiting, counted in PostgreSQL.

The count must hold across every worker of every app server, so it lives where they all look: one
row per client and window in ask.RateLimitCount, raised by a single atomic upsert. PostgreSQL,
not the cache: the ask form needs the database to store a question anyway, so counting there adds
no new way to fail, and it works the same with or without Redis. A fixed window per client (an
IPv4 address, or an IPv6 /64: client_key): simple, and enough to stop a script flooding the queue."""

import ipaddress
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
        cursor.execute(UPSERT, [scope, client_key(client_ip(request)), window_start])
        (count,) = cursor.fetchone()
    return count <= limit


def client_key(address):
    """What an allowance counts by: an IPv4 address, or an IPv6 address's /64 network, as a home or
    phone is given a whole /64 and may send from any address in it. An IPv4-mapped IPv6 address
    counts as its IPv4 address; anything that is not an address as "" (as client_ip gives)."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return ""
    if ip.version == 6 and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    if ip.version == 4:
        return str(ip)
    return str(ipaddress.IPv6Network((int(ip), 64), strict=False))


def minutes_left(window=3600):
    """Whole minutes until the current window ends and a client's count starts again."""
    now = timezone.now().timestamp()
    return math.ceil((window - now % window) / 60)


def forget_ended_windows(window=3600):
    """Delete the counts of windows that have ended (they hold client addresses)."""
    ended = timezone.now() - timedelta(seconds=window)
    return RateLimitCount.objects.filter(window_start__lt=ended).delete()[0]
