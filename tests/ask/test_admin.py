"""The editors' side: the Editors group, the queue in admin, and the whole path from the public
form to a published, searchable Q&A, driven through the pages an editor uses."""

import calendar
import re
from datetime import UTC, datetime, timedelta

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.html import escape

from archive.models import Question
from ask import services
from ask.forms import new_form_token
from ask.models import OutgoingEmail, Submission, Transition
from tests.ask.conftest import make_editor, make_submission, receipt
from tests.factories import make_question
from tests.searching import found

pytestmark = pytest.mark.django_db
State = Submission.State
QUEUE = "/admin/ask/submission/"


def change_url(submission):
    return f"{QUEUE}{submission.pk}/change/"


def form_data(response, **changes):
    """What the browser would send back from an admin change page, with `changes` applied."""
    data = {}
    form = response.context["adminform"].form
    for name in form.fields:
        value = form[name].value()
        if value not in (None, False):
            data[name] = "on" if value is True else value
    for inline in response.context["inline_admin_formsets"]:
        management = inline.formset.management_form
        for name in management.fields:
            data[management.add_prefix(name)] = management[name].value()
    if response.context.get("page_token"):  # the page's own token, in a hidden box
        data["_page"] = response.context["page_token"]
    return data | changes


def press(client, submission, button, **changes):
    """Open the submission's page, change fields, press a button; return the page after."""
    page = client.get(change_url(submission))
    name, value = button if isinstance(button, tuple) else ("_transition", button)
    return client.post(
        change_url(submission), form_data(page, **changes) | {name: value}, follow=True
    )


def test_the_editors_group_has_exactly_the_permissions_the_work_needs(db):
    codenames = set(
        Group.objects.get(name="Editors").permissions.values_list(
            "content_type__app_label", "codename"
        )
    )
    assert codenames == {
        ("ask", "view_submission"),
        ("ask", "change_submission"),
        ("ask", "view_transition"),
        ("ask", "view_savedreply"),
        ("ask", "add_savedreply"),
        ("ask", "change_savedreply"),
        ("archive", "view_question"),
        ("archive", "add_question"),
        ("archive", "change_question"),
        ("archive", "view_category"),
        ("archive", "add_category"),
        ("archive", "change_category"),
        ("archive", "view_retiredslug"),
        ("search", "view_synonym"),
        ("search", "add_synonym"),
        ("search", "change_synonym"),
        ("search", "view_searchgap"),
        ("factsheets", "view_factsheet"),
        ("factsheets", "add_factsheet"),
        ("factsheets", "change_factsheet"),
        ("flatpages", "view_flatpage"),
        ("flatpages", "change_flatpage"),
        ("feedback", "view_feedbackpage"),
        ("feedback", "view_dailyfeedback"),
    }


def test_an_editor_cannot_delete_submissions_or_touch_user_accounts(editor_client):
    submission = make_submission()
    assert editor_client.get(f"{QUEUE}{submission.pk}/delete/").status_code == 403
    assert editor_client.get("/admin/auth/user/").status_code == 403
    assert editor_client.get(f"{QUEUE}add/").status_code == 403


def test_the_queue_shows_waiting_questions_urgent_first_then_oldest(editor_client, editor):
    now = timezone.now()
    plain_old, plain_new = make_submission(), make_submission()
    urgent_new = make_submission(question="I have had a fever for two days and my back aches")
    done = make_submission()
    Submission.objects.filter(pk=plain_old.pk).update(created_at=now - timedelta(days=9))

    services.reject(submission=done, by=editor)
    response = editor_client.get(QUEUE)
    assert list(response.context["cl"].result_list) == [urgent_new, plain_old, plain_new]
    assert '<span class="badge-urgent">Urgent</span>' in response.text


def test_the_queue_says_which_askers_the_answer_cannot_be_e_mailed_to(editor_client, editor):
    make_submission()
    make_submission(question="Will acupuncture help my sciatica?", consent_to_publish=False)
    make_submission(question="Can acupuncture help a stiff neck?", email="")
    make_submission(
        question="Is acupuncture safe in pregnancy?", email="", consent_to_publish=False
    )
    closed = make_submission(question="Buy cheap watches now", email="")
    services.reject(submission=closed, by=editor)
    page = editor_client.get(QUEUE, {"state": "all"}).text
    cells = re.findall(r'<th class="field-reference_and_urgency">(.*?)</th>', page, re.S)
    assert [re.findall(r'class="no-email">(.*?)<', cell) for cell in cells] == [
        [],
        [],
        ["No e-mail; archive only"],
        ["No e-mail; not to publish"],
        [],  # closed: nothing more to send
    ]


def test_the_queue_filters_by_state_urgency_body_area_and_age(editor_client, editor, area):
    old = make_submission(category=area)
    other = make_submission(red_flags_ticked=["fever"])
    services.assign(submission=other, editor=editor)
    Submission.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=40))
    by = {
        "category__id__exact": area.pk,
        "age": "older",
        "urgent__exact": 0,
        "state": "new",
    }
    assert list(editor_client.get(QUEUE, {"state": "in_review"}).context["cl"].result_list) == [
        other
    ]
    for name, value in by.items():
        result = editor_client.get(QUEUE, {name: value}).context["cl"].result_list
        assert list(result) == [old], name
    assert len(editor_client.get(QUEUE, {"state": "rejected"}).context["cl"].result_list) == 0


