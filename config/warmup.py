"""A new app server process renders the main pages once before it takes requests.

The first request a process serves pays for what Django and PostgreSQL do once per process or
connection: compiling templates, building the URL resolver, connecting to the database and,
there, compiling the search functions and planning their statements. That took 40-130 ms per
kind of page here, idle, and close to a second on a busy machine, where ten new workers (a
deploy, or two app servers started together) sent the slowest 5% of all requests past a second.
config/gunicorn.py calls `warm_up` in each worker before it accepts connections, so that those
costs fall on no visitor.
"""

import logging
import time
from urllib.parse import urlsplit
from wsgiref.util import setup_testing_defaults

from django.conf import settings
from django.db import DatabaseError

from archive.models import Category, Question

logger = logging.getLogger(__name__)

# A query parameter no page reads: the page cache neither answers these requests nor keeps
# their pages, so each is rendered. Search asks for page 2, which is never counted as a search
# that found little (search.views), whatever the archive holds. In an archive where "back pain"
# fills one page, page 2 answers 404, having ranked and compiled the same template all the same.
UNCACHED = "warm-up"
PATHS = ["/", "/factsheets/", "/search/?q=back+pain&page=2", "/ask/"]


def warm_up(application):
    """Ask the WSGI `application` for the main pages (and a body area and a Q&A, when the
    archive has them) as an anonymous visitor would; returns {address: status}. Failures are
    logged, never raised: a process that could not warm up still serves."""
    started = time.monotonic()
    statuses = {path: _get(application, path) for path in [*PATHS, *_archive_paths()]}
    logger.info(
        "Warmed up in %.0f ms: %s",
        (time.monotonic() - started) * 1000,
        ", ".join(f"{path} {status}" for path, status in statuses.items()),
    )
    return statuses


def _archive_paths():
    """A body area and the newest Q&A, read from the database (none when it is down or empty)."""
    try:
        category = Category.objects.order_by("id").first()
        question = Question.objects.published().newest_first().first()
    except DatabaseError:
        logger.warning("Warm-up: the database did not answer", exc_info=True)
        return []
    return [page.get_absolute_url() for page in (category, question) if page is not None]


def _get(application, path):
    """The status of a GET of `path` through `application`, as gunicorn would make it."""
    address = urlsplit(path)
    environ = {
        "PATH_INFO": address.path,
        "QUERY_STRING": "&".join(filter(None, [address.query, UNCACHED])),
        "SERVER_NAME": _host(),
        "HTTP_HOST": _host(),
        # As the proxy forwards it, so that production's HTTPS redirect does not answer instead.
        "wsgi.url_scheme": "https",
        "HTTP_X_FORWARDED_PROTO": "https",
        "HTTP_ACCEPT_ENCODING": "gzip",
        "REMOTE_ADDR": "127.0.0.1",
    }
    setup_testing_defaults(environ)  # the rest of a GET's environ, as any WSGI server sets it
    status = []
    body = application(environ, lambda line, headers, exc_info=None: status.append(line))
    try:
        for _ in body:
            pass
    finally:
        if hasattr(body, "close"):
            body.close()  # sends request_finished: the connection is kept, as after a request
    return int(status[0].split()[0])


def _host():
    """A host the site answers to: the first of ALLOWED_HOSTS, made concrete."""
    host = settings.ALLOWED_HOSTS[0].lstrip(".")
    return "localhost" if host in ("", "*") else host
