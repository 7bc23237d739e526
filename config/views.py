"""Site-wide endpoints that belong to no single app."""

import logging

from django.contrib.staticfiles import finders
from django.db import connection
from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.templatetags.static import static
from django.utils.cache import patch_cache_control
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_safe

logger = logging.getLogger(__name__)


@never_cache
@require_GET
def healthz(request):
    """Say whether the database answers; 503 when it does not, so a load balancer can act."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:
        logger.exception("Health check: the database did not answer")
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


@require_safe
def favicon(request):
    """Browsers ask for /favicon.ico whatever a page links: send them to static/favicon.ico when
    there is one, else answer 204 rather than render a 404 page. Either way, for a day."""
    if finders.find("favicon.ico"):
        response = HttpResponseRedirect(static("favicon.ico"))
    else:
        response = HttpResponse(status=204)
    patch_cache_control(response, public=True, max_age=86_400)
    return response