def test_the_queue_searches_reference_and_words(editor_client):
    wanted = make_submission(question="Can acupuncture help my frozen shoulder at night?")
    make_submission()
    for words in (wanted.reference, "frozen shoulder"):
        assert list(editor_client.get(QUEUE, {"q": words}).context["cl"].result_list) == [wanted]


def test_the_whole_path_from_the_form_to_a_published_searchable_qa(
    client, editor_client, area, django_capture_on_commit_callbacks, mailoutbox
):
    make_question(area, title="Tiredness after treatment", answer="Tiredness usually passes.")
    client.post(
        "/ask/",
        {
            "question": "My name is Ann. Is it normal to feel tired after acupuncture treatment?",
            "email": "ann@example.org",
            "name": "Ann Example",
            "consent_to_store": "on",
            "consent_to_publish": "on",
            "category": area.pk,
            "action": "send",
            "form_token": new_form_token(),
        },
    )
    submission = Submission.objects.get()

    page = press(editor_client, submission, "assign").content.decode()
    assert "In review" in page
    assert "Tiredness after treatment</a>" in page  # similar answers shown while answering

    press(editor_client, submission, ("_start_from", Question.objects.get().pk))
    submission.refresh_from_db()
    assert submission.answer == "Tiredness usually passes."

    press(
        editor_client,
        submission,
        "answer",
        title="Feeling tired after acupuncture",
        edited_question="Is it normal to feel tired after acupuncture treatment?",
        answer="Yes: tiredness after a session is common and usually passes within a day.",
        note="Started from an earlier answer",
    )
    submission.refresh_from_db()
    assert submission.state == State.ANSWERED

    with django_capture_on_commit_callbacks(execute=True):
        page = press(editor_client, submission, "publish").content.decode()
    submission.refresh_from_db()
    published = submission.published_question
    assert submission.state == State.PUBLISHED
    assert f'href="{published.get_absolute_url()}"' in page

    public = client.get(published.get_absolute_url()).content.decode()
    assert "tiredness after a session is common" in public
    assert "Ann" not in public and "ann@example.org" not in public
    assert published in found("tired acupuncture")
    assert [m.to for m in mailoutbox] == [["ann@example.org"]]
    steps = [(t.to_state, t.by) for t in submission.history.all()]
    assert [s for s, _ in steps] == [
        State.NEW,
        State.IN_REVIEW,
        State.IN_REVIEW,  # started from the earlier answer
        State.ANSWERED,
        State.PUBLISHED,
    ]
    assert "Tiredness after treatment" in submission.history.all()[2].note
    assert submission.history.get(to_state=State.ANSWERED).note == "Started from an earlier answer"


def test_closing_as_a_duplicate_through_the_admin(editor_client, area):
    original = make_question(area, title="Sciatica and needles")
    submission = make_submission()
    page = press(editor_client, submission, "duplicate", duplicate_of=original.pk)
    submission.refresh_from_db()
    assert (submission.state, submission.duplicate_of) == (State.CLOSED_DUPLICATE, original)
    assert "Closed as a duplicate" in page.content.decode()


def test_closing_as_a_duplicate_without_choosing_the_qa_is_refused_with_a_reason(editor_client):
    submission = make_submission()
    page = press(editor_client, submission, "duplicate").content.decode()
    assert "Not done: Choose the published Q&amp;A that answers it in the " in page
    # It names the box as it is labelled, and links to it.
    assert '<a href="#id_duplicate_of">“Already answered by”</a> box' in page
    assert 'id="id_duplicate_of"' in page and "Already answered by:</label>" in page
    assert Submission.objects.get().state == State.NEW


def reject_selected(client, *submissions, confirmed=False, **more):
    """Choose "Reject the selected questions" in the queue's action bar and press Go, or, when
    `confirmed`, press "Yes" on the page that asks first."""
    data = {"action": "reject_selected", "_selected_action": [s.pk for s in submissions]}
    data |= {"post": "yes"} if confirmed else {"index": "0"}
    return client.post(QUEUE + "?state=all", data | more, follow=True)


def test_rejecting_spam_from_the_queue_list_asks_first_listing_the_questions(editor_client):
    spam = make_submission(question="Buy cheap watches at this site, best prices for you")
    junk = make_submission(question="Visit my casino website for free spins and big wins")
    page = reject_selected(editor_client, spam, junk)
    assert page.templates[0].name == "admin/ask/submission/reject_selected_confirmation.html"
    assert list(Submission.objects.values_list("state", flat=True)) == [State.NEW, State.NEW]
    assert Transition.objects.count() == 2  # only the two questions being sent
    html = page.text
    assert "<h1>Reject these questions?</h1>" in html
    assert "Questions to reject (2)" in html
    for submission in (spam, junk):
        assert f"<strong>{submission.reference}</strong>" in html
        assert f'name="_selected_action" value="{submission.pk}"' in html
    assert "Buy cheap watches at this site" in html and "casino website" in html
    assert (
        "cannot be reopened" in html and "could not be answered (never why, nor your note)" in html
    )
    assert 'name="action" value="reject_selected"' in html
    assert 'name="post" value="yes"' in html and 'name="csrfmiddlewaretoken"' in html
    assert '<a href="/admin/ask/submission/?state=all" class="button cancel-link">' in html


def test_the_page_that_asks_first_names_a_colleague_who_holds_a_question(editor_client, editor):
    held = services.assign(submission=make_submission(), editor=make_editor("ben"))
    mine = services.assign(submission=make_submission(), editor=editor)
    html = reject_selected(editor_client, held, mine).text
    holder = "<strong>ben holds it</strong>: check with them first"
    assert f"<strong>{held.reference}</strong> ({holder})" in html
    assert html.count("holds it") == 1


