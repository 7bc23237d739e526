"""At its asker's request, an administrator deletes a Q&A published from a visitor's question, or
sent as the answer to questions closed as its duplicates (SECURITY.md): it leaves the archive and
search, and each question keeps its state and history, its asker's pages saying that the answer
is not in the archive any more. Editors can only set it back to draft."""

import re

import pytest
from django.db import IntegrityError

from archive.models import Question
from ask import services
from ask.models import Submission
from tests.ask.conftest import links, make_submission
from tests.ask.test_admin import change_url
from tests.ask.test_asker_links import published
from tests.factories import make_question
from tests.searching import found

pytestmark = pytest.mark.django_db
State = Submission.State


def delete(client, question):
    """Admin's "Delete" of a Q&A, confirmed."""
    return client.post(f"/admin/archive/question/{question.pk}/delete/", {"post": "yes"})


def test_an_administrator_deletes_a_qa_published_from_a_visitors_question(
    admin_client, client, editor, area
):
    submission = published(editor, area)
    qa = submission.published_question
    assert found("tired") == [qa]
    assert delete(admin_client, qa).status_code == 302
    assert not Question.objects.exists() and found("tired") == []
    assert client.get(qa.get_absolute_url()).status_code == 410  # removed, never another answer
    submission.refresh_from_db()
    assert (submission.state, submission.published_question) == (State.PUBLISHED, None)
    page = admin_client.get(change_url(submission)).text
    assert "Deleted from the archive by an administrator." in page

    status, withdraw = links(submission)
    html = client.get("/" + status).text
    assert "Answered.</strong> The answer is not in the archive any more." in html
    withdrawing = client.get("/" + withdraw).text
    removed = "Its answer is not in the archive any more: the edited copy made for it was deleted."
    assert removed in withdrawing
    assert "edited copy kept" not in withdrawing  # no copy is kept
    services.withdraw(submission=submission)  # the asker's details still go at their request
    submission.refresh_from_db()
    assert submission.personal_data_erased_at and submission.answer == ""


def test_the_delete_page_says_whose_e_mailed_link_will_say_removed(admin_client, editor, area):
    qa = published(editor, area).published_question
    page = admin_client.get(f"/admin/archive/question/{qa.pk}/delete/").text
    assert "published from a visitor&#x27;s question" in page
    assert "e-mailed its address" in page
    assert "that link will say the answer was removed" in page
    calm = make_question(area, title="Nobody was sent this")
    page = admin_client.get(f"/admin/archive/question/{calm.pk}/delete/").text
    assert "e-mailed its address" not in page


def delete_selected(client, *questions, confirmed=False):
    """Admin's "Delete selected Q&As" action in the list: the page that asks, else confirmed."""
    data = {"action": "delete_selected", "_selected_action": [q.pk for q in questions]}
    return client.post("/admin/archive/question/", data | ({"post": "yes"} if confirmed else {}))


def test_delete_selected_names_the_qas_whose_askers_were_sent_their_links(
    admin_client, editor, area
):
    qa = published(editor, area).published_question
    original = make_question(area, title="Tiredness after acupuncture")
    services.close_as_duplicate(submission=make_submission(), by=editor, duplicate_of=original)
    calm = make_question(area, title="Nobody was sent this")
    page = delete_selected(admin_client, qa, original, calm).text
    # The same words as each one's own delete page, naming the Q&A.
    for question in (qa, original):
        single = admin_client.get(f"/admin/archive/question/{question.pk}/delete/").text
        (warning,) = re.findall(r'<p class="errornote">.*?</p>', single, re.S)
        assert warning in page
        assert f"“{question.title}” was " in warning
    assert "published from a visitor&#x27;s question" in page
    assert "sent as the answer to a visitor&#x27;s question" in page
    assert "that link will say the answer was removed" in page
    assert "“Nobody was sent this” was" not in page
    assert "e-mailed its address" not in delete_selected(admin_client, calm).text
    assert delete_selected(admin_client, qa, original, confirmed=True).status_code == 302
    assert list(Question.objects.all()) == [calm]


def test_an_administrator_deletes_a_qa_sent_as_the_answer_to_a_duplicate(
    admin_client, client, editor, area
):
    original = make_question(area, title="Tiredness after acupuncture")
    submission = make_submission()
    services.close_as_duplicate(submission=submission, by=editor, duplicate_of=original)
    assert delete(admin_client, original).status_code == 302
    submission.refresh_from_db()
    assert (submission.state, submission.duplicate_of) == (State.CLOSED_DUPLICATE, None)
    status, withdraw = links(submission)
    html = client.get("/" + status).text
    assert "already has an answer, but it is not in the archive any more." in html
    assert "That answer is not in the archive any more." in client.get("/" + withdraw).text


def test_an_editor_cannot_delete_it(editor_client, editor, area):
    qa = published(editor, area).published_question
    assert delete(editor_client, qa).status_code == 403
    assert Question.objects.filter(pk=qa.pk).exists()


def test_the_database_refuses_a_link_from_a_question_not_published(area):
    submission = make_submission()
    with pytest.raises(IntegrityError):
        Submission.objects.filter(pk=submission.pk).update(published_question=make_question(area))


def test_a_qa_published_with_the_title_of_a_deleted_one_gets_another_address(
    admin_client, editor, area
):
    deleted = published(editor, area).published_question
    assert delete(admin_client, deleted).status_code == 302
    submission = make_submission()
    services.assign(submission=submission, editor=editor)
    submission.category, submission.title = area, deleted.title
    submission.save()
    services.mark_answered(submission=submission, by=editor, answer="It passes in a day.")
    assert services.address_when_published(submission) == f"/questions/{deleted.slug}-2/"
    assert services.publish(submission=submission, by=editor).published_question.slug == (
        f"{deleted.slug}-2"
    )
