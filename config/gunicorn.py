"""gunicorn settings: `gunicorn -c config/gunicorn.py config.wsgi`.

Sync workers suit this site: every request is a short database round trip, and the reverse proxy in
front buffers slow clients. Two workers per core plus one keeps both cores busy while one worker
waits on PostgreSQL. Each value can be overridden from the environment.
"""

import multiprocessing
import os

from gunicorn.glogging import Logger

from config.log_filters import without_signed_links, without_typed_words

bind = os.environ.get("BIND", f"127.0.0.1:{os.environ.get('PORT', '8000')}")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
worker_class = "sync"
# A request that takes longer than this is stuck: kill the worker and start a fresh one.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
# Behind a proxy that reuses connections, keep them open a little longer than the proxy's idle time.
keepalive = 5
# Recycle workers now and then so that slow leaks cannot build up, but never several at once. A
# restart takes its worker out for a second or so (Django is imported afresh and the main pages
# rendered once: post_worker_init below), and the others take the requests meanwhile. Flat out
# on /robots.txt each of 5 workers serves 150–500 requests/s, so 2000 ± 200 restarted 7–9
# workers in a 20 s run and sent p99 past a second. Now each worker's limit is drawn from
# 50,000–100,000: even at 500 requests/s a worker runs 2–3 minutes, at a real site's rates days,
# and the limits are spread over a window as wide as the limit itself, so two rarely fall
# together. (preload_app would make restarts cheaper still, but then a HUP no longer loads new
# code.)
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "50000"))
max_requests_jitter = max_requests
# Trust X-Forwarded-* only from the proxy on the same host unless told otherwise.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = "-"
errorlog = "-"
# The path without its query string: the query holds what visitors type (search words, and those
# a search carries to the ask form), which a log line beside their address must not.
access_log_format = '%(h)s "%(m)s %(U)s %(H)s" %(s)s %(b)s %(M)sms "%(a)s"'


class AccessLogger(Logger):
    """gunicorn's logger, with an asker's link token left out of the logged path, and what
    visitors type left out of gunicorn's own messages."""

    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        # None where gunicorn answers an error itself before reading the path.
        if atoms["U"]:
            atoms["U"] = without_signed_links(atoms["U"])
        return atoms

    # gunicorn's messages name a request whole when it fails ("Error handling request GET
    # /search/?q=…", on a worker's timeout too) or is refused ("Invalid request from ip=…:
    # Invalid Request Line '…'"): the query string and any link token are left out.
    def critical(self, msg, *args, **kwargs):
        super().critical(*untyped(msg, args), **kwargs)

    def error(self, msg, *args, **kwargs):
        super().error(*untyped(msg, args), **kwargs)

    def warning(self, msg, *args, **kwargs):
        super().warning(*untyped(msg, args), **kwargs)

    def exception(self, msg, *args, **kwargs):
        super().exception(*untyped(msg, args), **kwargs)


def untyped(msg, args):
    """A message and its arguments with what visitors type left out (without_typed_words)."""
    clean = [without_typed_words(a) if isinstance(a, str) else a for a in args]
    return [without_typed_words(msg) if isinstance(msg, str) else msg, *clean]


logger_class = AccessLogger


def post_worker_init(worker):
    """Each new worker renders the main pages once before it accepts connections
    (config.warmup): the costs of a process's first requests fall on no visitor."""
    from config.warmup import warm_up

    warm_up(worker.wsgi)