def test_rejecting_from_the_list_says_what_was_done_and_who_is_told(editor_client):
    told = make_submission()
    page = reject_selected(editor_client, told, confirmed=True)
    assert "Rejected 1 question; its asker is e-mailed that it could not be answered." in page.text
    told_too, untold = make_submission(), make_submission(email="")
    page = reject_selected(editor_client, told_too, untold, confirmed=True)
    assert (
        "Rejected 2 questions; 1 of their askers is e-mailed that theirs could not be answered "
        "(the others left no address that can receive e-mail)." in page.text
    )


def test_assigning_from_the_list_says_how_many_and_to_whom(editor_client):
    holder = make_editor("ana")
    holder.first_name, holder.last_name = "Ana", "Holder"
    holder.save()
    two = [make_submission().pk, make_submission().pk]
    data = {"action": "assign_to_chosen_editor", "_selected_action": two, "editor": holder.pk}
    assert (
        "Assigned 2 questions to Ana Holder." in editor_client.post(QUEUE, data, follow=True).text
    )
    one = {"action": "assign_to_me", "_selected_action": [make_submission().pk]}
    assert "Assigned 1 question to you." in editor_client.post(QUEUE, one, follow=True).text


def test_the_note_box_says_notes_are_erased_with_the_askers_details(editor_client):
    submission = make_submission()
    note = editor_client.get(change_url(submission)).context["adminform"].form.fields["note"]
    assert "erased with the asker's details" in note.help_text
    assert "at once by “Withdraw…”" in note.help_text
    # The steps that erase them say so before they are pressed.
    page = editor_client.get(change_url(submission)).content.decode()
    assert page.count("and question, and the notes in its history, now?") == 2
    press(editor_client, submission, "withdraw", note="Carl from Leeds rang to withdraw it")
    assert list(submission.history.values_list("note", flat=True)) == ["", ""]


def test_rejecting_spam_from_the_queue_list_once_confirmed(editor_client, editor):
    spam = make_submission(question="Buy cheap watches at this site, best prices for you")
    junk = make_submission(question="Visit my casino website for free spins and big wins")
    page = reject_selected(editor_client, spam, junk, confirmed=True, note="Spam")
    assert page.templates[0].name == "admin/ask/submission/change_list.html"  # the queue
    assert (
        "Rejected 2 questions; their askers are e-mailed that they could not be answered."
        in page.text
    )
    for submission in (spam, junk):
        submission.refresh_from_db()
        assert (submission.state, submission.is_open) == (State.REJECTED, False)
        step = submission.history.last()
        assert (step.from_state, step.by, step.note) == (State.NEW, editor, "Spam")
        # The asker hears that it could not be answered, without the note.
        receipt_email, closing = submission.emails.order_by("created_at", "pk")
        assert receipt_email == receipt(submission)
        assert closing.subject == f"We could not answer your question ({submission.reference})"
        assert "Spam" not in closing.body


def test_the_page_that_asks_says_which_questions_cannot_be_rejected(editor_client, editor):
    spam = make_submission(question="Buy cheap watches at this site, best prices for you")
    answered = services.assign(submission=make_submission(), editor=editor)
    services.mark_answered(submission=answered, by=editor, answer="It usually passes.")
    html = reject_selected(editor_client, spam, answered).text
    assert "Questions to reject (1)" in html and "Left as they are (1)" in html
    assert f"<strong>{answered.reference}</strong> (Answered)" in html
    assert f'name="_selected_action" value="{spam.pk}"' in html
    assert f'name="_selected_action" value="{answered.pk}"' not in html
    assert 'value="Yes, reject 1 question"' in html


def test_rejecting_only_questions_that_cannot_be_rejected_says_so_at_once(editor_client, editor):
    answered = services.assign(submission=make_submission(), editor=editor)
    services.mark_answered(submission=answered, by=editor, answer="It usually passes.")
    page = reject_selected(editor_client, answered)
    assert page.templates[0].name == "admin/ask/submission/change_list.html"  # the queue
    assert "None of the selected questions can be rejected" in page.text
    answered.refresh_from_db()
    assert answered.state == State.ANSWERED


def test_a_move_the_submission_cannot_make_is_refused_even_if_posted(editor_client):
    submission = make_submission()
    page = press(editor_client, submission, "publish").content.decode()
    assert "Not done" in page and "cannot be moved" in page
    assert Submission.objects.get().state == State.NEW


def step_buttons(html):
    """The step buttons of each row of buttons on a submission's page, top and bottom (not the
    preview's row)."""
    rows = re.findall(r'<div class="submit-row">(.*?)</div>', html, re.S)
    return [
        re.findall(r'name="_transition" value="(\w+)"', row)
        for row in rows
        if "_preview" not in row
    ]


def test_only_the_moves_a_submission_can_make_are_offered(editor_client, editor):
    submission = make_submission()
    offered = ["assign", "duplicate", "reject", "withdraw"]
    assert step_buttons(press_page(editor_client, submission)) == [offered, offered]
    services.assign(submission=submission, editor=editor)
    offered = ["answer", "duplicate", "reject", "withdraw"]
    assert step_buttons(press_page(editor_client, submission)) == [offered, offered]
    services.mark_answered(submission=submission, by=editor, answer="An answer.")
    offered = ["publish", "close_unpublished", "withdraw"]
    assert step_buttons(press_page(editor_client, submission)) == [offered, offered]


