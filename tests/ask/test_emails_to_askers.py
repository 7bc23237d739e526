"""Every e-mail to an asker, as queued: urgent advice first and nothing after it that reads as
leave to wait, nothing the site does not know, no more of the asker's data than it needs, and in
every one how to erase their details and where it says when they end."""

import pytest

from archive.red_flags import BY_NAME
from ask import services
from ask.models import Submission
from tests.ask.conftest import make_submission, receipt
from tests.ask.test_typical_wait import answer_after
from tests.factories import make_question

pytestmark = pytest.mark.django_db

URGENT_QUESTION = "My back hurts and since yesterday I cannot control my bladder. Is this normal?"
CALM_QUESTION = "Is it normal to feel tired for a day after acupuncture for my lower back?"
NOT_SURE = "If you are not sure what to do, call NHS 111. In an emergency, always call 999."
QUICKLY_999 = "If your symptoms get worse quickly, call 999 or go to A&E now."
PRIVACY_URL = "/about/privacy/"
HOW = ["privately", "published", "duplicate"]


def closed(editor, area, how, question):
    """A question closed `how`, and the one e-mail that told its asker."""
    submission = make_submission(question=question, consent_to_publish=how == "published")
    if how == "duplicate":
        original = make_question(area, title="Tired after acupuncture")
        services.close_as_duplicate(submission=submission, by=editor, duplicate_of=original)
    else:
        services.assign(submission=submission, editor=editor)
        submission.category, submission.title = area, "Tired after acupuncture"
        submission.save()
        services.mark_answered(submission=submission, by=editor, answer="It usually passes.")
        if how == "published":
            services.publish(submission=submission, by=editor)
    (email,) = submission.emails.exclude(pk=receipt(submission).pk)
    return submission, email


@pytest.mark.parametrize("how", HOW)
def test_an_urgent_askers_answer_ends_with_do_not_wait_not_with_see_your_doctor(editor, area, how):
    # "Talk to your doctor" after "Call 999 or go to A&E now" reads as leave to wait.
    _, email = closed(editor, area, how, URGENT_QUESTION)
    assert "talk to your doctor" not in email.body
    after_advice = email.body.split(BY_NAME["bladder_bowel"].advice, 1)[1]
    assert "do not wait: get the help at the top of this e-mail now" in after_advice


@pytest.mark.parametrize("how", HOW)
def test_a_calm_askers_answer_sends_quickly_worsening_symptoms_to_999(editor, area, how):
    _, email = closed(editor, area, how, CALM_QUESTION)
    assert QUICKLY_999 in email.body
    assert "before you read on" not in email.body


@pytest.mark.parametrize("how", HOW)
def test_the_urgent_advice_ends_as_the_pages_do_with_111_when_unsure(editor, area, how):
    submission, email = closed(editor, area, how, URGENT_QUESTION)
    for body in (receipt(submission).body, email.body):
        assert body.index(NOT_SURE) < body.index("Thank you for your question")


def test_a_sign_whose_rule_was_retired_leaves_no_lead_in_over_an_empty_list(editor):
    submission = make_submission(question=URGENT_QUESTION, consent_to_publish=False)
    # Still urgent, but the only sign it stored names a rule the site no longer has.
    Submission.objects.filter(pk=submission.pk).update(red_flags_in_text=["a_retired_rule"])
    services.assign(submission=submission, editor=editor)
    services.mark_answered(submission=submission, by=editor, answer="It usually passes.")
    (email,) = submission.emails.exclude(pk=receipt(submission).pk)
    assert "before you read on" not in email.body
    assert "the help at the top of this e-mail" not in email.body
    assert QUICKLY_999 in email.body


def test_an_urgent_receipt_says_do_not_wait_right_after_the_usual_wait(editor):
    for days in [4, 6, 9, 20, 25]:
        answer_after(editor, days)
    body = receipt(make_submission(question=URGENT_QUESTION)).body
    wait = "were answered within 9 days of arriving."
    assert body.split(wait, 1)[1].startswith(" Do not wait for our answer before getting the help")


def test_the_private_answer_does_not_quote_the_askers_question(editor, area):
    _, email = closed(editor, area, "privately", CALM_QUESTION)
    assert "It usually passes." in email.body
    assert CALM_QUESTION not in email.body and "Your question was" not in email.body


def test_the_receipt_does_not_promise_an_answer_that_may_never_come():
    body = receipt(make_submission()).body
    assert "Not every question can be answered: if yours cannot, the page at the link below" in body


def test_the_receipt_says_how_to_withdraw_and_what_it_leaves_published():
    body = receipt(make_submission(consent_to_publish=True)).body
    assert "Open this link to withdraw your question and erase your name" in body
    assert "once published, the question and answer stay in the archive" in body
    private = receipt(make_submission(consent_to_publish=False)).body
    assert "stay in the archive" not in private


@pytest.mark.parametrize("how", ["receipt", *HOW])
def test_every_email_says_where_its_askers_details_end_and_how_to_end_them_now(editor, area, how):
    if how == "receipt":
        body = receipt(make_submission()).body
    else:
        body = closed(editor, area, how, CALM_QUESTION)[1].body
    assert "http://127.0.0.1:8000" + PRIVACY_URL in body
    assert "erase" in body and "withdraw" in body


def test_the_duplicate_email_claims_no_more_than_a_question_like_theirs(editor, area):
    _, email = closed(editor, area, "duplicate", CALM_QUESTION)
    assert "the same question" not in email.body
    assert "A question like yours already has an answer on our site" in email.body
    assert "we will not answer yours separately" in email.body


@pytest.mark.parametrize("how", HOW)
def test_no_email_holds_another_askers_details(editor, area, how):
    other = make_submission(name="Bea Other", email="bea@example.org", question=URGENT_QUESTION)
    submission, email = closed(editor, area, how, CALM_QUESTION)
    for body in (receipt(submission).body, email.body):
        for theirs in ("Bea Other", "bea@example.org", other.reference, "bladder"):
            assert theirs not in body
