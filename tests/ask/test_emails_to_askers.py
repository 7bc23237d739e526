"""Every e-mail to an asker, as queued: one whatever becomes of the question, urgent advice first
(in the subject too) and nothing after it that reads as leave to wait, nothing the site does not
know, no more of the asker's data than it needs, and in every one how to erase their details and
when they end."""

import re
from datetime import timedelta

import pytest
from django.conf import settings

from archive.red_flags import BY_NAME
from ask import services
from ask.models import Submission
from tests.ask.conftest import make_submission, receipt
from tests.ask.test_retention import OLD_ADDRESSES, with_old_address
from tests.ask.test_typical_wait import answer_after
from tests.factories import make_question

pytestmark = pytest.mark.django_db

URGENT_QUESTION = "My back hurts and since yesterday I cannot control my bladder. Is this normal?"
CALM_QUESTION = "Is it normal to feel tired for a day after acupuncture for my lower back?"
NOT_SURE = "If you are not sure what to do, call NHS 111. In an emergency, always call 999."
QUICKLY_999 = "If your symptoms get worse quickly, call 999 or go to A&E now."
PRIVACY_URL = "/about/privacy/"
# Closed without an answer: rejected, expired unanswered, or expired with its answer withheld
# because it makes a claim the site knows is not true.
UNANSWERED = ["rejected", "expired", "withheld"]
HOW = ["privately", "published", "duplicate", *UNANSWERED]
EDITORS_NOTE = "Carl from Leeds rang: he has asked this three times"
UNTRUE = "NICE recommends acupuncture for back pain."


def closed(editor, area, how, question):
    """A question closed `how`, and the one e-mail that told its asker."""
    submission = make_submission(
        question=question, consent_to_publish=how in ("published", "withheld")
    )
    if how == "duplicate":
        original = make_question(area, title="Tired after acupuncture")
        services.close_as_duplicate(submission=submission, by=editor, duplicate_of=original)
    elif how == "rejected":
        services.reject(submission=submission, by=editor, note=EDITORS_NOTE)
    elif how == "expired":
        left_open_too_long(submission)
    else:
        services.assign(submission=submission, editor=editor, note=EDITORS_NOTE)
        submission.category, submission.title = area, "Tired after acupuncture"
        submission.save()
        # Under a sign's advice, "it usually passes" goes out only as the editor confirms it.
        confirmed = {"follows_urgent_advice": True}
        services.mark_answered(
            submission=submission, by=editor, answer="It usually passes.", **confirmed
        )
        if how == "published":
            services.publish(submission=submission, by=editor, **confirmed)
        if how == "withheld":
            services.save_draft(submission=submission, by=editor, answer=UNTRUE)
            left_open_too_long(submission)
    (email,) = submission.emails.exclude(pk=receipt(submission).pk)
    return submission, email


def left_open_too_long(submission):
    """Let the retention close `submission`, sent long enough ago."""
    days = settings.ASK_CLOSE_AFTER_DAYS
    submission.created_at -= timedelta(days=days)
    submission.save(update_fields=["created_at"])
    services.close_stale(days=days)
    submission.refresh_from_db()


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
    assert (
        "Not every question can be answered: if yours cannot, we will e-mail you to say so" in body
    )


def test_the_receipt_promises_only_the_e_mails_the_site_sends():
    """An asker who agreed to publishing hears when it is published or closed without publishing,
    not when it is answered; the receipt says what the thanks page says."""
    body = receipt(make_submission(consent_to_publish=True)).body
    assert "When it is answered we will e-mail you" not in body
    assert "as you agreed, publish the question" not in body
    assert (
        "We will e-mail you once your question is published, with its link, or closed without "
        "publishing, with the panel's answer, an answer to a question like yours, or word that "
        "it could not be answered. If it is published, it is without your name or e-mail "
        "address, as you agreed." in body
    )
    private = receipt(make_submission(consent_to_publish=False)).body
    assert (
        "We will e-mail you once your question is closed: with the panel's answer, an answer to "
        "a question like yours, or word that it could not be answered. It will not be published."
        in private
    )


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


