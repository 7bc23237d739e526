"""Logging filters for the site's log output (config.settings.LOGGING), and what no log line
may hold of a request's path."""

import logging
import re

# The signed token in an asker's thanks, status and withdraw links opens their question and its
# private answer, and can withdraw it: a log line keeps the page, never the token.
SIGNED_LINK = re.compile(r"(/ask/(?:thanks|status|withdraw)/)[^/?#\s]+")


# A query string in a message naming a request ("GET /search/?q=… HTTP/1.1"): what visitors type.
QUERY_STRING = re.compile(r"\?[^\s'\"]*")


def without_signed_links(text):
    """`text` (a path, or a message naming one) with every asker's link token left out."""
    return SIGNED_LINK.sub(r"\1…", text)


def without_typed_words(text):
    """`text`, a message naming a request, with its query string and any asker's link token
    left out."""
    return without_signed_links(QUERY_STRING.sub("", text))


class RequestPathOnly(logging.Filter):
    """Write a record's request (Django attaches it to every 4xx and 5xx it logs) as its method
    and path: the JSON log would otherwise print it whole, query string and all, and the query
    holds what visitors type (search words, and those a search carries to the ask form). An
    asker's link token is left out of the path, and out of every record's message, with a
    request or not ("Database unavailable for /ask/status/…/")."""

    def filter(self, record):
        request = getattr(record, "request", None)
        if request is not None and hasattr(request, "path"):
            record.request = f"{request.method} {without_signed_links(request.path)}"
        # Django's message names the path too ("Not Found: /ask/status/…/"), as do the site's.
        clean_message(record, without_signed_links)
        return True


class TypedWordsLeftOut(logging.Filter):
    """For the development server's line per request ("GET /search/?q=… HTTP/1.1" 200), as
    config.gunicorn writes gunicorn's: its query string and any asker's link token left out."""

    def filter(self, record):
        clean_message(record, without_typed_words)
        return True


def clean_message(record, clean):
    """Put `record`'s message, and each of its arguments that is text, through `clean`."""
    if isinstance(record.msg, str):
        record.msg = clean(record.msg)
    if isinstance(record.args, tuple):
        record.args = tuple(clean(arg) if isinstance(arg, str) else arg for arg in record.args)
