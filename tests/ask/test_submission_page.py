"""A question's page in admin as an editor works on it: what became of the e-mails to the asker,
the step buttons at the top, the boxes the answer and title are written in, the note that goes
with a step, starting from an earlier answer, the state in words and what each step says it
did."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission, User
from django.utils import timezone
from django.utils.html import escape

from ask import services
from ask.admin import ANSWERED_PRIVATELY, NOTE_NEEDS_A_STEP, REPLACES_DRAFT
from ask.models import OutgoingEmail, Submission
from tests.ask.conftest import make_submission, receipt
from tests.ask.test_admin import QUEUE, change_url, press, press_page, step_buttons
from tests.factories import make_question

pytestmark = pytest.mark.django_db
State = Submission.State


def field(html, name):
    """The HTML of one row of a submission's page (its label and its value)."""
    found = re.search(
        rf'<div class="form-row[^"]*field-{name}[^"]*">(.*?)(<div class="form-row|</fieldset>)',
        html,
        re.S,
    )
    assert found, f"no {name} on the page"
    return found[1]


def answered_privately(editor, **fields):
    submission = services.assign(submission=make_submission(**fields), editor=editor)
    services.mark_answered(submission=submission, by=editor, answer="Rest, then move gently.")
    services.close_unpublished(submission=submission, by=editor)
    return Submission.objects.get(pk=submission.pk)


# 1. E-mails to the asker


def test_the_page_says_what_became_of_each_email_to_the_asker_never_its_body(editor_client, editor):
    submission = services.assign(submission=make_submission(), editor=editor)
    OutgoingEmail.objects.filter(pk=receipt(submission).pk).update(
        sent_at=timezone.now(), attempts=1
    )
    services.mark_answered(submission=submission, by=editor, answer="Rest, then move gently.")
    services.close_unpublished(submission=submission, by=editor)
    answer = submission.emails.exclude(pk=receipt(submission).pk).get()
    # The mail server's refusal names the address, as typed and IDNA-encoded.
    answer.attempts, answer.last_error = (
        3,
        (
            "SMTPRecipientsRefused: {'ann@example.org': (550, b'5.1.1 <carl@xn--bcher-kva.de>: "
            "Recipient address rejected')}"
        ),
    )
    answer.save()

    emails = field(press_page(editor_client, submission), "emails_to_the_asker")
    assert "E-mails to the asker" in emails
    assert f"<strong>We have your question ({submission.reference})</strong>: sent at " in emails
    assert f"<strong>Your question has been answered ({submission.reference})</strong>" in emails
    assert "waiting (3 attempts, last error: SMTPRecipientsRefused:" in emails
    assert escape("<an e-mail address>") in emails
    assert "example.org" not in emails and "bcher" not in emails
    assert "Rest, then move gently" not in emails  # no body

    answer.attempts, answer.next_attempt_at = 18, None  # tried for days, then given up
    answer.save()
    emails = field(press_page(editor_client, submission), "emails_to_the_asker")
    assert "given up (18 attempts, last error:" in emails
    assert "the asker has not received it" in emails
    assert "next attempt" not in emails


def test_the_page_says_when_there_are_no_emails_and_why(editor_client, editor):
    untried = make_submission()
    assert "waiting (not tried yet)" in field(
        press_page(editor_client, untried), "emails_to_the_asker"
    )
    silent = make_submission(email="")
    assert "the asker gave no e-mail address" in field(
        press_page(editor_client, silent), "emails_to_the_asker"
    )
    erased = services.withdraw(submission=make_submission(), by=editor)
    assert "deleted with the asker" in field(
        press_page(editor_client, erased), "emails_to_the_asker"
    )


def test_the_outbox_itself_stays_closed_to_editors(editor_client):
    make_submission()
    assert editor_client.get("/admin/ask/outgoingemail/").status_code == 403
    email = OutgoingEmail.objects.get()
    assert editor_client.get(f"/admin/ask/outgoingemail/{email.pk}/change/").status_code == 403


