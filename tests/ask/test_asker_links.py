"""The asker's receipt e-mail and its two signed links: where the question stands, and
withdrawing it with its personal data. No log-in; a link cannot be made from a reference."""

import re
import time
from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.core import signing
from django.utils import timezone

from archive.models import Question
from ask import services
from ask.models import Submission
from ask.views import thanks_url
from tests.ask.conftest import links, make_submission, receipt
from tests.factories import make_question

pytestmark = pytest.mark.django_db
State = Submission.State


def test_the_receipt_gives_the_reference_what_happens_next_and_both_links(
    django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        submission = make_submission()
    (mail,) = mailoutbox
    assert mail.to == ["ann@example.org"]
    assert submission.reference in mail.subject and submission.reference in mail.body
    assert (
        "Questions that show a warning sign are answered first, then the others in the order they arrive."
        in mail.body
    )
    status, withdraw = links(submission)
    assert status.startswith("ask/status/") and withdraw.startswith("ask/withdraw/")


def test_no_receipt_without_an_address():
    submission = make_submission(email="")
    assert not submission.emails.exists()


def test_the_status_page_follows_the_question_through_the_queue(client, editor, area):
    submission = make_submission()
    status, _ = links(submission)
    assert "Received." in client.get("/" + status).content.decode()
    services.assign(submission=submission, editor=editor)
    assert "Being answered." in client.get("/" + status).content.decode()
    submission.category, submission.title = area, "Tired after acupuncture"
    submission.save()
    services.mark_answered(submission=submission, by=editor, answer="It usually passes.")
    services.publish(submission=submission, by=editor)
    html = client.get("/" + status).content.decode()
    assert "Answered and published." in html
    assert submission.published_question.get_absolute_url() in html
    assert "Ann" not in html and "ann@example.org" not in html


def published(editor, area):
    """A question answered and published in the archive, as the status page test above does."""
    submission = make_submission()
    services.assign(submission=submission, editor=editor)
    submission.category, submission.title = area, "Tired after acupuncture"
    submission.save()
    services.mark_answered(submission=submission, by=editor, answer="It <usually> passes.")
    return services.publish(submission=submission, by=editor)


@pytest.mark.parametrize(
    "taken_down",
    [
        {"status": "draft"},
        {"published_at": timezone.now() + timedelta(days=2)},  # scheduled for later
    ],
    ids=["set back to draft", "scheduled for later"],
)
def test_a_published_answer_readers_cannot_open_now_is_not_linked_but_shown_to_its_asker(
    client, editor, area, taken_down
):
    submission = published(editor, area)
    qa = submission.published_question
    Question.objects.filter(pk=qa.pk).update(**taken_down)
    assert client.get(qa.get_absolute_url()).status_code == 404
    status, withdraw = links(submission)

    html = client.get("/" + status).content.decode()
    assert "Answered and published" not in html
    assert qa.get_absolute_url() not in html
    assert "Answered.</strong> The answer is not in the archive at the moment." in html
    assert "It &lt;usually&gt; passes." in html  # their own answer, escaped

    html = client.get("/" + withdraw).content.decode()
    assert "stays in the archive" not in html
    assert "Its answer is not in the archive at the moment" in html


def test_a_published_answer_back_in_the_archive_is_linked_again(client, editor, area):
    submission = published(editor, area)
    qa = submission.published_question
    status = "/" + links(submission)[0]
    Question.objects.filter(pk=qa.pk).update(status="draft")
    assert "not in the archive at the moment" in client.get(status).content.decode()
    Question.objects.filter(pk=qa.pk).update(status="published")
    html = client.get(status).content.decode()
    assert "Answered and published." in html and qa.get_absolute_url() in html
    assert "It &lt;usually&gt; passes." not in html  # the archive has it


def test_a_private_answer_is_shown_on_the_status_page(client, editor):
    submission = make_submission(consent_to_publish=False)
    services.assign(submission=submission, editor=editor)
    services.mark_answered(submission=submission, by=editor, answer="Rest <and> move gently.")
    html = client.get("/" + links(submission)[0]).content.decode()
    assert "Answered privately." in html
    assert "Rest &lt;and&gt; move gently." in html


def test_a_private_answer_to_an_urgent_question_ends_with_do_not_wait(client, editor):
    # "Talk to your doctor" after the urgent advice would read as leave to wait.
    submission = make_submission(question=URGENT_QUESTION, consent_to_publish=False)
    services.assign(submission=submission, editor=editor)
    services.mark_answered(submission=submission, by=editor, answer="Rest, then move gently.")
    html = client.get("/" + links(submission)[0]).content.decode()
    after = html[html.index("Rest, then move gently.") :]
    assert "do not wait:</strong>" in after
    assert "Talk to your doctor or practitioner about your symptoms" not in html


def test_a_duplicate_links_to_the_answer(client, editor, area):
    original = make_question(area, title="Tiredness after acupuncture")
    submission = make_submission()
    services.close_as_duplicate(submission=submission, by=editor, duplicate_of=original)
    html = client.get("/" + links(submission)[0]).content.decode()
    assert original.get_absolute_url() in html


@pytest.mark.parametrize(
    "taken_down",
    [{"status": "draft"}, {"published_at": timezone.now() + timedelta(days=2)}],
    ids=["set back to draft", "scheduled for later"],
)
def test_a_duplicates_answer_readers_cannot_open_now_is_not_linked(
    client, editor, area, taken_down
):
    original = make_question(area, title="Tiredness after acupuncture")
    submission = make_submission()
    services.close_as_duplicate(submission=submission, by=editor, duplicate_of=original)
    Question.objects.filter(pk=original.pk).update(**taken_down)
    assert client.get(original.get_absolute_url()).status_code == 404
    status, withdraw = links(submission)
    html = client.get("/" + status).content.decode()
    assert original.get_absolute_url() not in html and "Tiredness after" not in html
    assert "already has an answer, but it is not in the archive at the moment." in html
    html = client.get("/" + withdraw).content.decode()
    assert original.get_absolute_url() not in html and "Tiredness after" not in html
    assert "That answer is not in the archive at the moment." in html
    # Back in the archive, it is linked again.
    back = {"status": "published", "published_at": original.published_at}
    Question.objects.filter(pk=original.pk).update(**back)
    assert original.get_absolute_url() in client.get("/" + status).content.decode()
    assert original.get_absolute_url() in client.get("/" + withdraw).content.decode()


def test_the_withdraw_link_asks_first_then_withdraws_and_erases_at_once(client):
    submission = make_submission()
    status, withdraw = links(submission)
    page = client.get("/" + withdraw)
    assert "Withdraw my question and erase my details" in page.content.decode()
    assert Submission.objects.get().state == State.NEW  # a link checker changes nothing

    done = client.post("/" + withdraw).content.decode()
    assert "Your question is withdrawn" in done
    submission.refresh_from_db()
    assert submission.state == State.WITHDRAWN
    assert (submission.name, submission.email, submission.question) == ("", "", "")
    assert not submission.emails.exists()
    assert "Withdrawn." in client.get("/" + status).content.decode()
    client.post("/" + withdraw)  # again: nothing more to do, and no error
    assert Submission.objects.get().state == State.WITHDRAWN


def test_links_cannot_be_made_from_a_reference_or_swapped(client):
    submission = make_submission()
    status, withdraw = links(submission)
    assert client.get(f"/ask/status/{submission.reference}/").status_code == 404
    assert client.post(f"/ask/withdraw/{submission.reference}/").status_code == 404
    swapped = withdraw.replace("ask/withdraw/", "ask/status/")
    assert client.get("/" + swapped).status_code == 404
    assert client.post("/" + status.replace("ask/status/", "ask/withdraw/")).status_code == 404
    assert Submission.objects.get().state == State.NEW


def test_the_asker_pages_are_not_cached_or_indexed(client):
    status, withdraw = links(make_submission())
    for url in (status, withdraw):
        response = client.get("/" + url)
        assert "no-cache" in response.headers["Cache-Control"]
        assert '<meta name="robots" content="noindex">' in response.content.decode()


def test_an_urgent_askers_receipt_repeats_the_urgent_advice():
    submission = make_submission(question="I have numbness around my genitals since yesterday")
    body = receipt(submission).body
    assert "Please do not wait for our answer" in body
    assert "Call 999 or go to A&E now." in body
    # First, before the reference and what happens next.
    assert body.index("Call 999 or go to A&E now.") < body.index("Thank you for your question")


def test_an_urgent_askers_status_page_gives_the_urgent_advice_first(client):
    urgent = make_submission(question="I have numbness around my genitals since yesterday")
    html = client.get("/" + links(urgent)[0]).content.decode()
    assert html.index('Call <a href="tel:999">999</a> or go to A&amp;E now.') < html.index(
        "Received."
    )
    calm = make_submission(question="Is it normal to feel tired after a session of acupuncture?")
    assert "Get medical help now" not in client.get("/" + links(calm)[0]).content.decode()


URGENT_QUESTION = "I have numbness around my genitals since yesterday"
EMERGENCY_ADVICE = "Call 999 or go to A&E now."


def answered(submission, editor, area, how):
    """The submission answered and closed `how`: privately, published or as a duplicate."""
    if how == "duplicate":
        original = make_question(area, title="Numbness after acupuncture")
        services.close_as_duplicate(submission=submission, by=editor, duplicate_of=original)
        return
    services.assign(submission=submission, editor=editor)
    submission.category, submission.title = area, "Numbness after acupuncture"
    submission.save()
    # Without consent to publish, marking it answered closes it and e-mails the answer. Under a
    # sign's advice, "it usually passes" goes out only as the editor confirms it follows it.
    confirmed = {"follows_urgent_advice": True}
    services.mark_answered(
        submission=submission, by=editor, answer="It usually passes.", **confirmed
    )
    if how == "published":
        services.publish(submission=submission, by=editor, **confirmed)


@pytest.mark.parametrize("how", ["privately", "published", "duplicate"])
def test_an_urgent_askers_answer_repeats_the_urgent_advice_before_it(client, editor, area, how):
    urgent = make_submission(question=URGENT_QUESTION, consent_to_publish=how == "published")
    answered(urgent, editor, area, how)
    (email,) = urgent.emails.exclude(pk=receipt(urgent).pk)
    assert EMERGENCY_ADVICE in email.body
    assert email.body.index(EMERGENCY_ADVICE) < email.body.index("Thank you for your question")
    html = client.get("/" + links(urgent)[0]).content.decode()
    assert "If you have not been seen about this yet, get medical help now" in html
    assert html.index('Call <a href="tel:999">999</a> or go to A&amp;E now.') < html.index(
        "Answered"
    )


def test_a_calm_askers_answer_carries_no_urgent_advice(client, editor, area):
    calm = make_submission(consent_to_publish=False)
    answered(calm, editor, area, "privately")
    (email,) = calm.emails.exclude(pk=receipt(calm).pk)
    assert EMERGENCY_ADVICE not in email.body and "before you read on" not in email.body
    assert "get medical help now" not in client.get("/" + links(calm)[0]).content.decode()


def test_once_erased_the_status_page_no_longer_names_the_signs(client, editor, area):
    urgent = make_submission(question=URGENT_QUESTION, consent_to_publish=False)
    answered(urgent, editor, area, "privately")
    status = links(urgent)[0]
    services.erase_personal_data(days=0)
    html = client.get("/" + status).content.decode()
    assert "have been erased" in html
    assert "genitals" not in html and "get medical help now" not in html


def test_the_withdraw_page_keeps_the_advice_of_an_urgent_question_before_and_after(client):
    submission = make_submission(question="I have numbness around my genitals since yesterday")
    _, withdraw = links(submission)
    heading = "If you have not been seen about this yet, get medical help now"
    asking = client.get("/" + withdraw).content.decode()
    assert asking.index(heading) < asking.index('<form method="post">')
    # The button sends the signs the page showed, as the question's are erased at once.
    sent = {"signs": re.findall(r'name="signs" value="([^"]+)"', asking)}
    assert sent["signs"] == ["saddle_numbness"]
    assert heading in client.post("/" + withdraw, sent).content.decode()
    # A double click: the second press's answer is the page the asker sees.
    assert heading in client.post("/" + withdraw, sent).content.decode()
    later = client.get("/" + withdraw).content.decode()
    assert heading not in later  # erased: only the state, as on the status page


def closed_as(how, editor, area, **fields):
    """A submission closed `how` (each way a question ends other than being withdrawn), and
    its withdraw link."""
    submission = make_submission(consent_to_publish=how == "published", **fields)
    if how == "rejected":
        services.reject(submission=submission, by=editor)
    elif how == "expired":
        services.close_stale(days=0)
    else:
        answered(submission, editor, area, how)
    submission.refresh_from_db()
    return submission, links(submission)[1]


# What the withdraw page says of each closed state: the state it keeps.
CLOSED_STATES = {
    "privately": (State.ANSWERED, "Answered privately."),
    "published": (State.PUBLISHED, "Answered and published."),
    "duplicate": (State.CLOSED_DUPLICATE, "Answered before."),
    "rejected": (State.REJECTED, "Closed without an answer."),
    "expired": (State.EXPIRED, "Closed unanswered."),
}


@pytest.mark.parametrize("how", CLOSED_STATES)
def test_the_withdraw_link_of_a_closed_question_says_it_erases_details_only(
    client, editor, area, how
):
    submission, withdraw = closed_as(how, editor, area)
    state, said = CLOSED_STATES[how]
    asking = client.get("/" + withdraw).content.decode()
    assert f"<h1>Erase your details from question {submission.reference}</h1>" in asking
    assert said in asking and "cannot be withdrawn" in asking
    assert "Erase my details</button>" in asking and "withdraws your question" not in asking

    done = client.post("/" + withdraw).content.decode()
    submission.refresh_from_db()
    assert (submission.state, submission.question) == (state, "")
    assert "<h1>Your details are erased</h1>" in done
    assert "<title>Your details are erased" in done
    assert "Your name, e-mail address and question are erased." in done
    assert said in done and "cannot be withdrawn" in done
    assert "withdrawn," not in done and "Question withdrawn" not in done


def test_the_withdraw_link_of_an_open_question_still_says_it_is_withdrawn(client):
    _, withdraw = links(make_submission())
    done = client.post("/" + withdraw).content.decode()
    assert "<h1>Question withdrawn</h1>" in done
    assert (
        "Your question is withdrawn, and your name, e-mail address and question are erased." in done
    )
    assert "cannot be withdrawn" not in done


def test_a_later_visit_says_the_details_are_erased_not_done_now(client, editor, area):
    submission, withdraw = closed_as("rejected", editor, area)
    services.erase_personal_data(days=0)
    later = client.get("/" + withdraw).content.decode()
    assert "<h1>Your details are erased</h1>" in later
    assert "Done." not in later and "Closed without an answer." in later
    assert '<form method="post">' not in later


@pytest.mark.parametrize("how", CLOSED_STATES)
def test_erasing_a_closed_urgent_questions_details_keeps_the_advice_first(
    client, editor, area, how
):
    _, withdraw = closed_as(how, editor, area, question=URGENT_QUESTION)
    heading = "If you have not been seen about this yet, get medical help now"
    said = CLOSED_STATES[how][1]
    for page in (client.get("/" + withdraw), client.post("/" + withdraw)):
        html = page.content.decode()
        assert html.index(heading) < html.index(said)


# Closes the pages that can no longer say whether a question showed a sign: every asker reads it.
TOLD_US_A_SIGN = (
    "If you told us about a warning sign and have not been seen about it yet, get help now: "
    'see <a href="/urgent-help/">when to get urgent help</a>.'
)


def test_an_expired_thanks_page_tells_any_asker_who_showed_a_sign_to_get_help_now(client):
    # "If they get worse slowly, talk to your doctor" alone would read as leave to wait to an
    # asker who showed a sign, whom the page may no longer name.
    then = time.time() - 25 * 3600
    for question in (URGENT_QUESTION, "Is it normal to feel tired after acupuncture?"):
        with pytest.MonkeyPatch.context() as patched:
            patched.setattr(signing, "time", SimpleNamespace(time=lambda: then))
            url = thanks_url(make_submission(question=question))
        response = client.get(url)
        html = response.content.decode()
        assert response.status_code == 410
        assert html.index(TOLD_US_A_SIGN) < html.index("worse slowly"), question
        assert "get medical help now" not in html.lower()


def test_an_erased_status_page_tells_any_asker_who_showed_a_sign_to_get_help_now(
    client, editor, area
):
    urgent = make_submission(question=URGENT_QUESTION, consent_to_publish=False)
    calm = make_submission(consent_to_publish=False)
    for submission in (urgent, calm):
        answered(submission, editor, area, "privately")
    statuses = [links(submission)[0] for submission in (urgent, calm)]
    services.erase_personal_data(days=0)
    for status in statuses:
        html = client.get("/" + status).content.decode()
        assert "have been erased" in html
        assert html.index(TOLD_US_A_SIGN) < html.index("worse slowly")
        assert "get medical help now" not in html.lower()  # which sign, or any, is not said
    # Before erasure the page knows: the calm asker's ends with the everyday line alone.
    kept = make_submission(consent_to_publish=False)
    answered(kept, editor, area, "privately")
    html = client.get("/" + links(kept)[0]).content.decode()
    assert TOLD_US_A_SIGN not in html and "worse slowly" in html


def test_the_withdraw_page_of_an_urgent_question_ends_with_do_not_wait(client):
    _, withdraw = links(make_submission(question=URGENT_QUESTION))
    do_not_wait = "<strong>If you have not been seen about this yet, do not wait:</strong>"
    asking = client.get("/" + withdraw).content.decode()
    assert asking.index('<form method="post">') < asking.index(do_not_wait)
    done = client.post("/" + withdraw).content.decode()
    assert done.index("We will not e-mail you again.") < done.index(do_not_wait)
    _, calm = links(make_submission())
    assert "Do not wait" not in client.post("/" + calm).content.decode()


def thanks_url_from(hours_ago, submission):
    """The thank-you page's link as made `hours_ago`."""
    then = time.time() - hours_ago * 3600
    with pytest.MonkeyPatch.context() as patched:
        patched.setattr(signing, "time", SimpleNamespace(time=lambda: then))
        return thanks_url(submission)


def test_the_thank_you_pages_withdraw_link_works_for_its_day(client):
    submission = make_submission()
    withdraw = thanks_url_from(23, submission) + "withdraw/"
    assert withdraw in client.get(thanks_url_from(23, submission)).content.decode()
    assert "Withdraw my question and erase my details" in client.get(withdraw).content.decode()
    assert Submission.objects.get().state == State.NEW  # opening it changes nothing
    assert "Done." in client.post(withdraw).content.decode()
    assert Submission.objects.get().state == State.WITHDRAWN


@pytest.mark.parametrize("question", [URGENT_QUESTION, "Is it normal to feel tired after it?"])
def test_the_thank_you_pages_withdraw_link_ends_with_the_page_and_says_what_to_do(client, question):
    # Whoever opens the browser's history after the day can neither withdraw the question nor see
    # its signs; the asker is told the receipt's link still works.
    submission = make_submission(question=question)
    withdraw = thanks_url_from(25, submission) + "withdraw/"
    for response in (client.get(withdraw), client.post(withdraw)):
        html = response.content.decode()
        assert response.status_code == 410
        assert "Your question has not been withdrawn." in html
        assert "use the link in the receipt we e-mailed you" in html
        assert html.index(TOLD_US_A_SIGN) < html.index("worse slowly")
        assert "get medical help now" not in html.lower()
    submission.refresh_from_db()
    assert submission.state == State.NEW and submission.email
    # The receipt's own link has no end.
    assert client.post("/" + links(submission)[1]).status_code == 200
    assert Submission.objects.get().state == State.WITHDRAWN
