"""gunicorn settings: `gunicorn -c config/gunicorn.py config.wsgi`.

Sync workers suit this site: every request is a short database round trip, and the reverse proxy in
front buffers slow clients. Two workers per core plus one keeps both cores busy while one worker
waits on PostgreSQL. Each value can be overridden from the environment.
"""

import multiprocessing
import os

bind = os.environ.get("BIND", f"127.0.0.1:{os.environ.get('PORT', '8000')}")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
worker_class = "sync"
# A request that takes longer than this is stuck: kill the worker and start a fresh one.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
# Behind a proxy that reuses connections, keep them open a little longer than the proxy's idle time.
keepalive = 5
# Recycle workers now and then so that slow leaks cannot build up.
max_requests = 2000
max_requests_jitter = 200
# Trust X-Forwarded-* only from the proxy on the same host unless told otherwise.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = "-"
errorlog = "-"
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms "%(a)s"'
