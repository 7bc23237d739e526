"""The thank-you and status pages say only what is true of the question as it stands now:
waiting, being answered, answered, published, closed or withdrawn. The thank-you page lasts a
day, in which the question may be answered, or withdrawn from that page's own link."""

import pytest

from ask import services
from ask.views import thanks_url
from tests.ask.conftest import links, make_submission
from tests.ask.test_asker_links import TOLD_US_A_SIGN, URGENT_QUESTION, answered

pytestmark = pytest.mark.django_db

QUEUE_ORDER = (
    "Questions that show a warning sign are answered first, then the others in the order they "
    "arrive."
)
WILL_EMAIL = "We will e-mail you again once"
DO_NOT_WAIT = "<strong>Do not wait for our answer:</strong>"
NOT_SEEN = "<strong>If you have not been seen about this yet, do not wait:</strong>"


def page(client, url):
    return client.get(url).content.decode()


def test_a_waiting_questions_pages_say_how_the_queue_is_ordered_and_what_comes_next(client):
    submission = make_submission(question=URGENT_QUESTION)
    thanks, status = page(client, thanks_url(submission)), page(client, "/" + links(submission)[0])
    for html in (thanks, status):
        assert QUEUE_ORDER in html
        assert "in the order they arrive, most urgent first" not in html
        assert DO_NOT_WAIT in html and NOT_SEEN not in html
    assert WILL_EMAIL in thanks
    assert "Received." not in thanks  # the thanks say it: no status line while it waits
    assert "Withdraw this question and erase your details" in status


@pytest.mark.parametrize("client_withdraws_from", ["thanks", "receipt"])
def test_a_withdrawn_questions_thanks_page_says_only_that_it_is_withdrawn_and_erased(
    client, client_withdraws_from
):
    submission = make_submission(question=URGENT_QUESTION, consent_to_publish=False)
    url = thanks_url(submission)
    withdraw = (
        url + "withdraw/" if client_withdraws_from == "thanks" else "/" + links(submission)[1]
    )
    client.post(withdraw)
    html = page(client, url)
    assert "<h1>Question withdrawn</h1>" in html
    assert (
        f"Your question {submission.reference} is withdrawn, and your name, e-mail address and "
        "question are erased." in html
    )
    for untrue in (
        "Thank you",
        "has been sent",
        "without an e-mail address",
        "send your question again",
        "We will",
        "In the meantime",
        QUEUE_ORDER,
    ):
        assert untrue not in html, untrue
    # Its signs went with the details: every asker is told what to do if it showed one.
    assert TOLD_US_A_SIGN in html


def test_a_published_questions_details_erased_are_not_called_withdrawn(client, editor, area):
    submission = make_submission()
    answered(submission, editor, area, "published")
    url = thanks_url(submission)
    client.post(url + "withdraw/")
    html = page(client, url)
    assert "<h1>Your details are erased</h1>" in html
    assert f"Your name, e-mail address and question {submission.reference} are erased." in html
    assert "withdrawn" not in html and "Thank you" not in html


@pytest.mark.parametrize("how", ["privately", "published", "duplicate"])
def test_an_answered_questions_pages_promise_no_step_already_done(client, editor, area, how):
    submission = make_submission(question=URGENT_QUESTION, consent_to_publish=how == "published")
    answered(submission, editor, area, how)
    thanks, status = page(client, thanks_url(submission)), page(client, "/" + links(submission)[0])
    assert WILL_EMAIL not in thanks and QUEUE_ORDER not in thanks
    assert "withdraw this one" not in thanks and "erase your details from this one" in thanks
    # Closed, it can no longer be withdrawn: its link erases the details only.
    assert (
        "Withdraw this question" not in status and "Erase your details from this question" in status
    )
    for html in (thanks, status):
        assert "Do not wait for our answer" not in html
        assert NOT_SEEN in html
        # The urgent advice still leads.
        assert html.index('id="urgent-heading"') < html.index(NOT_SEEN)
    said = {
        "privately": "Answered privately.",
        "published": "Answered and published.",
        "duplicate": "Answered before.",
    }
    assert said[how] in thanks
    if how == "published":
        assert submission.published_question.get_absolute_url() in thanks


def test_an_answered_question_waiting_to_be_published_is_not_waited_for(client, editor, area):
    submission = make_submission(question=URGENT_QUESTION)
    services.assign(submission=submission, editor=editor)
    submission.category, submission.title = area, "Numbness after acupuncture"
    submission.save()
    services.mark_answered(
        submission=submission, by=editor, answer="It usually passes.", follows_urgent_advice=True
    )
    thanks, status = page(client, thanks_url(submission)), page(client, "/" + links(submission)[0])
    for html in (thanks, status):
        assert "The panel has answered it and the editors are preparing it" in html
        assert "Do not wait for our answer" not in html and NOT_SEEN in html
    # Still to come, so still said.
    assert WILL_EMAIL in thanks and QUEUE_ORDER not in thanks


def test_a_rejected_questions_thanks_page_says_so_and_promises_nothing(client, editor):
    submission = make_submission(consent_to_publish=False)
    services.reject(submission=submission, by=editor)
    html = page(client, thanks_url(submission))
    assert "Closed without an answer.</strong> The panel could not answer this question." in html
    assert WILL_EMAIL not in html and QUEUE_ORDER not in html and "In the meantime" not in html


def test_an_asker_with_no_way_to_be_answered_is_not_told_so_once_the_answer_is_shown(
    client, editor, area
):
    submission = make_submission(email="", consent_to_publish=False)
    html = page(client, thanks_url(submission))
    assert "we have no way to send you the answer" in html
    answered(submission, editor, area, "privately")
    html = page(client, thanks_url(submission))
    assert "Answered privately." in html and "It usually passes." in html
    assert "we have no way to send you the answer" not in html


def test_being_answered_says_so_on_the_thanks_page(client, editor):
    submission = make_submission()
    services.assign(submission=submission, editor=editor)
    html = page(client, thanks_url(submission))
    assert "Being answered.</strong> A member of the expert panel is working on it." in html
    assert QUEUE_ORDER not in html and WILL_EMAIL in html
