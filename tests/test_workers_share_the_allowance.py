"""The production settings under gunicorn with several workers and no Redis: one address's hourly
allowance holds across the workers, and the same form posted twice (at the same moment, to
different workers) stores one question."""

import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import quote, urlencode

import pytest
from django.conf import settings
from django.db import connection

from ask.models import RateLimitCount, Submission

WORKERS = 4
ALLOWANCE = 3
SENT = 10  # from one address, all at once
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
FORM_TOKEN = re.compile(r'name="form_token" value="([^"]+)"')


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def database_url():
    db = connection.settings_dict
    host = quote(db["HOST"] or "127.0.0.1", safe="")  # a socket directory is percent-encoded
    return (
        f"postgresql://{db['USER']}:{quote(db['PASSWORD'] or '')}@{host}:{db['PORT']}/{db['NAME']}"
    )


@pytest.fixture
def production_site(transactional_db, tmp_path):
    """gunicorn with production settings, WEB_CONCURRENCY workers, no REDIS_URL."""
    port = free_port()
    env = {
        "PATH": "/usr/bin:/bin",
        "ENVIRONMENT": "production",
        "SECRET_KEY": "test-only-" + "k" * 50,
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": database_url(),
        "DB_CONN_MAX_AGE": "0",
        "SECURE_SSL_REDIRECT": "0",
        "ASK_SUBMISSIONS_PER_HOUR": str(ALLOWANCE),
        "WEB_CONCURRENCY": str(WORKERS),
        "BIND": f"127.0.0.1:{port}",
        "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
        "LOG_LEVEL": "WARNING",
    }
    subprocess.run(  # noqa: S603 - our own manage.py
        [sys.executable, "manage.py", "collectstatic", "--no-input", "-v0"],
        cwd=settings.BASE_DIR,
        env=env,
        check=True,
    )
    log = (tmp_path / "gunicorn.log").open("w+")
    server = subprocess.Popen(  # noqa: S603
        [sys.executable, "-m", "gunicorn", "-c", "config/gunicorn.py", "config.wsgi"],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(base, server)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.seek(0)
        booted = log.read().count("Booting worker")
        log.close()
    assert booted >= WORKERS


def _wait_until_up(base, server, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail("gunicorn exited at start-up")
        try:
            with urllib.request.urlopen(base + "/healthz", timeout=5):  # noqa: S310
                return
        except OSError:  # refused, reset or timed out while the workers start
            time.sleep(0.2)
    pytest.fail("gunicorn did not answer in time")


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


OPENER = urllib.request.build_opener(NoRedirect)


def request(base, path, address, data=None, cookie=""):
    """A request as the proxy in front passes it on: HTTPS, the visitor's address appended."""
    headers = {
        "X-Forwarded-Proto": "https",
        "X-Forwarded-For": address,
        "Referer": "https://127.0.0.1/ask/",
        "Host": "127.0.0.1",
        "Cookie": cookie,
    }
    body = urlencode(data).encode() if data is not None else None
    try:
        with OPENER.open(urllib.request.Request(base + path, body, headers), timeout=30) as r:  # noqa: S310
            return r.status, r.read().decode(), r.headers
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(), error.headers


def filled_form(base, address):
    """Open the form (new CSRF cookie and one-time token) and fill it in."""
    status, page, headers = request(base, "/ask/", address)
    assert status == 200
    cookie = headers["Set-Cookie"].split(";", 1)[0]
    data = {
        "csrfmiddlewaretoken": CSRF.search(page)[1],
        "form_token": FORM_TOKEN.search(page)[1],
        "question": f"Is it normal to ache after acupuncture? (sent from {address})",
        "email": "ann@example.org",
        "consent_to_store": "on",
        "action": "send",
    }
    return data, cookie


def post_all_at_once(base, address, forms):
    with ThreadPoolExecutor(len(forms)) as pool:
        sent = pool.map(lambda form: request(base, "/ask/", address, *form)[0], forms)
        return list(sent)


def test_the_allowance_and_one_time_tokens_hold_across_gunicorn_workers(production_site):
    base = production_site

    twice = filled_form(base, "198.51.100.1")
    assert post_all_at_once(base, "198.51.100.1", [twice, twice]) == [302, 302]
    assert Submission.objects.filter(question__contains="198.51.100.1").count() == 1

    forms = [filled_form(base, "198.51.100.2") for _ in range(SENT)]
    statuses = post_all_at_once(base, "198.51.100.2", forms)
    assert sorted(statuses) == [302] * ALLOWANCE + [429] * (SENT - ALLOWANCE)
    assert Submission.objects.filter(question__contains="198.51.100.2").count() == ALLOWANCE
    counts = dict(RateLimitCount.objects.values_list("client", "count"))
    assert counts["198.51.100.2"] == SENT  # every worker counted into the same row
    # Two posts at the very same moment may both be counted before either is stored (a retry
    # that comes after the first is stored is not: tests/ask/test_views.py); never stored twice.
    assert counts["198.51.100.1"] in (1, 2)
