"""A form refused for want of its CSRF cookie (blocked cookies, a cookie that expired): the ask
form comes back unsent with everything typed; any other form gets a plain page."""

import re

import pytest
from django.db import OperationalError, connection
from django.test import Client

from ask.models import Submission
from tests.ask.test_views import good

pytestmark = pytest.mark.django_db

URGENT = "I cannot control my bladder since my back pain got worse, what should I do?"


@pytest.fixture
def strict_client():
    """A browser that sends no CSRF cookie: Django's own test client skips the check."""
    return Client(enforce_csrf_checks=True)


def test_a_question_refused_for_its_cookie_comes_back_unsent_with_everything_typed(
    strict_client, area
):
    data = good(
        question=URGENT,
        name="Ann",
        category=area.pk,
        consent_to_publish="on",
        red_flags_ticked="fever",
    )
    response = strict_client.post("/ask/", data)
    html = response.content.decode()
    assert response.status_code == 403
    assert not Submission.objects.exists()
    assert "Your question has not been sent yet." in html
    assert "This form needs cookies" in html
    assert "CSRF" not in html and "hijack" not in html
    assert URGENT in html
    assert 'value="Ann"' in html and 'value="ann@example.org"' in html
    assert f'<option value="{area.pk}" selected>' in html
    for box in ("consent_to_store", "consent_to_publish"):
        assert re.search(rf'<input type="checkbox" name="{box}"[^>]* checked>', html), box
    assert re.search(
        r'<input type="checkbox" name="red_flags_ticked" value="fever"[^>]* checked>', html
    )
    # The advice of the words and of the ticked box comes first, as on the form.
    assert html.index("Get medical help now") < html.index("Your question has not been sent yet.")
    assert 'data-sign="bladder_bowel"' in html and 'data-sign="fever"' in html
    # A fresh token, so that pressing Send again works.
    assert 'name="csrfmiddlewaretoken"' in html
    assert "csrftoken" in response.cookies
    assert "no-store" in response["Cache-Control"]


def test_pressing_send_again_with_the_fresh_token_sends_it(strict_client):
    refused = strict_client.post("/ask/", good())
    token = refused.cookies["csrftoken"].value
    sent = strict_client.post("/ask/", good(csrfmiddlewaretoken=token))
    assert sent.status_code == 302
    assert Submission.objects.get().question == good()["question"]


def test_a_refused_question_while_the_database_is_down_gets_the_try_again_page(strict_client):
    def database_down(execute, sql, params, many, context):
        raise OperationalError("server closed the connection unexpectedly")

    with connection.execute_wrapper(database_down):
        response = strict_client.post("/ask/", good(name="Ann"))
    html = response.content.decode()
    assert response.status_code == 503
    assert good()["question"] + "</textarea>" in html
    assert '<input type="hidden" name="name" value="Ann">' in html


def test_any_other_refused_form_gets_a_plain_friendly_page(strict_client):
    response = strict_client.post("/admin/login/", {"username": "a", "password": "b"})
    html = response.content.decode()
    assert response.status_code == 403
    assert "<h1>Please try again</h1>" in html and "nothing has been sent" in html
    assert "CSRF" not in html and "hijack" not in html.lower()
    assert 'class="site-header"' in html  # the site's own page, not Django's


def test_a_question_posted_from_another_site_never_comes_back_ready_to_send(strict_client):
    # Refused for its origin: the form is not drawn again with that site's words and address.
    response = strict_client.post(
        "/ask/",
        good(email="someone@elsewhere.example"),
        headers={"Origin": "https://elsewhere.example"},
    )
    html = response.content.decode()
    assert response.status_code == 403
    assert "<h1>Please try again</h1>" in html
    assert "someone@elsewhere.example" not in html and 'name="question"' not in html
    assert not Submission.objects.exists()