def test_the_published_email_gives_the_answer_itself_and_promises_no_page_for_ever(editor, area):
    # An editor may later edit or delete the Q&A: the asker keeps the answer they were told of.
    submission, email = closed(editor, area, "published", CALM_QUESTION)
    assert "It usually passes." in email.body
    assert submission.published_question.get_absolute_url() in email.body
    assert "stay in the archive" not in email.body.split("To erase them now")[0]


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


@pytest.mark.parametrize("how", UNANSWERED)
def test_a_question_closed_without_an_answer_tells_its_asker_so(editor, area, how):
    submission, email = closed(editor, area, how, CALM_QUESTION)
    assert email.to == "ann@example.org"
    assert email.subject == f"We could not answer your question ({submission.reference})"
    assert "our expert panel could not answer it." in email.body
    assert "ask your doctor or call NHS 111" in email.body
    assert "http://127.0.0.1:8000/search/" in email.body
    assert "This answer is general information" not in email.body  # there is none
    # No reason: the history notes are the editors' alone, and a withheld answer stays unsent.
    for internal in (EDITORS_NOTE, "Still open", "was not sent", UNTRUE):
        assert internal not in email.body


@pytest.mark.parametrize("how", UNANSWERED)
def test_an_urgent_askers_unanswered_question_sends_them_for_help_not_to_their_doctor(
    editor, area, how
):
    _, email = closed(editor, area, how, URGENT_QUESTION)
    advice = BY_NAME["bladder_bowel"].advice
    assert email.body.index(advice) < email.body.index("could not answer it")
    after_advice = email.body.split(advice, 1)[1]
    assert after_advice.index("Once you have been seen") < after_advice.index("your doctor")


@pytest.mark.parametrize("how", ["rejected", "expired"])
@pytest.mark.parametrize("address", OLD_ADDRESSES)
def test_an_unanswered_question_to_an_address_that_fails_todays_check_is_closed_unsent(
    editor, how, address
):
    submission = with_old_address(make_submission(), address)
    if how == "rejected":
        services.reject(submission=submission, by=editor, note=EDITORS_NOTE)
    else:
        left_open_too_long(submission)
    submission.refresh_from_db()
    assert not submission.is_open
    assert submission.emails.count() == 1  # the receipt, sent before the address changed
    assert submission.history.last().note.endswith(services.UNSENDABLE_ADDRESS)


def withdraw_link(email):
    """The withdraw link an e-mail gives, as a path."""
    return re.search(r"http://127\.0\.0\.1:8000(/ask/withdraw/\S+/)", email.body)[1]


@pytest.mark.parametrize("how", HOW)
def test_every_closing_email_gives_the_askers_own_withdraw_link_and_the_days_left(
    editor, area, how, settings
):
    settings.ASK_ERASE_AFTER_DAYS = 45
    submission, email = closed(editor, area, how, CALM_QUESTION)
    assert "45 days after closing it" in email.body
    token = withdraw_link(email).split("/")[-2]
    assert services.submission_from_link(token, salt=services.WITHDRAW_SALT) == submission
    assert "first e-mail" not in email.body


@pytest.mark.parametrize("how", HOW)
def test_the_withdraw_link_in_a_closing_email_still_erases_the_askers_details(
    client, editor, area, how
):
    submission, email = closed(editor, area, how, CALM_QUESTION)
    assert client.post(withdraw_link(email)).status_code == 200
    submission.refresh_from_db()
    assert (submission.name, submission.email, submission.question) == ("", "", "")
    assert not submission.emails.exists()


SUBJECTS = {
    "privately": "Your question has been answered",
    "published": "Your question has been answered and published",
    "duplicate": "A question like yours has been answered before",
    **dict.fromkeys(UNANSWERED, "We could not answer your question"),
}


@pytest.mark.parametrize("how", HOW)
def test_each_subject_says_what_became_of_the_question_and_an_urgent_one_says_so_first(
    editor, area, how
):
    calm, calm_email = closed(editor, area, how, CALM_QUESTION)
    assert calm_email.subject == f"{SUBJECTS[how]} ({calm.reference})"
    urgent, urgent_email = closed(editor, area, how, URGENT_QUESTION)
    for email in (receipt(urgent), urgent_email):
        assert email.subject.startswith("Get medical help now – ")
    assert urgent_email.subject == f"Get medical help now – {SUBJECTS[how]} ({urgent.reference})"