def test_a_view_only_account_is_offered_no_button_the_server_refuses(client, editor, area):
    make_question(area, title="Tiredness after treatment", answer="Tiredness usually passes.")
    submission = services.assign(submission=make_submission(), editor=editor)
    noted = make_submission()
    for given_up in (submission, noted):
        OutgoingEmail.objects.filter(submission=given_up).update(attempts=18, next_attempt_at=None)
    services.note_unreachable(email=receipt(noted), by=editor)
    client.force_login(editor)
    html = press_page(client, submission)
    for button in ("_send_again", "_unreachable", "_start_from"):
        assert f'<button type="submit" name="{button}"' in html
    viewer = User.objects.create_user("viewer", password="pw", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_submission"))
    client.force_login(viewer)
    html = press_page(client, submission)
    assert "given up (18 attempts" in field(html, "emails_to_the_asker")
    assert "Tiredness after treatment" in field(html, "similar_answers")
    form = html.split('<form method="post" id="submission_form"')[1]
    assert re.findall(r'<(?:button|input)[^>]*type="submit"', form) == []
    assert client.post(change_url(submission), {"_send_again": "1"}).status_code == 403
    seen = field(press_page(client, noted), "emails_to_the_asker")
    assert "editor noted on " in seen and "that the asker cannot be reached" in seen
    assert "<button" not in seen


def test_the_queue_filters_questions_with_an_email_not_delivered(editor_client, editor):
    failing, given_up, sent, untried = (make_submission() for _ in range(4))
    OutgoingEmail.objects.filter(submission=failing).update(attempts=2, last_error="Refused")
    OutgoingEmail.objects.filter(submission=given_up).update(attempts=18, next_attempt_at=None)
    OutgoingEmail.objects.filter(submission=sent).update(attempts=2, sent_at=timezone.now())
    services.reject(submission=given_up, by=editor)  # closed ones count too
    page = editor_client.get(QUEUE, {"state": "all", "email": "undelivered"})
    assert set(page.context["cl"].result_list) == {failing, given_up}
    assert "E-mail not delivered" in page.text
    assert untried in editor_client.get(QUEUE, {"state": "all"}).context["cl"].result_list


# 2. and 3. The step buttons at the top, the whole width, the boxes


def test_the_step_buttons_are_above_the_form_as_well_as_below_it_once_each(editor_client, editor):
    submission = services.assign(submission=make_submission(), editor=editor)
    html = press_page(editor_client, submission)
    top, bottom = step_buttons(html)
    assert top == bottom == ["answer", "duplicate", "reject", "withdraw"]
    assert html.index('value="answer"') < html.index('name="answer"')  # above the answer box
    ids = re.findall(r'\sid="([^"]+)"', html)
    assert len(ids) == len(set(ids)), "an id is used twice"


def test_the_page_has_no_app_list_beside_it(editor_client, editor):
    submission = services.assign(submission=make_submission(), editor=editor)
    assert 'id="nav-sidebar"' in editor_client.get("/admin/ask/savedreply/").text  # elsewhere
    assert 'id="nav-sidebar"' not in press_page(editor_client, submission)


def test_the_answer_and_the_title_are_written_in_wide_boxes(editor_client, editor):
    submission = services.assign(submission=make_submission(), editor=editor)
    html = press_page(editor_client, submission)
    answer = re.search(r'<textarea name="answer"[^>]*>', html)[0]
    assert 'class="vLargeTextField"' in answer
    # Titles run to 200 characters: the whole of one in view, wrapping, as a Q&A's title box.
    title = re.search(r'<textarea name="title"[^>]*>', html)[0]
    assert 'rows="2"' in title and 'class="vLargeTextField title-box"' in title
    assert 'maxlength="200"' in title


# 5. The note for the history


def test_a_note_typed_before_a_plain_save_is_refused_and_kept(editor_client, editor):
    submission = services.assign(submission=make_submission(), editor=editor)
    steps = submission.history.count()
    response = press(
        editor_client,
        submission,
        ("_continue", "1"),
        title="A new title",
        note="Ann rang: she is seeing her GP on Monday.",
    )
    assert response.status_code == 200
    assert escape(NOTE_NEEDS_A_STEP) in response.text
    assert "Ann rang: she is seeing her GP on Monday.</textarea>" in response.text
    submission.refresh_from_db()
    assert (submission.title, submission.history.count()) == ("", steps)

    press(editor_client, submission, ("_continue", "1"), title="A new title")  # no note: saves
    submission.refresh_from_db()
    assert submission.title == "A new title"


def test_a_note_goes_into_the_history_with_the_step_it_was_typed_for(editor_client, editor, area):
    earlier = make_question(area, title="Earlier answer", answer="An earlier answer.")
    submission = services.assign(submission=make_submission(), editor=editor)
    press(editor_client, submission, ("_start_from", earlier.pk), note="Closest to hers.")
    assert (
        submission.history.last().note
        == "Started the answer from “Earlier answer”. Closest to hers."
    )
    press(editor_client, submission, "answer", note="Checked with Dr Lee.")
    assert submission.history.last().note == "Checked with Dr Lee."


def test_a_closed_question_offers_no_note(editor_client, editor):
    open_one = services.assign(submission=make_submission(), editor=editor)
    assert 'name="note"' in press_page(editor_client, open_one)
    rejected = services.reject(submission=make_submission(), by=editor)
    html = press_page(editor_client, rejected)
    assert 'name="note"' not in html and "Note for the history" not in html
    assert step_buttons(html) == [["erase"], ["erase"]]
    # Its one step still works from the page.
    press(editor_client, rejected, "erase")
    rejected.refresh_from_db()
    assert rejected.personal_data_erased_at is not None


# 6. Starting from an earlier answer


def start_buttons(html):
    return re.findall(r'<button type="submit" name="_start_from".*?</button>', html, re.S)


def test_starting_from_an_answer_asks_first_only_when_it_would_replace_a_draft(
    editor_client, editor, area
):
    make_question(area, title="Tiredness after treatment", answer="Tiredness usually passes.")
    submission = services.assign(submission=make_submission(), editor=editor)
    (button,) = start_buttons(press_page(editor_client, submission))
    assert "data-confirm=" not in button  # nothing to lose
    assert f'data-replaces="id_answer" data-replaces-confirm="{escape(REPLACES_DRAFT)}"' in button

    services.save_draft(submission=submission, by=editor, answer="My own draft.")
    (button,) = start_buttons(press_page(editor_client, submission))
    assert f'data-confirm="{escape(REPLACES_DRAFT)}"' in button
    assert "will be lost" in REPLACES_DRAFT


def test_each_start_from_button_names_the_qa_it_starts_from(editor_client, editor, area):
    make_question(area, title="Tiredness after treatment", answer="Tiredness usually passes.")
    make_question(area, title="Tired for days after acupuncture", answer="It can last a day.")
    submission = services.assign(submission=make_submission(), editor=editor)
    names = [
        re.sub(r"<[^>]+>", "", button.split(">", 1)[1]).split("(replaces")[0].strip()
        for button in start_buttons(press_page(editor_client, submission))
    ]
    assert sorted(names) == [
        "Start from this answer, “Tired for days after acupuncture”,",
        "Start from this answer, “Tiredness after treatment”,",
    ]


# 7. The state in words, the description, what each step did


def test_a_question_answered_privately_says_so_in_the_list_the_filter_and_its_page(
    editor_client, editor
):
    private = answered_privately(editor)
    to_publish = services.assign(submission=make_submission(), editor=editor)
    services.mark_answered(submission=to_publish, by=editor, answer="It usually passes.")

    queue = editor_client.get(QUEUE, {"state": "all"})
    states = {
        row.reference: re.search(rf"{row.reference}.*?field-state\">([^<]*)<", queue.text, re.S)[1]
        for row in queue.context["cl"].result_list
    }
    assert states == {private.reference: ANSWERED_PRIVATELY, to_publish.reference: "Answered"}
    filtered = editor_client.get(QUEUE, {"state": "answered_privately"})
    assert list(filtered.context["cl"].result_list) == [private]
    assert f">{ANSWERED_PRIVATELY}</a>" in filtered.text
    assert list(editor_client.get(QUEUE, {"state": "to_publish"}).context["cl"].result_list) == [
        to_publish
    ]
    html = press_page(editor_client, private)
    assert f'<div class="readonly">{ANSWERED_PRIVATELY}</div>' in field(html, "state")
    history = re.findall(r'<td class="field-to">\s*<p>([^<]*)</p>', html)
    assert history == ["New", "In review", "Answered", ANSWERED_PRIVATELY]
    assert ANSWERED_PRIVATELY not in press_page(editor_client, to_publish)


def test_the_page_that_asks_before_rejecting_names_a_privately_answered_question_so(
    editor_client, editor
):
    private = answered_privately(editor)
    html = editor_client.post(
        QUEUE + "?state=all",
        {"action": "reject_selected", "_selected_action": [private.pk, make_submission().pk]},
    ).text
    assert f"<strong>{private.reference}</strong> ({ANSWERED_PRIVATELY})" in html


def test_how_to_answer_is_said_only_while_the_question_is_open(editor_client, editor):
    how = "Assign the question to yourself, write the answer"
    open_one = services.assign(submission=make_submission(), editor=editor)
    assert how in press_page(editor_client, open_one)
    for closed in (
        answered_privately(editor),
        services.withdraw(submission=make_submission(), by=editor),
        services.reject(submission=make_submission(), by=editor),
    ):
        assert how not in press_page(editor_client, closed), closed.get_state_display()


def test_the_message_after_each_step_says_what_the_step_did(editor_client, editor, area):
    def message(submission, move, **changes):
        page = press(editor_client, submission, move, **changes)
        return [str(m) for m in page.context["messages"]]

    submission = make_submission(category=area)
    ref = submission.reference
    assert message(submission, "assign") == [f"{ref} is assigned to you: In review."]
    said = message(submission, "answer", title="Tired after acupuncture", answer="It passes.")
    assert said[0].startswith(f"{ref}: Answered. Publish it in the archive")
    assert message(submission, "publish") == [
        f"{ref}: Published in the archive as “Tired after acupuncture”; the asker is e-mailed "
        "its link."
    ]
    assert message(submission, "erase") == [
        f"{ref}: the asker's name, e-mail address and question, and the notes in its history, "
        "are erased; the question stays “Published”."
    ]

    private = services.assign(submission=make_submission(consent_to_publish=False), editor=editor)
    assert message(private, "answer", answer="Rest, then move gently.") == [
        f"{private.reference}: {ANSWERED_PRIVATELY}, not published: the asker is e-mailed the "
        "answer."
    ]
    silent = services.assign(submission=make_submission(email=""), editor=editor)
    services.mark_answered(submission=silent, by=editor, answer="Rest, then move gently.")
    assert message(silent, "close_unpublished") == [
        f"{silent.reference}: {ANSWERED_PRIVATELY}, not published: the asker gave no e-mail "
        "address, so is not sent the answer."
    ]
    unsendable = services.assign(submission=make_submission(), editor=editor)
    Submission.objects.filter(pk=unsendable.pk).update(email="ann@example")  # fails today's check
    services.mark_answered(submission=unsendable, by=editor, answer="Rest, then move gently.")
    assert message(unsendable, "close_unpublished") == [
        f"{unsendable.reference}: {ANSWERED_PRIVATELY}, not published: the asker's address "
        "cannot receive e-mail, so is not sent the answer."
    ]
    spam = make_submission()
    assert message(spam, "reject") == [
        f"{spam.reference}: Rejected, closed without an answer; the asker is e-mailed that it could "
        "not be answered."
    ]
    withdrawn = make_submission()
    assert message(withdrawn, "withdraw") == [
        f"{withdrawn.reference}: Withdrawn at the asker's request; their name, e-mail address "
        "and question, and the notes in its history, are erased."
    ]


# 8. Ages in whole days


@pytest.mark.parametrize(
    ("ago", "shown"),
    [
        (timedelta(days=12, hours=5), "12\xa0days"),
        (timedelta(days=7), "7\xa0days"),
        (timedelta(days=1, hours=3), "1\xa0day"),
        (timedelta(hours=5, minutes=10), "5\xa0hours"),
    ],
)
def test_the_queue_and_the_page_give_a_questions_age_in_whole_days(editor_client, ago, shown):
    submission = make_submission()
    Submission.objects.filter(pk=submission.pk).update(created_at=timezone.now() - ago)
    queue = editor_client.get(QUEUE).text
    assert f'<td class="field-age">{shown}</td>' in queue
    assert f"({shown} ago)" in press_page(editor_client, submission)
