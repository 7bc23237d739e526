"""What visitors get while PostgreSQL is restarting or failing over, and after it is back."""

import pytest
from django.db import OperationalError, connection

from tests.factories import make_category, make_question

pytestmark = pytest.mark.django_db


def database_down(execute, sql, params, many, context):
    raise OperationalError("could not connect to server: Connection refused")


@pytest.fixture
def pages():
    question = make_question(make_category())
    return ["/", question.category.get_absolute_url(), question.get_absolute_url()]


def test_while_the_database_is_down_pages_say_back_in_a_minute_with_503(client, pages, caplog):
    with connection.execute_wrapper(database_down):
        responses = [client.get(page) for page in pages]
    for response in responses:
        assert response.status_code == 503
        assert response["Retry-After"] == "30"
        assert "not available just now" in response.content.decode()
        assert 'href="/urgent-help/"' in response.content.decode()
    assert caplog.text.count("Database unavailable for") == len(pages)


def test_the_urgent_help_page_needs_no_database(client):
    with connection.execute_wrapper(database_down):
        response = client.get("/urgent-help/")
    assert response.status_code == 200


def test_once_the_database_is_back_the_same_process_serves_the_pages_again(client, pages):
    with connection.execute_wrapper(database_down):
        assert client.get(pages[0]).status_code == 503
    assert [client.get(page).status_code for page in pages] == [200, 200, 200]


def test_other_errors_still_fail_loudly(client, monkeypatch):
    def broken():
        raise ValueError("a bug, not an outage")

    monkeypatch.setattr("archive.views.Category.objects.tree", broken)
    with pytest.raises(ValueError, match="a bug"):
        client.get("/")


def test_the_outage_is_logged_without_an_askers_link_token(client, caplog):
    # The token opens the asker's question and its answer: no log line may keep it.
    from ask import services
    from config.log_filters import RequestPathOnly
    from tests.ask.conftest import make_submission

    status = services.status_url(make_submission())
    with connection.execute_wrapper(database_down):
        assert client.get(status).status_code == 503
    (record,) = [r for r in caplog.records if r.getMessage().startswith("Database unavailable")]
    RequestPathOnly().filter(record)  # as the site's log handler does (settings.LOGGING)
    assert record.getMessage() == "Database unavailable for /ask/status/…/"
