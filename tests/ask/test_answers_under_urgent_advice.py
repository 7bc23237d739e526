"""An answer that says not to worry, or to wait, to a question that showed a warning sign is
neither marked answered, sent nor published until its editor confirms it tells the asker to
follow the urgent advice, and one that says not to get help is not, confirmed or not; and
wherever the asker reads such an answer (e-mail, status page), the note the Q&A page gives comes
directly before it."""

import pytest
from django.contrib.auth.models import Permission, User
from django.core.exceptions import ValidationError
from django.utils.html import escape

from archive.models import Question
from ask import services
from ask.models import Submission
from tests.archive.test_urgent_advice import FOLLOWS, REASSURING, TRIAL_ANSWER
from tests.ask.conftest import links, make_submission, receipt
from tests.ask.test_admin import change_url, form_data, press
from tests.factories import make_question

pytestmark = pytest.mark.django_db
State = Submission.State

URGENT_QUESTION = "My bum is numb and i cant pee properly since my acupuncture yesterday."
CALM_QUESTION = "Is it normal to feel tired for a day after acupuncture for my lower back?"
EMERGENCY = "“Call 999 or go to A&E now.”"
# What the asker reads before such an answer, as the Q&A page says it (there with a link).
NOTE = "Where this answer says not to worry, or to wait, follow the urgent advice above instead."
PAGE_NOTE = (
    "Where this answer says not to worry, or to wait, follow the "
    '<a href="#urgent-heading">urgent advice above</a> instead.'
)


def in_review(editor, question=URGENT_QUESTION, **fields):
    submission = make_submission(question=question, **fields)
    return services.assign(submission=submission, editor=editor)


def answered(editor, area, answer=REASSURING, question=URGENT_QUESTION):
    """A question its asker agreed to publish, titled and answered (the editor confirming, when
    marking it answered, that the answer tells the asker to follow the urgent advice), ready to
    publish."""
    submission = in_review(editor, question=question, category=area)
    services.save_draft(submission=submission, by=editor, title="Numb after acupuncture")
    services.mark_answered(
        submission=submission, by=editor, answer=answer, follows_urgent_advice=True
    )
    return submission


def sent(submission):
    """The e-mails to the asker other than the receipt."""
    return list(submission.emails.exclude(pk=receipt(submission).pk))


def test_sending_a_reassuring_answer_to_an_urgent_question_is_refused_naming_the_advice(editor):
    submission = in_review(editor, consent_to_publish=False)
    with pytest.raises(ValidationError) as refused:
        services.mark_answered(submission=submission, by=editor, answer=REASSURING)
    message = " ".join(refused.value.messages)
    assert EMERGENCY in message
    assert "“normal”, “nothing to worry”, “Wait a few days”, “will settle”" in message
    assert "Make the answer tell the asker to follow that advice first" in message
    assert f"tick “{services.FOLLOWS_URGENT_ADVICE}”" in message
    submission.refresh_from_db()
    assert (submission.state, submission.answer) == (State.IN_REVIEW, "")
    assert sent(submission) == []


def test_publishing_or_closing_unpublished_a_reassuring_answer_is_refused(editor, area):
    submission = answered(editor, area)  # with consent, marking it answered sends nothing
    assert submission.state == State.ANSWERED and sent(submission) == []
    for move in (services.publish, services.close_unpublished):
        with pytest.raises(ValidationError, match="Call 999 or go to A&E now"):
            move(submission=submission, by=editor)
    submission.refresh_from_db()
    assert (submission.state, submission.is_open) == (State.ANSWERED, True)
    assert not Question.objects.exists() and sent(submission) == []


def test_a_reassuring_answer_the_editor_confirms_is_sent_and_published(editor, area):
    private = in_review(editor, consent_to_publish=False)
    services.mark_answered(
        submission=private, by=editor, answer=REASSURING, follows_urgent_advice=True
    )
    assert not private.is_open and len(sent(private)) == 1
    public = answered(editor, area)
    services.publish(submission=public, by=editor, follows_urgent_advice=True)
    assert public.state == State.PUBLISHED and Question.objects.get().answer == REASSURING


def test_a_reassuring_answer_to_a_question_without_signs_goes_out_unconfirmed(editor, area):
    private = in_review(editor, question=CALM_QUESTION, consent_to_publish=False)
    services.mark_answered(submission=private, by=editor, answer=REASSURING)
    assert not private.is_open and len(sent(private)) == 1
    public = answered(editor, area, question=CALM_QUESTION)
    services.publish(submission=public, by=editor)
    assert public.state == State.PUBLISHED


