"""The visitor's IP address, for rate limits and login lockouts."""

import ipaddress

from django.conf import settings


def client_ip(request) -> str:
    """REMOTE_ADDR, or behind TRUSTED_PROXY_COUNT reverse proxies the address the outermost one saw.

    Each proxy appends the address it received the request from to X-Forwarded-For, so the client is
    the entry that many places from the end; anything before it may be forged by the client. The
    entry is used only if it parses as an IP address; otherwise (too few entries, "unknown", a
    socket path, junk) the connecting address is. Always a valid address or "", since django-axes
    stores it in an inet column.
    """
    remote = _address(request.META.get("REMOTE_ADDR", "")) or ""
    proxies = settings.TRUSTED_PROXY_COUNT
    if not proxies:
        return remote
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
    if len(forwarded) < proxies:
        return remote
    return _address(forwarded[-proxies]) or remote


def _address(text):
    try:
        address = ipaddress.ip_address(text.strip())
    except ValueError:
        return None
    # A zone ("fe80::1%eth0") is not part of an address PostgreSQL's inet type accepts.
    return None if getattr(address, "scope_id", None) else str(address)