def test_a_closed_question_offers_no_save_that_would_change_nothing(editor_client, editor):
    submission = make_submission()
    assert 'name="_save"' in press_page(editor_client, submission)
    services.reject(submission=submission, by=editor)
    page = press_page(editor_client, submission)
    assert 'name="_save"' not in page and 'name="_continue"' not in page
    assert step_buttons(page) == [["erase"], ["erase"]]  # its one step, above and below


def back_links(html):
    """(where to, words) of the links in the rows of buttons that lead away from the page."""
    return re.findall(r'<a href="([^"]*)" class="closelink">([^<]*)</a>', html)


def test_a_page_with_no_save_has_a_link_back_to_the_queue_not_a_close(editor_client, editor):
    submission = make_submission()
    assert back_links(press_page(editor_client, submission)) == []  # Save leads back itself
    services.reject(submission=submission, by=editor)
    page = editor_client.get(change_url(submission), {"_changelist_filters": "state=rejected"}).text
    # Beside "Erase the asker's details now", and steps such as "Close as a duplicate" on other
    # pages, a "Close" would read as one more step on the question.
    assert back_links(page) == [(f"{QUEUE}?state=rejected", "Back to the queue")] * 2
    assert ">Close<" not in page
    # Nor "Close" for an account that may only view the questions, on an open one.
    viewer = User.objects.create_user("viewer", password="pw", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_submission"))
    editor_client.force_login(viewer)
    open_page = press_page(editor_client, make_submission())
    assert [words for _, words in back_links(open_page)] == ["Back to the queue"] * 2


# A date as the site writes it: "5 March 2026", with the time after it, "5 March 2026, 09:07".
SITE_DATE = rf"[1-9]\d? (?:{'|'.join(calendar.month_name[1:])}) \d{{4}}(?:, \d\d:\d\d)?"


def test_a_questions_page_writes_every_date_and_time_one_way(editor_client, editor):
    submission = make_submission()
    services.reject(submission=submission, by=editor)
    moment = datetime(2026, 3, 5, 9, 7, tzinfo=UTC)  # the same in London, in March
    Submission.objects.filter(pk=submission.pk).update(created_at=moment)
    submission.history.update(at=moment)
    submission.emails.update(sent_at=moment)
    page = press_page(editor_client, submission)
    assert '<div class="readonly">5 March 2026, 09:07 (' in page  # received
    assert page.count("<p>5 March 2026, 09:07</p>") == 2  # its two steps in the history
    assert page.count("sent at 5 March 2026, 09:07") == 2  # the receipt and the rejection
    # Nothing written another way: "05 March", "5 Mar 2026", "9:07 a.m.".
    written = re.findall(r"\d+ [A-Z][a-z]+\.? \d{4}[^<(]*", page)
    assert written and all(re.fullmatch(SITE_DATE, date.strip()) for date in written), written
    assert "a.m." not in page and "p.m." not in page
    services.make_move("erase", submission=submission, by=editor)
    erased_on = f"Erased on {timezone.localdate():%-d %B %Y}"
    assert erased_on in press_page(editor_client, submission)


def test_every_button_on_the_page_comes_from_the_table_of_moves(editor_client, editor):
    submission = make_submission()
    html = press_page(editor_client, submission)
    for move in services.moves_offered(submission, editor):
        confirm = move.confirm_for(submission)
        confirm = f' data-confirm="{escape(confirm)}"' if confirm else ""
        button = escape(move.button_for(submission))
        assert f'value="{move.name}" class="button"{confirm}>{button}</button>' in html


def step_button(html, move):
    """The words of the step button for `move` on a submission's page."""
    return re.search(rf'name="_transition" value="{move}"[^>]*>([^<]*)</button>', html)[1]


def test_the_answer_button_says_it_sends_the_answer_when_the_asker_may_not_be_published(
    editor_client, editor
):
    for email, says in [
        ("ann@example.org", "Save, mark answered and e-mail the answer to the asker"),
        ("", "Save, mark answered and close (the asker left no address that can receive"),
    ]:
        submission = make_submission(email=email, consent_to_publish=False)
        services.assign(submission=submission, editor=editor)
        assert step_button(press_page(editor_client, submission), "answer").startswith(says)
    submission = make_submission(question="Is acupuncture safe for sciatica in pregnancy?")
    services.assign(submission=submission, editor=editor)
    assert step_button(press_page(editor_client, submission), "answer") == "Save and mark answered"


def test_closing_unpublished_promises_no_e_mail_to_an_asker_who_left_no_address(
    editor_client, editor
):
    submission = make_submission(email="")
    services.assign(submission=submission, editor=editor)
    page = press(editor_client, submission, "answer", answer="Rest, then move gently.")
    html = page.content.decode()
    assert "the asker left no address that can receive the answer, so they can read it" in html
    button = step_button(html, "close_unpublished")
    assert button == (
        "Close without publishing (the asker left no address that can receive the answer)"
    )
    assert "e-mail" not in button


def test_an_answered_question_nobody_publishes_can_be_closed_and_its_answer_sent(
    editor_client, editor, django_capture_on_commit_callbacks, mailoutbox
):
    submission = make_submission()
    services.assign(submission=submission, editor=editor)
    services.mark_answered(submission=submission, by=editor, answer="Rest, then move gently.")
    with django_capture_on_commit_callbacks(execute=True):
        press(editor_client, submission, "close_unpublished", note="Too personal to publish")
    submission.refresh_from_db()
    assert (submission.state, submission.is_open) == (State.ANSWERED, False)
    assert "Rest, then move gently." in mailoutbox[-1].body
    assert submission.history.last().note == "Too personal to publish"
    assert 'value="publish"' not in press_page(editor_client, submission)


def test_starting_from_an_answer_is_a_locked_logged_move(editor_client, editor, area):
    used = make_question(area, title="Earlier answer", answer="An earlier answer.")
    submission = make_submission()
    press(editor_client, submission, ("_start_from", used.pk))
    assert Submission.objects.get().answer == ""  # not in review: refused
    services.assign(submission=submission, editor=editor)
    press(editor_client, submission, ("_start_from", "not-a-number"))
    press(editor_client, submission, ("_start_from", used.pk))
    submission.refresh_from_db()
    assert submission.answer == "An earlier answer."
    assert "Earlier answer" in submission.history.last().note


def press_page(client, submission):
    return client.get(change_url(submission)).content.decode()


def test_an_answer_started_from_one_with_an_outdated_claim_warns_the_editor(
    editor_client, editor, area
):
    claim = "NICE guidelines now recommend a course of ten sessions."
    used = make_question(area, title="Earlier answer", answer=f"It may help. {claim}")
    plain = make_question(area, title="Plain answer", answer="Rest, then move gently.")
    submission = make_submission()
    services.assign(submission=submission, editor=editor)
    assert "Claims current evidence does not support" not in press_page(editor_client, submission)
    press(editor_client, submission, ("_start_from", plain.pk))
    assert "None found in the answer as last saved." in press_page(editor_client, submission)
    press(editor_client, submission, ("_start_from", used.pk))
    html = press_page(editor_client, submission)
    assert "Please rewrite it before you mark it answered" in html
    assert "“NICE does not recommend acupuncture for low back pain" in html
    press(editor_client, submission, "answer")
    submission.refresh_from_db()
    assert submission.state == Submission.State.IN_REVIEW  # refused: nothing went out
    assert not submission.emails.exclude(pk=receipt(submission).pk).exists()


def answered_and_titled(editor, area):
    """A question its editor has titled and answered, ready to publish."""
    submission = make_submission(category=area)
    services.assign(submission=submission, editor=editor)
    services.save_draft(submission=submission, by=editor, title="Tired after acupuncture")
    services.mark_answered(submission=submission, by=editor, answer="Rest, then move gently.")
    return submission


def test_publishing_the_askers_name_is_refused_with_a_reason_for_the_editor(
    editor_client, editor, area
):
    submission = answered_and_titled(editor, area)
    response = press(editor_client, submission, "publish", answer="Ann, rest.")
    assert response.status_code == 200
    assert (
        escape(
            "Not done: The answer contains personal data (the asker's name). Edit it out before "
            "publishing."
        )
        in response.content.decode()
    )
    assert Submission.objects.get().state == State.ANSWERED
    assert not Question.objects.exists()


def test_publishing_a_postcode_is_refused_with_a_reason_for_the_editor(editor_client, editor, area):
    submission = answered_and_titled(editor, area)
    question = "I live at 12 High Street, Leeds LS1 4AB. Is tiredness normal?"
    response = press(editor_client, submission, "publish", edited_question=question)
    assert response.status_code == 200
    assert (
        escape(
            "Not done: The question for the archive contains personal data (a home address and a "
            "postcode). Edit it out before publishing."
        )
        in response.content.decode()
    )
    assert Submission.objects.get().state == State.ANSWERED
    assert not Question.objects.exists()


def test_publishing_with_boxes_left_empty_names_each_of_them(editor_client, editor):
    submission = services.assign(submission=make_submission(), editor=editor)  # no body area
    services.mark_answered(submission=submission, by=editor, answer="Rest, then move gently.")
    response = press(editor_client, submission, "publish")
    assert (
        "Not done: Fill in “Title for the archive” before publishing. Fill in “Body area” before "
        "publishing."
    ) in response.text
    assert Submission.objects.get().state == State.ANSWERED
    assert not Question.objects.exists()


WITH_PLACE = "Tired after acupuncture in Little Snoring at 54"


def test_the_publish_step_shows_the_address_it_gives_for_good(
    editor_client, editor, area, django_capture_on_commit_callbacks
):
    """The address is made from the title at publishing and never changes: the editor sees it
    while a place or an age can still be taken out of the title."""
    submission = make_submission(category=area)
    services.assign(submission=submission, editor=editor)
    services.save_draft(
        submission=submission, by=editor, title=WITH_PLACE, edited_question="Tired?"
    )
    services.mark_answered(submission=submission, by=editor, answer="Rest, then move gently.")
    address = "/questions/tired-after-acupuncture-in-little-snoring-at-54/"
    html = press_page(editor_client, submission)
    assert f"<code>{address}</code><br>Made from the title as saved" in html
    publish = escape(f"This Q&A will be published at {address}; its address never changes.")
    assert f'value="publish" class="button" data-confirm="{publish} Publish it?"' in html

    # Pressed with the title corrected in the same form: the address shown was the old one.
    corrected = "/questions/tired-after-acupuncture/"
    html = press(editor_client, submission, "publish", title="Tired after acupuncture")
    html = html.content.decode()
    assert escape("Not published: the title changed, and the address is made from it.") in html
    assert escape(f"This Q&A will be published at {corrected}; its address") in html
    submission.refresh_from_db()
    assert (submission.state, submission.title) == (State.ANSWERED, "Tired after acupuncture")
    assert not Question.objects.exists()

    with django_capture_on_commit_callbacks(execute=True):
        press(editor_client, submission, "publish")
    submission.refresh_from_db()
    assert submission.published_question.get_absolute_url() == corrected


def test_a_line_break_typed_in_a_questions_title_box_is_saved_as_a_space(editor_client, editor):
    submission = services.assign(submission=make_submission(), editor=editor)
    title = "Tired after\r\nacupuncture "
    press(editor_client, submission, ("_continue", "1"), title=title)
    submission.refresh_from_db()
    assert submission.title == "Tired after acupuncture"


def test_publishing_after_a_colleague_changed_the_title_shows_the_new_address_first(
    editor_client, editor, area
):
    submission = make_submission(category=area)
    services.assign(submission=submission, editor=editor)
    services.save_draft(submission=submission, by=editor, title=WITH_PLACE, edited_question="?")
    services.mark_answered(submission=submission, by=editor, answer="Rest, then move gently.")
    page = editor_client.get(change_url(submission))  # shows the address with the place
    services.save_draft(submission=submission, by=editor, title="Tired after acupuncture")
    data = form_data(page) | {"_transition": "publish"}
    html = editor_client.post(change_url(submission), data, follow=True).content.decode()
    assert escape("Not published: the title changed, and the address is made from it.") in html
    assert escape("published at /questions/tired-after-acupuncture/; its address") in html
    assert not Question.objects.exists()


def test_a_private_question_offers_no_publish_button(editor_client, editor):
    submission = make_submission(consent_to_publish=False)
    services.assign(submission=submission, editor=editor)
    services.mark_answered(submission=submission, by=editor, answer="Privately answered.")
    html = press_page(editor_client, submission)
    assert 'value="publish"' not in html
    assert "NOT to be published" in html


def test_visitor_text_is_escaped_in_the_queue_and_on_the_submission_page(editor_client):
    submission = make_submission(
        question="<script>alert('q')</script> Is acupuncture safe for sciatica?",
        name="<img src=x onerror=alert(1)>",
    )
    for html in (editor_client.get(QUEUE).content.decode(), press_page(editor_client, submission)):
        assert "<script>alert(" not in html
        assert "<img src=x" not in html
        assert "&lt;script&gt;alert(" in html


def test_the_demo_editor_is_an_editor_not_a_superuser_and_can_work_the_queue(client, capsys, area):
    call_command("create_demo_editor")
    username, password = capsys.readouterr().out.strip().rsplit(" ", 3)[-3::2]
    logged_in = client.post("/admin/login/", {"username": username, "password": password})
    assert logged_in.status_code == 302
    demo = User.objects.get(username=username)
    assert not demo.is_superuser
    assert demo.groups.filter(name="Editors").exists()
    submission = make_submission(category=area)
    assert client.get(QUEUE).status_code == 200
    press(client, submission, "assign")
    press(client, submission, "answer", title="T", answer="An answer.")
    press(client, submission, "publish")
    assert Submission.objects.get().state == State.PUBLISHED


def test_another_editor_can_take_over_a_question_in_review(client, editor):
    submission = make_submission()
    services.assign(submission=submission, editor=editor)
    other = make_editor("other")
    client.force_login(other)
    # Once they say they checked with its editor (tests/ask/test_workspace.py).
    press(client, submission, "assign")
    assert Submission.objects.get().assigned_to == editor
    press(client, submission, "assign", checked_with_holder="on")
    assert Submission.objects.get().assigned_to == other


def test_the_queue_takes_the_same_queries_however_long_it_is(editor_client, editor, area):
    def queue_queries():
        with CaptureQueriesContext(connection) as queries:
            assert editor_client.get(QUEUE).status_code == 200
        return len(queries)

    for _ in range(2):
        services.assign(submission=make_submission(category=area), editor=editor)
    few = queue_queries()
    for _ in range(10):
        services.assign(submission=make_submission(category=area), editor=editor)
    assert queue_queries() == few


def test_a_save_from_a_page_someone_else_saved_since_keeps_what_they_changed(client, editor):
    other = make_editor("bo")
    submission = services.assign(submission=make_submission(), editor=editor)
    client.force_login(editor)
    page = client.get(change_url(submission))
    services.save_draft(submission=submission, by=other, answer="Bo's answer.")
    data = form_data(page, title="A new title", answer="")
    response = client.post(change_url(submission), data | {"_continue": "1"})
    assert response.status_code == 302  # the empty answer on this page is not written back
    submission.refresh_from_db()
    assert (submission.answer, submission.title) == ("Bo's answer.", "A new title")


def test_a_move_that_cannot_be_undone_asks_first(client, editor):
    submission = services.assign(submission=make_submission(), editor=editor)
    client.force_login(editor)
    html = client.get(change_url(submission)).content.decode()
    assert 'value="withdraw" class="button" data-confirm="Erase the asker&#x27;s name' in html
    assert 'value="reject" class="button" data-confirm="Reject this question?' in html
    assert 'value="answer" class="button">' in html  # an ordinary step does not ask
    assert "js/confirm-moves.js" in html


def test_a_published_questions_page_links_to_where_editors_correct_the_qa(
    editor_client, editor, area
):
    submission = make_submission(category=area)
    services.assign(submission=submission, editor=editor)
    services.save_draft(
        submission=submission, by=editor, title="Tired after acupuncture", answer="It passes."
    )
    services.make_move("answer", submission=submission, by=editor)
    services.make_move("publish", submission=submission, by=editor)
    submission.refresh_from_db()
    page = editor_client.get(change_url(submission)).text
    assert f'href="/admin/archive/question/{submission.published_question.pk}/change/"' in page


def test_a_refused_save_says_what_changed_and_links_to_the_saved_version(client, editor):
    submission = services.assign(submission=make_submission(), editor=editor)
    client.force_login(editor)
    page = client.get(change_url(submission))
    services.save_draft(submission=submission, by=make_editor("bo"), answer="Bo's answer.")
    data = form_data(page, answer="My answer.") | {"_continue": "1"}
    html = client.post(change_url(submission), data).text
    assert "Someone else saved this question after you opened it, changing “Answer”" in html
    assert f'<a href="{change_url(submission)}" target="_blank" rel="noopener">' in html
    assert ">\nMy answer.</textarea>" in html


def test_the_history_button_leads_to_the_steps_on_the_questions_page(editor_client, editor):
    submission = services.assign(submission=make_submission(), editor=editor)
    assert 'id="history-group"' in editor_client.get(change_url(submission)).text
    html = editor_client.get(f"{QUEUE}{submission.pk}/history/").text
    assert f'href="{change_url(submission)}#history-group"' in html
    assert "change history" not in html
    # Plain saves, which admin's log records, are still listed.
    press(editor_client, submission, ("_continue", "1"), title="A title")
    html = editor_client.get(f"{QUEUE}{submission.pk}/history/").text
    assert "Changed Title for the archive." in html


def offered(client, field_name, term):
    """The Q&As the search of a question's `field_name` box offers for `term`, by title."""
    response = client.get(
        "/admin/autocomplete/",
        {"app_label": "ask", "model_name": "submission", "field_name": field_name, "term": term},
    )
    return sorted(result["text"] for result in response.json()["results"])


@pytest.mark.parametrize("field_name", ["duplicate_of", "linked_questions"])
def test_the_boxes_naming_qas_offer_only_those_readers_can_open(editor_client, area, field_name):
    make_question(area, title="Sciatica and needles")
    make_question(area, title="Sciatica in pregnancy", published=False)
    make_question(
        area, title="Sciatica after a fall", published_at=timezone.now() + timedelta(days=3)
    )
    assert offered(editor_client, field_name, "sciatica") == ["Sciatica and needles"]


def test_closing_as_a_duplicate_of_a_qa_set_back_to_draft_is_refused_on_its_box(
    editor_client, area
):
    original = make_question(area, title="Sciatica and needles")
    submission = make_submission()
    press(editor_client, submission, ("_continue", "1"), duplicate_of=original.pk)
    Question.objects.filter(pk=original.pk).update(status=Question.Status.DRAFT)
    page = press(editor_client, submission, "duplicate")
    error = page.context["adminform"].form.errors["duplicate_of"]
    assert error == [
        "“Sciatica and needles” is a draft: readers cannot open it. Choose a published Q&A that "
        "answers it."
    ]
    submission.refresh_from_db()
    assert submission.state == State.NEW and not submission.emails.exclude(
        subject__contains="We have your question"
    )


def test_a_qa_set_back_to_draft_once_chosen_stops_no_other_step(editor, area):
    original = make_question(area, title="Sciatica and needles")
    submission = services.assign(submission=make_submission(), editor=editor)
    services.save_draft(submission=submission, by=editor, duplicate_of=original)
    Question.objects.filter(pk=original.pk).update(status=Question.Status.DRAFT)
    services.save_draft(submission=submission, by=editor, answer="It usually passes.")
    services.mark_answered(submission=submission, by=editor)
    assert submission.state == State.ANSWERED
    with pytest.raises(ValidationError, match="“Sciatica and needles” is a draft"):
        services.close_as_duplicate(submission=make_submission(), by=editor, duplicate_of=original)


NOTE = "Asked again by phone on Monday; she is worried."


def note_in_the_box(response):
    """The note box of the page `response` drew, as the editor will see it."""
    return response.context["adminform"].form["note"].value()


def test_a_refused_duplicate_comes_back_with_the_note_typed(editor_client, area):
    original = make_question(area, title="Sciatica and needles")
    submission = make_submission()
    refused = press(editor_client, submission, "duplicate", note=NOTE, answer="A draft.")
    assert refused.status_code == 200 and "Not done: Choose the published Q&amp;A" in refused.text
    assert note_in_the_box(refused) == NOTE and escape(NOTE) in refused.text
    assert ">\nA draft.</textarea>" in refused.text  # the answer, saved, as before
    assert not Transition.objects.filter(note=NOTE).exists()
    # The page came back as freshly opened: it closes the question, with the note, at once.
    data = form_data(refused, duplicate_of=original.pk) | {"_transition": "duplicate"}
    done = editor_client.post(change_url(submission), data, follow=True)
    assert "Closed as a duplicate" in done.text
    assert submission.history.get(to_state=State.CLOSED_DUPLICATE).note == NOTE


def test_a_refused_publish_comes_back_with_the_note_typed(editor_client, editor, area):
    submission = answered_and_titled(editor, area)
    response = press(editor_client, submission, "publish", answer="Ann, rest.", note=NOTE)
    assert (
        escape("Not done: The answer contains personal data (the asker's name).") in response.text
    )
    assert note_in_the_box(response) == NOTE
    assert Submission.objects.get().state == State.ANSWERED
    # A changed title is refused for the address, the note kept too.
    response = press(editor_client, submission, "publish", title="Tiredness", note=NOTE)
    assert "Not published: the title changed" in response.text
    assert note_in_the_box(response) == NOTE
    # Without a note the page is reloaded, as after any step.
    assert press(editor_client, submission, "publish", title="Tired").redirect_chain


def test_a_reload_of_the_page_after_a_refused_step_does_not_try_it_again(
    editor_client, editor, area
):
    submission = answered_and_titled(editor, area)
    page = editor_client.get(change_url(submission))
    sent = form_data(page, title="Tiredness", note=NOTE) | {"_transition": "publish"}
    refused = editor_client.post(change_url(submission), sent)
    assert refused.status_code == 200 and "Not published: the title changed" in refused.text
    # The browser reloads that page: the same POST again. The title is saved by now, but the
    # publish, refused so that the editor checks the new address, is not tried again.
    again = editor_client.post(change_url(submission), sent)
    assert again.status_code == 200 and "Not tried again: this page had been sent" in again.text
    assert note_in_the_box(again) == NOTE
    assert Submission.objects.get().state == State.ANSWERED
    assert not Transition.objects.filter(note=NOTE).exists()
    # Pressed again from the page drawn, it is done, the note saved with it.
    data = form_data(again) | {"_transition": "publish"}
    assert editor_client.post(change_url(submission), data).status_code == 302
    assert submission.history.get(to_state=State.PUBLISHED).note == NOTE


def test_a_reload_after_sending_an_email_again_sends_nothing_more(editor_client):
    submission = make_submission()
    give_up(submission)
    email = receipt(submission)
    page = editor_client.get(change_url(submission))
    sent = form_data(page, note=NOTE) | {"_send_again": str(email.pk)}
    assert editor_client.post(change_url(submission), sent).status_code == 200
    give_up(submission)  # failed again meanwhile: a reload must not put it back unasked
    again = editor_client.post(change_url(submission), sent)
    assert "Not tried again" in again.text and note_in_the_box(again) == NOTE
    assert receipt(submission).given_up


def give_up(submission):
    OutgoingEmail.objects.filter(submission=submission).update(attempts=18, next_attempt_at=None)


def test_a_given_up_email_is_sent_again_from_the_questions_page(editor_client):
    submission = make_submission()
    give_up(submission)
    email = receipt(submission)
    page = editor_client.get(change_url(submission)).text
    assert f'<button type="submit" name="_send_again" value="{email.pk}" class="button">' in page
    response = press(editor_client, submission, ("_send_again", str(email.pk)), note=NOTE)
    assert "1 given-up e-mail will be tried again within minutes, and for 3 days" in response.text
    assert note_in_the_box(response) == NOTE  # no step: the note waits for one, not refused
    email.refresh_from_db()
    assert (email.attempts, email.given_up) == (0, False)
    assert 'name="_send_again"' not in response.text
    # Pressed again from a page opened before: nothing to send again, and it says so.
    response = press(editor_client, submission, ("_send_again", str(email.pk)))
    assert "Not sent again: that e-mail is no longer given up" in response.text


def test_the_questions_page_sends_again_only_its_own_emails(editor_client):
    mine, other = make_submission(), make_submission()
    give_up(other)
    press(editor_client, mine, ("_send_again", str(receipt(other).pk)))
    press(editor_client, mine, ("_send_again", "not-a-number"))
    assert receipt(other).given_up


def test_the_queue_of_undelivered_emails_says_which_and_since_when(editor_client, editor, area):
    def undelivered_queue():
        with CaptureQueriesContext(connection) as queries:
            response = editor_client.get(QUEUE, {"email": "undelivered", "state": "all"})
        return response, len(queries)

    lost, failing = make_submission(), make_submission()
    give_up(lost)
    OutgoingEmail.objects.filter(submission=failing).update(attempts=2)
    response, few = undelivered_queue()
    assert list(response.context["cl"].result_list) == [lost, failing]
    html = response.text
    assert "E-mail not delivered" in html
    assert f"“We have your question ({lost.reference})”<br>not delivered since " in html
    assert "ago); given up" in html and "ago); still being tried" in html
    assert "column-undelivered_email" in html
    assert "column-undelivered_email" not in editor_client.get(QUEUE).text  # the plain queue
    for _ in range(5):
        give_up(make_submission(category=area))
    assert undelivered_queue()[1] == few


def test_the_assign_action_says_where_the_editor_box_is(editor_client):
    make_submission()
    html = editor_client.get(QUEUE).text
    assert (
        "Assign the selected questions to the editor chosen in the “Editor” box to the right"
        in html
    )
    # The "Editor" box comes after the action's in the action bar.
    assert html.index('name="action"') < html.index('name="editor"') < html.index(">Go</button>")


def test_qas_chosen_then_set_back_to_draft_are_shown_and_kept_not_dropped_unseen(
    editor_client, area
):
    original = make_question(area, title="Sciatica and needles")
    linked = make_question(area, title="Sciatica in pregnancy")
    submission = make_submission()
    submission.linked_questions.set([linked])
    Submission.objects.filter(pk=submission.pk).update(duplicate_of=original)
    Question.objects.filter(pk__in=[original.pk, linked.pk]).update(status=Question.Status.DRAFT)
    html = editor_client.get(change_url(submission)).text
    for question in (original, linked):
        assert re.search(rf'<option value="{question.pk}" selected>{question.title}</option>', html)
    press(editor_client, submission, ("_continue", "1"), answer="Rest first.")
    submission.refresh_from_db()
    assert submission.answer == "Rest first."
    assert (submission.duplicate_of, list(submission.linked_questions.all())) == (
        original,
        [linked],
    )
