"""Which database each request reads: the replica for anonymous reads of public pages, the
primary for writes, admin, editors and anyone who has just written. tests/test_replica.py runs
the same router against a real streaming replica."""

import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from archive.models import Question
from config.db_router import PrimaryReplicaRouter, ReadRoutingMiddleware

router = PrimaryReplicaRouter()


def read_from(request):
    """The database Question would be read from while `request` is served, and the response."""
    seen = []

    def view(request):
        seen.append(router.db_for_read(Question))
        return HttpResponse("ok")

    middleware = ReadRoutingMiddleware(view)
    middleware.enabled = True  # as with DATABASE_REPLICA_URL set
    response = middleware(request)
    return seen[0], response


@pytest.fixture
def rf():
    return RequestFactory()


def test_an_anonymous_visitor_reads_public_pages_from_the_replica(rf):
    database, response = read_from(rf.get("/questions/sciatica/"))
    assert database == "replica"
    assert "read_primary" not in response.cookies


def test_a_question_sent_reads_and_writes_the_primary_and_pins_the_next_pages_to_it(rf, settings):
    database, response = read_from(rf.post("/ask/", {"question": "Help"}))
    assert database == "default"
    pin = response.cookies["read_primary"]
    assert pin["max-age"] == settings.READ_PRIMARY_SECONDS
    assert pin["httponly"]
    thanks = rf.get("/ask/thanks/abc/")
    thanks.COOKIES["read_primary"] = pin.value
    assert read_from(thanks)[0] == "default"


def test_the_ask_forms_live_answers_post_only_to_read_and_pin_no_one(rf):
    # The question is posted to keep it out of URLs; nothing is written.
    database, response = read_from(rf.post("/ask/similar/", {"question": "sciatica"}))
    assert database == "replica"
    assert "read_primary" not in response.cookies
    pinned = rf.post("/ask/similar/", {"question": "sciatica"})
    pinned.COOKIES["read_primary"] = "1"
    assert read_from(pinned)[0] == "default"


def test_editors_and_admin_read_the_primary(rf, settings):
    editor = rf.get("/questions/sciatica/")
    editor.COOKIES[settings.SESSION_COOKIE_NAME] = "a-session"
    assert read_from(editor)[0] == "default"
    assert read_from(rf.get("/admin/login/"))[0] == "default"


def test_outside_a_request_everything_uses_the_primary():
    assert router.db_for_read(Question) == "default"
    assert router.db_for_write(Question) == "default"
    assert router.allow_migrate("default", "archive")
    assert not router.allow_migrate("replica", "archive")


def test_without_a_replica_the_middleware_changes_nothing(rf):
    response = ReadRoutingMiddleware(lambda request: HttpResponse("ok"))(rf.post("/ask/"))
    assert "read_primary" not in response.cookies
