"""A line break counts once against a box's limit, as the browser counted it: a box of several
lines lets a person type up to its maxlength, counting each line break as one character, but
sends each as two (CR LF). What the box allowed is accepted; one character more is not."""

import pytest
from django.contrib import admin
from django.forms import Textarea
from django.test import RequestFactory

from ask.forms import AskForm
from ask.models import ANSWER_MAX_LENGTH, SavedReply, Submission, Transition
from tests.ask.conftest import make_submission
from tests.ask.test_admin import press, reject_selected

pytestmark = pytest.mark.django_db
State = Submission.State


def typed(length):
    """Text of `length` characters as a person typed it, a line break in every eight, and as
    the browser sends it (each line break CR LF)."""
    text = ("A line.\n" * (length // 8 + 1))[: length - 1] + "."
    return text, text.replace("\n", "\r\n")


def test_a_note_of_2000_characters_with_line_breaks_is_saved_with_its_step(editor_client):
    submission = make_submission()
    note, sent = typed(2000)
    response = press(editor_client, submission, "reject", note=sent)
    assert response.redirect_chain, response.context["adminform"].form.errors
    assert submission.history.get(to_state=State.REJECTED).note == note


def test_a_note_of_2001_characters_is_still_refused(editor_client):
    submission = make_submission()
    response = press(editor_client, submission, "reject", note=typed(2001)[1])
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["note"] == [
        "Ensure this value has at most 2000 characters (it has 2001)."
    ]
    assert Submission.objects.get().state == State.NEW


def test_a_note_of_2000_characters_on_the_page_that_asks_before_rejecting(editor_client):
    submission = make_submission()
    note, sent = typed(2000)
    page = reject_selected(editor_client, submission, confirmed=True, note=sent)
    assert "Rejected 1 question" in page.text
    assert submission.history.get(to_state=State.REJECTED).note == note
    # One more is refused with the step, as any note too long is.
    other = make_submission()
    page = reject_selected(editor_client, other, confirmed=True, note=typed(2001)[1])
    assert "at most 2000 characters (it has 2001)" in page.text
    assert not Transition.objects.filter(submission=other, to_state=State.REJECTED).exists()


def test_an_answer_as_long_as_allowed_with_line_breaks_is_saved(editor_client):
    submission = make_submission()
    answer, sent = typed(ANSWER_MAX_LENGTH)
    response = press(editor_client, submission, ("_continue", "1"), answer=sent)
    assert response.redirect_chain, response.context["adminform"].form.errors
    submission.refresh_from_db()
    assert submission.answer == answer


def test_a_saved_reply_of_2000_characters_with_line_breaks_is_kept(editor_client):
    text, sent = typed(2000)
    url = "/admin/ask/savedreply/add/"
    response = editor_client.post(url, {"title": "Long", "text": sent})
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert SavedReply.objects.get().text == text
    response = editor_client.post(url, {"title": "Longer", "text": typed(2001)[1]})
    assert response.status_code == 200
    assert not SavedReply.objects.filter(title="Longer").exists()


def test_a_lone_cr_counts_as_one_line_break_too(editor_client):
    # Old Macs' line ending, which normalisation in HTML and Django reads as one line break.
    submission = make_submission()
    note, _ = typed(2000)
    press(editor_client, submission, "reject", note=note.replace("\n", "\r"))
    assert submission.history.get(to_state=State.REJECTED).note == note


def test_every_box_of_several_lines_with_a_limit_counts_a_line_break_once(admin_user):
    # The public form, and the forms of every admin page and its inlines: a box added later
    # is not forgotten. (A title's box, OneLineText, makes a line break a space.)
    request = RequestFactory().get("/admin/")
    request.user = admin_user
    forms = {"the question form": AskForm}
    for model_admin in admin.site._registry.values():
        forms[str(model_admin)] = model_admin.get_form(request)
        for inline in model_admin.get_inline_instances(request):
            forms[str(inline)] = inline.get_formset(request).form
    counted = {
        f"{page}: {name}": len(field.to_python("a\r\nb\rc"))
        for page, form in forms.items()
        for name, field in form.base_fields.items()
        if isinstance(field.widget, Textarea) and getattr(field, "max_length", None)
    }
    assert {"the question form: question", "ask.SubmissionAdmin: note"} <= set(counted)
    assert counted == {box: 5 for box in counted}
