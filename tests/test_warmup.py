"""A new app server process renders the main pages before it takes requests (config.warmup)."""

import logging
from types import SimpleNamespace

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import OperationalError, close_old_connections, connection

from config import gunicorn
from config.warmup import warm_up
from search.models import SearchGap
from tests.factories import make_category, make_question

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def test_connection_kept():
    """As Django's test client does: a request must not close the connection that holds the
    test's transaction."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


@pytest.fixture
def question():
    return make_question(make_category(), title="Is bruising after acupuncture normal?")


def test_every_main_page_is_rendered_once(question):
    statuses = warm_up(WSGIHandler())
    assert statuses == {
        "/": 200,
        "/factsheets/": 200,
        # One Q&A: page 2 of the results does not exist (ranked and rendered all the same).
        "/search/?q=back+pain&page=2": 404,
        "/ask/": 200,
        question.category.get_absolute_url(): 200,
        question.get_absolute_url(): 200,
    }


def test_it_leaves_no_trace_a_visitor_could_see(client, question, settings):
    warm_up(WSGIHandler())
    # Not kept by the page cache: the first visitor's page (at the address the warm-up asked
    # for) is rendered from the archive as it is then.
    visitor = {
        "secure": True,
        "headers": {"host": settings.ALLOWED_HOSTS[0], "accept-encoding": "gzip"},
    }
    assert client.get("/", **visitor).templates
    assert client.get(question.get_absolute_url(), **visitor).templates
    # Not counted as a search that found little.
    assert not SearchGap.objects.exists()


def test_gunicorn_warms_each_worker_up_before_it_serves(question, caplog):
    worker = SimpleNamespace(wsgi=WSGIHandler())
    with caplog.at_level(logging.INFO, logger="config.warmup"):
        gunicorn.post_worker_init(worker)
    assert "Warmed up in" in caplog.text
    assert f"{question.get_absolute_url()} 200" in caplog.text


def test_a_worker_that_cannot_reach_the_database_still_starts(question, caplog):
    def database_down(execute, sql, params, many, context):
        raise OperationalError("could not connect to server: Connection refused")

    with connection.execute_wrapper(database_down):
        statuses = warm_up(WSGIHandler())
    assert statuses["/"] == 503
    assert question.get_absolute_url() not in statuses
    assert "Warm-up: the database did not answer" in caplog.text
