"""Site-wide middleware."""

import logging

from django.db import InterfaceError, OperationalError
from django.shortcuts import render

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
