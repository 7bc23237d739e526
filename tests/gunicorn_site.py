"""The site as it runs in production: gunicorn with config/gunicorn.py and production settings,
against the test database, its output (access log included) written to a file."""

import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from urllib.parse import quote, urlencode

import pytest
from django.conf import settings
from django.db import connection


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


@contextmanager
def gunicorn_site(log_path, **environment):
    """Run gunicorn (with these extra environment variables) until the block ends: yields its
    address. Everything it prints goes to `log_path`."""
    port = free_port()
    env = {
        "PATH": "/usr/bin:/bin",
        "ENVIRONMENT": "production",
        "SECRET_KEY": "test-only-" + "k" * 50,
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": database_url(),
        "DB_CONN_MAX_AGE": "0",
        "SECURE_SSL_REDIRECT": "0",
        "BIND": f"127.0.0.1:{port}",
        "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
        "LOG_LEVEL": "WARNING",
        **environment,
    }
    subprocess.run(  # noqa: S603 - our own manage.py
        [sys.executable, "manage.py", "collectstatic", "--no-input", "-v0"],
        cwd=settings.BASE_DIR,
        env=env,
        check=True,
    )
    with open(log_path, "w") as log:
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