def test_an_answer_that_does_not_reassure_goes_out_unconfirmed(editor, area):
    submission = answered(editor, area, answer=FOLLOWS)
    services.publish(submission=submission, by=editor)
    assert submission.state == State.PUBLISHED


def test_the_editors_page_refuses_a_reassuring_answer_beside_the_box_keeping_it(
    editor_client, editor, area
):
    submission = answered(editor, area, answer="Rest, then move gently.")
    response = press(editor_client, submission, "publish", answer=REASSURING)
    assert response.status_code == 200 and not response.redirect_chain
    html = response.text
    errors = response.context["adminform"].form.errors["follows_urgent_advice"]
    assert EMERGENCY in errors[0] and "“Wait a few days”" in errors[0]
    assert escape(errors[0]) in html
    assert f">\n{REASSURING}</textarea>" in html  # what was typed, still in its box
    submission.refresh_from_db()
    assert (submission.state, submission.answer) == (State.ANSWERED, "Rest, then move gently.")
    assert not Question.objects.exists() and sent(submission) == []
    # Ticked, it is saved and published.
    data = form_data(response, follows_urgent_advice="on") | {"_transition": "publish"}
    done = editor_client.post(change_url(submission), data, follow=True)
    assert "Published in the archive" in done.text
    assert Question.objects.get().answer == REASSURING


def test_the_editors_page_saves_a_reassuring_draft_without_the_box(editor_client, editor):
    submission = in_review(editor, consent_to_publish=False)
    response = press(editor_client, submission, ("_save", "Save"), answer=REASSURING)
    assert response.redirect_chain
    submission.refresh_from_db()
    assert (submission.state, submission.answer) == (State.IN_REVIEW, REASSURING)
    # Marking it answered sends it to this asker at once: refused until the box is ticked.
    response = press(editor_client, submission, "answer")
    assert "follows_urgent_advice" in response.context["adminform"].form.errors
    assert Submission.objects.get().state == State.IN_REVIEW
    press(editor_client, submission, "answer", follows_urgent_advice="on")
    submission.refresh_from_db()
    assert (submission.state, submission.is_open) == (State.ANSWERED, False)


def test_marking_answered_a_question_to_publish_needs_the_box_too(editor_client, editor):
    # It sends nothing yet, but the answer leaves its editor's hands: checked here, as it is
    # when published or sent.
    submission = in_review(editor)
    response = press(editor_client, submission, "answer", answer=REASSURING)
    errors = response.context["adminform"].form.errors["follows_urgent_advice"]
    assert EMERGENCY in errors[0] and "“nothing to worry”" in errors[0]
    assert Submission.objects.get().state == State.IN_REVIEW
    with pytest.raises(ValidationError, match="Call 999 or go to A&E now"):
        services.mark_answered(submission=submission, by=editor, answer=REASSURING)
    press(editor_client, submission, "answer", answer=REASSURING, follows_urgent_advice="on")
    assert Submission.objects.get().state == State.ANSWERED


