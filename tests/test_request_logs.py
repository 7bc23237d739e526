"""gunicorn's access log keeps what a request did, never what a visitor typed: search words and
the question typed into the ask form travel in query strings, and a log line holds the address."""

import pytest

from tests.gunicorn_site import gunicorn_site, request

TYPED = "my wife Jane Doe has cancer and back pain"


@pytest.fixture
def logged(transactional_db, tmp_path):
    """The access log of gunicorn serving one search and one similar-answers check."""
    log = tmp_path / "gunicorn.log"
    with gunicorn_site(log, WEB_CONCURRENCY="1") as base:
        for path in ["/search/", "/ask/similar/"]:
            status, _, _ = request(base, f"{path}?q={TYPED.replace(' ', '+')}", "198.51.100.7")
            assert status == 200
    return log.read_text()


def test_the_access_log_has_the_path_but_not_the_words_typed(logged):
    lines = [line for line in logged.splitlines() if '"GET /' in line]
    assert any('"GET /search/ HTTP/1.1" 200' in line for line in lines), logged
    assert any('"GET /ask/similar/ HTTP/1.1" 200' in line for line in lines), logged
    for word in ["Jane", "cancer", "q="]:
        assert word not in logged
