"""Logging filters for the site's log output (config.settings.LOGGING)."""

import logging


class RequestPathOnly(logging.Filter):
    """Write a record's request (Django attaches it to every 4xx and 5xx it logs) as its method
    and path: the JSON log would otherwise print it whole, query string and all, and the query
    holds what visitors type (search words, a question being checked for similar answers)."""

    def filter(self, record):
        request = getattr(record, "request", None)
        if request is not None and hasattr(request, "path"):
            record.request = f"{request.method} {request.path}"
        return True