def test_only_an_urgent_questions_page_shows_the_box_to_whoever_may_send_it(editor_client, editor):
    urgent, calm = in_review(editor), in_review(editor, question=CALM_QUESTION)
    label = escape(services.FOLLOWS_URGENT_ADVICE)
    assert label in editor_client.get(change_url(urgent)).text
    assert label not in editor_client.get(change_url(calm)).text
    viewer = User.objects.create_user("viewer", password="pw", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_submission"))
    editor_client.force_login(viewer)  # a view-only account
    page = editor_client.get(change_url(urgent))
    assert page.status_code == 200 and label not in page.text


@pytest.mark.parametrize("how", ["privately", "published"])
def test_the_answer_in_an_urgent_askers_email_comes_after_the_advice_and_the_note(
    editor, area, how
):
    confirmed = {"follows_urgent_advice": True}
    if how == "privately":
        submission = in_review(editor, consent_to_publish=False)
        services.mark_answered(submission=submission, by=editor, answer=REASSURING, **confirmed)
    else:
        submission = answered(editor, area)
        services.publish(submission=submission, by=editor, **confirmed)
    (email,) = sent(submission)
    assert email.body.index("Call 999 or go to A&E now.") < email.body.index(NOTE)
    assert f"{NOTE}\n\n{REASSURING}" in email.body


@pytest.mark.parametrize("how", ["privately", "published"])
def test_a_calm_askers_email_has_no_such_note(editor, area, how):
    if how == "privately":
        submission = in_review(editor, question=CALM_QUESTION, consent_to_publish=False)
        services.mark_answered(submission=submission, by=editor, answer=REASSURING)
    else:
        submission = answered(editor, area, question=CALM_QUESTION)
        services.publish(submission=submission, by=editor)
    (email,) = sent(submission)
    assert REASSURING in email.body and "not to worry, or to wait" not in email.body


def test_the_email_and_the_qa_page_give_the_note_in_the_same_words(client, editor, area):
    submission = answered(editor, area)
    services.publish(submission=submission, by=editor, follows_urgent_advice=True)
    (email,) = sent(submission)
    page = client.get(Question.objects.get().get_absolute_url()).text
    assert NOTE in email.body and PAGE_NOTE in page


def test_an_urgent_askers_status_page_gives_the_note_before_their_answer(client, editor):
    urgent = in_review(editor, consent_to_publish=False)
    services.mark_answered(
        submission=urgent, by=editor, answer=REASSURING, follows_urgent_advice=True
    )
    html = client.get("/" + links(urgent)[0]).text
    assert html.index("Call <a href") < html.index(PAGE_NOTE) < html.index("This is a normal")
    calm = in_review(editor, question=CALM_QUESTION, consent_to_publish=False)
    services.mark_answered(submission=calm, by=editor, answer=REASSURING)
    html = client.get("/" + links(calm)[0]).text
    assert "This is a normal" in html and "not to worry, or to wait" not in html


def test_a_reassuring_answer_left_open_too_long_expires_unsent(editor, area):
    # No editor is there to confirm it: like an untrue claim, it goes to no asker.
    submission = answered(editor, area)
    services.close_stale(days=0)
    submission.refresh_from_db()
    assert (submission.state, submission.is_open) == (State.EXPIRED, False)
    (email,) = sent(submission)
    assert REASSURING not in email.body and "could not answer it" in email.body
    assert "no editor confirmed" in submission.history.last().note
    calm = answered(editor, area, question=CALM_QUESTION)
    services.close_stale(days=0)
    calm.refresh_from_db()
    assert calm.state == State.ANSWERED and REASSURING in sent(calm)[0].body


def test_an_urgent_askers_duplicate_gives_the_note_before_the_answers_link(client, editor, area):
    # Written for someone else, the Q&A may say not to worry, and its page gives no advice
    # for a sign its own question does not describe.
    original = make_question(area, title="Tired", question=CALM_QUESTION, answer=REASSURING)
    for question, noted in [(URGENT_QUESTION, True), (CALM_QUESTION, False)]:
        submission = make_submission(question=question)
        services.close_as_duplicate(submission=submission, by=editor, duplicate_of=original)
        (email,) = sent(submission)
        html = client.get("/" + links(submission)[0]).text
        if noted:
            advice = email.body.index("Call 999 or go to A&E now.")
            assert advice < email.body.index(f"{NOTE}\n\nTired\n")
            assert html.index("Call <a href") < html.index(PAGE_NOTE) < html.index(">Tired</a>")
        else:
            assert "not to worry, or to wait" not in email.body + html
            assert "\nTired\n" in email.body and ">Tired</a>" in html


def test_a_reassuring_answer_is_not_published_where_its_page_would_leave_out_the_advice(
    client, editor, area
):
    # Its page gives advice only for what the published question describes: a sign ticked, or
    # described in words an editor took out, would leave "it will settle" with none before it.
    ticked = in_review(
        editor, question=CALM_QUESTION, category=area, red_flags_ticked=["saddle_numbness"]
    )
    services.save_draft(submission=ticked, by=editor, title="Tired after acupuncture")
    services.mark_answered(
        submission=ticked, by=editor, answer=REASSURING, follows_urgent_advice=True
    )
    with pytest.raises(ValidationError) as refused:
        services.publish(submission=ticked, by=editor, follows_urgent_advice=True)
    message = refused.value.message_dict["edited_question"][0]
    assert "does not describe it, so its page would not give that advice" in message
    assert not Question.objects.exists()
    edited = answered(editor, area)
    services.save_draft(submission=edited, by=editor, edited_question=CALM_QUESTION)
    with pytest.raises(ValidationError):
        services.publish(submission=edited, by=editor, follows_urgent_advice=True)
    # Kept in the question, the sign's advice comes before the answer on the page.
    services.save_draft(submission=edited, by=editor, edited_question=URGENT_QUESTION)
    services.publish(submission=edited, by=editor, follows_urgent_advice=True)
    html = client.get(Question.objects.get().get_absolute_url()).text
    assert html.index("Call <a href") < html.index("This is a normal reaction")


def in_the_editors_hands(editor, area, answer, consent_to_publish=True):
    """An urgent question in review, titled, with `answer` saved as its draft; or, once marked
    answered with an answer that tells the asker to get help, `answer` saved in its place."""
    submission = in_review(editor, consent_to_publish=consent_to_publish, category=area)
    services.save_draft(
        submission=submission, by=editor, title="Numb after acupuncture", answer=answer
    )
    return submission


@pytest.mark.parametrize("consent_to_publish", [True, False])
def test_an_answer_saying_not_to_get_help_is_not_marked_answered_even_ticked(
    editor, area, consent_to_publish
):
    submission = in_the_editors_hands(editor, area, TRIAL_ANSWER, consent_to_publish)
    with pytest.raises(ValidationError) as refused:
        services.mark_answered(submission=submission, by=editor, follows_urgent_advice=True)
    (message,) = refused.value.message_dict["answer"]
    assert EMERGENCY in message and "“no need to see a doctor”" in message
    assert "Change those words" in message
    assert f"whether or not “{services.FOLLOWS_URGENT_ADVICE}” is ticked" in message
    # What says not to worry, or to wait, is named in the same go: one refusal, not two.
    assert "It also says “Don't worry”, “normal”, “will settle”" in message
    submission.refresh_from_db()
    assert (submission.state, submission.is_open) == (State.IN_REVIEW, True)
    assert sent(submission) == []


@pytest.mark.parametrize("move", ["publish", "close_unpublished"])
def test_an_answer_saying_not_to_get_help_is_neither_published_nor_sent_even_ticked(
    editor, area, move
):
    submission = answered(editor, area)
    services.save_draft(submission=submission, by=editor, answer=TRIAL_ANSWER)
    with pytest.raises(ValidationError, match="“no need to see a doctor”"):
        services.make_move(move, submission=submission, by=editor, follows_urgent_advice=True)
    submission.refresh_from_db()
    assert (submission.state, submission.is_open) == (State.ANSWERED, True)
    assert not Question.objects.exists() and sent(submission) == []
    # Told to follow the advice instead, and ticked, it goes out.
    services.save_draft(submission=submission, by=editor, answer=FOLLOWS + " " + REASSURING)
    services.make_move(move, submission=submission, by=editor, follows_urgent_advice=True)
    assert not submission.is_open and len(sent(submission)) == 1


@pytest.mark.parametrize("move", ["answer", "publish"])
def test_the_editors_page_refuses_an_answer_saying_not_to_get_help_ticked_or_not(
    editor_client, editor, area, move
):
    submission = in_the_editors_hands(editor, area, "Rest, then move gently.")
    if move == "publish":
        services.mark_answered(submission=submission, by=editor)
    state = Submission.objects.get().state
    response = press(
        editor_client, submission, move, answer=TRIAL_ANSWER, follows_urgent_advice="on"
    )
    assert response.status_code == 200 and not response.redirect_chain
    (error,) = response.context["adminform"].form.errors["answer"]
    assert "“no need to see a doctor”" in error and EMERGENCY in error
    assert escape(error) in response.text
    submission.refresh_from_db()
    assert (submission.state, submission.answer) == (state, "Rest, then move gently.")
    assert not Question.objects.exists() and sent(submission) == []


def test_an_answer_saying_not_to_get_help_left_open_too_long_expires_unsent(editor, area):
    submission = answered(editor, area, answer=FOLLOWS)
    services.save_draft(submission=submission, by=editor, answer="No need to go to A&E.")
    services.close_stale(days=0)
    submission.refresh_from_db()
    assert (submission.state, submission.is_open) == (State.EXPIRED, False)
    (email,) = sent(submission)
    assert "A&E." not in email.body.split("could not answer it")[-1]


@pytest.mark.parametrize(
    "title", ["Numb after acupuncture: nothing to worry about", "Numb bottom? No need to see a GP"]
)
def test_a_title_saying_not_to_worry_or_not_to_get_help_is_not_published_even_ticked(
    editor, area, title
):
    # Listed where the advice is not (lists, search results, the ask form's similar answers).
    submission = answered(editor, area, answer=FOLLOWS)
    services.save_draft(submission=submission, by=editor, title=title)
    with pytest.raises(ValidationError) as refused:
        services.publish(submission=submission, by=editor, follows_urgent_advice=True)
    [message] = refused.value.message_dict["title"]
    assert EMERGENCY in message and "it is listed where that advice is not" in message
    assert not Question.objects.exists()
    # The same title above a question with no sign is the editor's to choose.
    calm = answered(editor, area, answer=FOLLOWS, question=CALM_QUESTION)
    services.save_draft(submission=calm, by=editor, title=title)
    services.publish(submission=calm, by=editor)
    assert Question.objects.get().title == title
