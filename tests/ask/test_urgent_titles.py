"""A page that shows urgent advice says so first in its title: a screen reader reads the title
before anything else on the page."""

import re

import pytest
from django.db import OperationalError, connection

from ask.forms import new_form_token
from ask.views import thanks_url
from tests.ask.conftest import links, make_submission

pytestmark = pytest.mark.django_db

GET_HELP = "Get help now – urgent advice shown – "
URGENT = "I have numbness around my genitals and my back hurts"
CALM = "Is it normal to feel very tired the day after acupuncture for sciatica?"


def title(response):
    return re.search(r"<title>(.*?)</title>", response.content.decode(), re.S)[1]


def test_the_form_opened_with_words_that_show_a_sign_says_get_help_now(client):
    response = client.get("/ask/", {"question": URGENT})
    assert title(response) == f"{GET_HELP}Ask the expert panel · Acupuncture Answers"
    assert (
        title(client.get("/ask/", {"question": CALM}))
        == "Ask the expert panel · Acupuncture Answers"
    )


def test_checking_words_that_show_a_sign_says_get_help_now_before_the_matches(client):
    response = client.post("/ask/", {"question": URGENT, "action": "check"})
    assert title(response).startswith(f"{GET_HELP}No similar answers found: Ask the expert panel")
    calm = client.post("/ask/", {"question": CALM, "action": "check"})
    assert not title(calm).startswith("Get help now")


def test_a_ticked_box_alone_says_get_help_now(client):
    response = client.post(
        "/ask/", {"question": CALM, "red_flags_ticked": "fever", "action": "check"}
    )
    assert title(response).startswith(GET_HELP)


def test_a_question_sent_back_says_get_help_now_before_the_error(client):
    data = {"question": URGENT, "form_token": new_form_token(), "action": "send"}
    response = client.post("/ask/", data)  # no consent to store: sent back
    assert title(response).startswith(f"{GET_HELP}Error: ")


def test_the_try_again_page_says_get_help_now(client):
    def database_down(execute, sql, params, many, context):
        raise OperationalError("server closed the connection unexpectedly")

    with connection.execute_wrapper(database_down):
        response = client.post("/ask/", {"question": URGENT, "action": "send"})
    assert response.status_code == 503
    assert title(response) == f"{GET_HELP}Please try again · Acupuncture Answers"


def test_the_thanks_status_and_withdraw_pages_say_get_help_now_for_an_urgent_question(client):
    urgent, calm = make_submission(question=URGENT), make_submission(question=CALM)
    assert title(client.get(thanks_url(urgent))).startswith(f"{GET_HELP}Your question has been")
    assert title(client.get(thanks_url(calm))).startswith("Your question has been sent")
    status, withdraw = links(urgent)
    assert title(client.get("/" + status)).startswith(f"{GET_HELP}Your question ")
    assert title(client.get("/" + withdraw)).startswith(f"{GET_HELP}Withdraw your question")
    calm_status, _ = links(calm)
    assert title(client.get("/" + calm_status)).startswith("Your question ")
