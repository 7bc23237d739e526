"""The logs keep what a request did, never what a visitor typed: search words travel in query
strings, the question being typed into the ask form in a POST's body, and a log line holds the
address."""

from datetime import timedelta

import pytest

from tests.gunicorn_site import gunicorn_site, request

TYPED = "my wife Jane Doe has cancer and back pain"
# A link token (this one unsigned: the page is not found, and both logs name the path).
TOKEN = "eyJyZWZlcmVuY2UiOjF9-SECRETPART"


@pytest.fixture
def logged(transactional_db, tmp_path):
    """What gunicorn logged serving a search and a missing page, each with words typed in its
    query string, and the ask form's live box, with them in its body (and no CSRF cookie)."""
    log = tmp_path / "gunicorn.log"
    with gunicorn_site(log, WEB_CONCURRENCY="1") as base:
        for path, expected in [("/search/", 200), ("/questions/x/", 404)]:
            status, _, _ = request(base, f"{path}?q={TYPED.replace(' ', '+')}", "198.51.100.7")
            assert status == expected
        status, _, _ = request(base, "/ask/similar/", "198.51.100.7", data={"question": TYPED})
        assert status == 200
        status, _, _ = request(base, f"/ask/status/{TOKEN}/", "198.51.100.7")
        assert status == 404
    return log.read_text()


def test_the_access_log_has_the_path_but_not_the_words_typed(logged):
    lines = logged.splitlines()
    assert any('"GET /search/ HTTP/1.1" 200' in line for line in lines), logged
    assert any('"POST /ask/similar/ HTTP/1.1" 200' in line for line in lines), logged
    # Django's own warning of the 404, in the JSON log, names the request by its path alone.
    assert '"request": "GET /questions/x/"' in logged
    for word in ["Jane", "cancer", "q="]:
        assert word not in logged


def test_an_askers_link_token_is_in_neither_log(logged):
    assert '"GET /ask/status/…/ HTTP/1.1" 404' in logged
    # The JSON log writes "…" escaped.
    assert '"request": "GET /ask/status/\\u2026/"' in logged
    assert "SECRETPART" not in logged


def test_gunicorns_own_messages_name_a_request_without_the_words_typed(tmp_path):
    # gunicorn names a request whole when it fails (a worker timed out in it) or refuses it.
    from gunicorn.config import Config

    from config.gunicorn import AccessLogger

    log = tmp_path / "error.log"
    config = Config()
    config.set("errorlog", str(log))
    logger = AccessLogger(config)
    query = f"?q={TYPED.replace(' ', '+')}"
    try:
        try:
            raise SystemExit(1)
        except SystemExit:
            logger.exception("Error handling request %s %s", "GET", f"/search/{query}")
        logger.exception("Error handling request %s", f"/ask/status/{TOKEN}/{query}")
        logger.warning(f"Invalid request from ip=198.51.100.7: Invalid Request Line 'GET /{query}'")
    finally:
        for handler in logger.error_log.handlers[:]:  # gunicorn's logger is shared
            handler.close()
            logger.error_log.removeHandler(handler)
    logged = log.read_text()
    assert "Error handling request GET /search/\n" in logged
    assert "Error handling request /ask/status/…/\n" in logged
    assert "Invalid Request Line 'GET /'" in logged
    for word in ["Jane", "cancer", "q=", "SECRETPART"]:
        assert word not in logged


def test_gunicorn_logs_an_error_it_answers_before_reading_the_path(tmp_path):
    from gunicorn.config import Config

    from config.gunicorn import AccessLogger

    environ = {"REQUEST_METHOD": "GET", "SERVER_PROTOCOL": "HTTP/1.1", "RAW_URI": "/"}
    response = type("Response", (), {"status": "500 Internal Server Error", "headers": [],
                                     "sent": 0, "response_length": 0})()  # fmt: skip
    request = type("Request", (), {"headers": []})()
    atoms = AccessLogger(Config()).atoms(response, request, environ, timedelta(seconds=0))
    assert atoms["U"] is None


def test_the_development_servers_line_per_request_leaves_them_out_too():
    # runserver (make run) logs each request on "django.server", as Django's handler would
    # write it whole; the site's handler and filter take it instead.
    import logging

    logger = logging.getLogger("django.server")
    record = logger.makeRecord(
        logger.name,
        logging.INFO,
        __file__,
        0,
        '"%s" %s %s',
        (f"GET /ask/thanks/{TOKEN}/?q={TYPED.replace(' ', '+')} HTTP/1.1", "200", "512"),
        None,
    )
    assert logger.filter(record)
    assert record.getMessage() == '"GET /ask/thanks/…/ HTTP/1.1" 200 512'
    names = [handler.name for handler in logger.handlers]
    assert "stdout" in names and "django.server" not in names  # pytest adds its own too
    assert not logger.propagate
