"""A question that holds an e-mail address, sent with the address box empty, comes back unsent
with everything kept: the asker may think they gave one. They choose, in one step, to have it
put in the box or to send without; it is copied nowhere else."""

import re

import pytest

from ask.models import Submission
from tests.ask.test_form_wording import summary_links
from tests.ask.test_mistyped_addresses import email_errors, radio_choices
from tests.ask.test_views import good

pytestmark = pytest.mark.django_db

QUESTION = "Is it normal to feel very tired after acupuncture? Email me at bob@example.net please"
HOLDS = (
    "Your question holds an e-mail address (bob@example.net). To get the answer by e-mail, put "
    "it in this box; editors remove it from the question before anything is published."
)
WITHOUT = "without:bob@example.net"


def sent(**changes):
    return good(question=QUESTION, email="", consent_to_publish="on") | changes


def test_an_address_in_the_question_with_the_box_empty_is_asked_about_and_kept(client):
    html = client.post("/ask/", sent(name="Bob")).content.decode()
    assert not Submission.objects.exists()
    assert summary_links(html) == [("#id_email", f"E-mail address: {HOLDS}")]
    assert email_errors(html) == [HOLDS]
    assert f'id="id_question">\n{QUESTION}</textarea>' in html
    assert 'name="name" value="Bob"' in html
    assert re.search(r'name="consent_to_publish"[^>]*checked', html)
    assert radio_choices(html) == [
        ("bob@example.net", "Yes: put bob@example.net in the box above", False),
        (WITHOUT, "No: send it without an e-mail address", False),
    ]


def test_choosing_to_use_it_puts_it_in_the_box_and_nowhere_else(client):
    assert client.post("/ask/", sent(email_choice="bob@example.net")).status_code == 302
    submission = Submission.objects.get()
    assert submission.email == "bob@example.net"
    assert submission.question == QUESTION  # as typed: editors take it out before publishing
    assert submission.name == ""


def test_the_address_chosen_fills_the_box_when_something_else_stops_the_question(client):
    data = sent(email_choice="bob@example.net", consent_to_store="")
    html = client.post("/ask/", data).content.decode()
    assert not Submission.objects.exists()
    assert 'name="email" value="bob@example.net"' in html
    assert "Your question holds" not in html and radio_choices(html) == []


def test_choosing_to_send_without_sends_it_without_an_address(client):
    assert client.post("/ask/", sent(email_choice=WITHOUT)).status_code == 302
    assert Submission.objects.get().email == ""


def test_with_no_publishing_sending_without_says_no_answer_and_needs_no_second_tick(client):
    html = client.post("/ask/", sent(consent_to_publish="")).content.decode()
    assert email_errors(html) == [HOLDS]  # in place of the warning about no way to reply
    assert (
        WITHOUT,
        "No: send it without an e-mail address: I understand that I will not get an answer",
        False,
    ) in radio_choices(html)
    data = sent(consent_to_publish="", email_choice=WITHOUT)
    assert client.post("/ask/", data).status_code == 302
    assert Submission.objects.get().email == ""


def test_send_it_anyway_ticked_still_asks_about_the_address_in_the_question(client):
    # The tick said they would get no answer; the address they typed says they want one.
    data = sent(consent_to_publish="", send_without_reply="on")
    html = client.post("/ask/", data).content.decode()
    assert not Submission.objects.exists()
    assert email_errors(html) == [HOLDS]
    assert client.post("/ask/", data | {"email_choice": WITHOUT}).status_code == 302


def test_a_choice_made_for_one_address_is_not_taken_for_another(client):
    data = sent(question=QUESTION.replace("bob@", "rob@"), email_choice=WITHOUT)
    html = client.post("/ask/", data).content.decode()
    assert not Submission.objects.exists()
    assert "Your question holds an e-mail address (rob@example.net)" in html


def test_an_address_that_ends_a_sentence_is_taken_without_its_full_stop(client):
    data = sent(question="Is it normal to feel very tired after it? Write to bob@example.net.")
    html = client.post("/ask/", data).content.decode()
    assert email_errors(html) == [HOLDS]


@pytest.mark.parametrize(
    "typed, put_right", [("bob@gmail", "bob@gmail.com"), ("bob@hotmailcom", "bob@hotmail.com")]
)
def test_an_address_mail_cannot_reach_is_offered_put_right(client, typed, put_right):
    data = sent(question=f"Is it normal to feel very tired after it? Write to {typed}.")
    html = client.post("/ask/", data).content.decode()
    assert not Submission.objects.exists()
    assert email_errors(html) == [HOLDS.replace("bob@example.net", typed)]
    assert radio_choices(html)[0] == (put_right, f"Yes: put {put_right} in the box above", False)
    assert client.post("/ask/", data | {"email_choice": put_right}).status_code == 302
    assert Submission.objects.get().email == put_right


def test_an_address_in_the_box_is_sent_as_typed_whatever_the_question_holds(client):
    assert client.post("/ask/", sent(email="ann@example.org")).status_code == 302
    assert Submission.objects.get().email == "ann@example.org"


def test_a_question_without_an_address_is_sent_as_before(client):
    data = sent(question="Is it normal to feel very tired @ night after acupuncture?")
    assert client.post("/ask/", data).status_code == 302
