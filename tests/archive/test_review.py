"""Keeping answers current: review dates on published Q&As, marking many for review from a phrase
search, the note readers see, and the "due for review" list."""

import re
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.utils import timezone

from archive.models import Question
from tests.archive.test_admin import form_data
from tests.factories import make_category, make_question

pytestmark = pytest.mark.django_db
LIST = "/admin/archive/question/"


@pytest.fixture
def area(db):
    return make_category("Lower back pain")


def test_due_for_review_means_marked_or_past_the_review_by_date(area):
    today = timezone.localdate()
    marked = make_question(area, marked_for_review=True)
    past = make_question(area, review_by=today - timedelta(days=1))
    due_today = make_question(area, review_by=today)
    make_question(area, review_by=today + timedelta(days=1))
    make_question(area)
    make_question(area, published=False, marked_for_review=True)
    assert set(Question.objects.due_for_review()) == {marked, past, due_today}


def test_readers_see_a_note_while_a_qa_is_due_for_review(client, area):
    question = make_question(area, last_reviewed=timezone.localdate() - timedelta(days=700))
    assert 'id="review-note"' not in client.get(question.get_absolute_url()).text
    Question.objects.update(marked_for_review=True)
    page = client.get(question.get_absolute_url()).text
    assert "This answer is due for review by the expert panel." in page
    assert "being reviewed" not in page
    assert "last checked" in page


def test_a_review_by_date_must_come_after_the_last_review(area):
    today = timezone.localdate()
    with pytest.raises(IntegrityError):
        make_question(area, last_reviewed=today, review_by=today)


def test_a_reviewer_is_named_only_with_the_date_of_the_review(area):
    question = make_question(area, reviewed_by="Dr A")
    with pytest.raises(ValidationError) as error:
        question.full_clean()
    assert error.value.message_dict == {
        "last_reviewed": ["Give the date of the review, or leave “Reviewed by” empty."]
    }
    question.last_reviewed = timezone.localdate()
    question.full_clean()


def test_a_review_date_cannot_be_in_the_future(area):
    question = make_question(area, last_reviewed=timezone.localdate() + timedelta(days=1))
    with pytest.raises(ValidationError) as error:
        question.full_clean()
    assert error.value.message_dict == {"last_reviewed": ["A review date cannot be in the future."]}


def test_an_editor_marks_every_qa_with_a_phrase_for_review_in_one_action(editor_client, area):
    citing = [
        make_question(area, answer="The NICE guideline on low back pain suggests exercise."),
        make_question(area, answer="See the NICE guideline for sciatica."),
    ]
    other = make_question(area, answer="Acupuncture may help.")
    found = editor_client.get(LIST, {"q": '"NICE guideline"'}).context["cl"].result_list
    assert set(found) == set(citing)

    response = editor_client.post(
        LIST + '?q="NICE guideline"',
        {"action": "mark_for_review", "_selected_action": [q.pk for q in found]},
        follow=True,
    )
    assert "2 Q&amp;As marked for review" in response.text
    assert set(Question.objects.due_for_review()) == set(citing)
    other.refresh_from_db()
    assert not other.marked_for_review
    due_list = editor_client.get(LIST, {"review": "due"}).context["cl"].result_list
    assert set(due_list) == set(citing)


def test_reviewing_clears_the_mark_and_a_passed_date_and_records_the_day(editor_client, area):
    today = timezone.localdate()
    marked = make_question(area, marked_for_review=True, review_by=today - timedelta(days=3))
    planned = make_question(area, review_by=today + timedelta(days=90))
    editor_client.post(
        LIST, {"action": "mark_reviewed", "_selected_action": [marked.pk, planned.pk]}
    )
    marked.refresh_from_db()
    planned.refresh_from_db()
    assert (marked.last_reviewed, marked.marked_for_review, marked.review_by) == (
        today,
        False,
        None,
    )
    assert (planned.last_reviewed, planned.review_by) == (today, today + timedelta(days=90))
    assert not Question.objects.due_for_review().exists()


def test_lists_of_qas_say_which_answers_are_due_for_review(client, area):
    today = timezone.localdate()
    marked = make_question(area, title="Sciatica and NICE", marked_for_review=True)
    make_question(area, title="Sciatica after a fall", question="Sciatica after a fall.")
    make_question(area, title="Sciatica at night", review_by=today - timedelta(days=1))
    make_question(area, title="Sciatica in bed", review_by=today + timedelta(days=1))
    expected = {
        "Sciatica and NICE": True,
        "Sciatica after a fall": False,
        "Sciatica at night": True,
        "Sciatica in bed": False,
    }
    for url in ["/", area.get_absolute_url()]:
        assert rows_said_due(client.get(url).text) == expected, url
    similar = rows_said_due(client.get(marked.get_absolute_url()).text)
    assert similar == {title: flag for title, flag in expected.items() if title != marked.title}


def rows_said_due(html):
    """{title: whether its row says the answer is due for review} for each Q&A listed."""
    items = re.findall(
        r'<li>\s*<a href="[^"]*">([^<]*)</a>\s*<span class="meta">(.*?)</span>', html
    )
    assert not any("being reviewed" in meta for _, meta in items)
    return {title: "answer due for review" in meta for title, meta in items}


def test_marking_reviewed_today_warns_of_none_when_no_answer_makes_a_noted_claim(
    editor_client, area
):
    question = make_question(area, answer="Rest, and keep moving gently.")
    response = editor_client.post(
        LIST, {"action": "mark_reviewed", "_selected_action": [question.pk]}, follow=True
    )
    assert [str(m) for m in response.context["messages"]] == [
        "1 Q&A marked as reviewed today. To name who reviewed one, fill in “Reviewed by” on its "
        "page."
    ]


def test_marking_reviewed_today_skips_and_names_the_qas_still_making_noted_claims(
    client, editor_client, area
):
    # "Last reviewed today" beside "this page says something current evidence does not
    # support" would say the review found it current.
    noted = make_question(area, title="NICE and my back", answer="NICE recommends acupuncture.")
    plain = make_question(area, title="Resting", answer="Rest, then move gently.")
    response = editor_client.post(
        LIST, {"action": "mark_reviewed", "_selected_action": [noted.pk, plain.pk]}, follow=True
    )
    messages = {m.level_tag: str(m) for m in response.context["messages"]}
    assert messages["success"].startswith("1 Q&A marked as reviewed today.")
    assert messages["warning"].startswith(
        "Not marked as reviewed, as still saying what current evidence does not support: "
        "“NICE and my back”. For each, correct the claim first"
    )
    noted.refresh_from_db()
    plain.refresh_from_db()
    assert (noted.last_reviewed, plain.last_reviewed) == (None, timezone.localdate())
    assert "Not reviewed since it was published" in client.get(noted.get_absolute_url()).text
    # Corrected, it is reviewed.
    Question.objects.filter(pk=noted.pk).update(answer="NICE does not recommend it for this.")
    editor_client.post(LIST, {"action": "mark_reviewed", "_selected_action": [noted.pk]})
    noted.refresh_from_db()
    assert noted.last_reviewed == timezone.localdate()


def test_a_review_is_not_recorded_on_the_page_of_a_qa_still_making_a_noted_claim(
    editor_client, area
):
    noted = make_question(area, title="NICE and my back", answer="NICE recommends acupuncture.")
    url = f"{LIST}{noted.pk}/change/"
    today = f"{timezone.localdate():%Y-%m-%d}"
    for review in [{"last_reviewed": today}, {"last_reviewed": today, "reviewed_by": "Dr A"}]:
        response = editor_client.post(url, form_data(editor_client.get(url), **review))
        assert response.status_code == 200
        (error,) = response.context["adminform"].form.errors["last_reviewed"]
        assert error.startswith("This page still says what current evidence does not support")
        noted.refresh_from_db()
        assert noted.last_reviewed is None
    # The claim corrected in the same save, the review is of the text as it now reads.
    corrected = form_data(
        editor_client.get(url), last_reviewed=today, answer="NICE does not recommend it."
    )
    assert editor_client.post(url, corrected).status_code == 302
    noted.refresh_from_db()
    assert noted.last_reviewed == timezone.localdate() and not noted.edited_since_review


def reviewed_then_edited(editor_client, area, **changes):
    """A Q&A marked reviewed today in the list, named its reviewer, then saved in admin with
    `changes`; its page as readers see it."""
    question = make_question(area, answer="Rest, then move gently.")
    editor_client.post(LIST, {"action": "mark_reviewed", "_selected_action": [question.pk]})
    Question.objects.filter(pk=question.pk).update(reviewed_by="Dr Ann Checker")
    url = f"{LIST}{question.pk}/change/"
    response = editor_client.post(url, form_data(editor_client.get(url), **changes))
    assert response.status_code == 302
    return editor_client.get(question.get_absolute_url()).text


def test_an_answer_edited_after_its_review_says_so_beside_the_review(editor_client, area):
    # Dr Checker read the answer as it was, not the sentence added since.
    html = reviewed_then_edited(editor_client, area, answer="Rest. You will be fine in a week.")
    today = f"{timezone.localdate():%-d %B %Y}"
    assert (
        f"{today}</time> by Dr Ann Checker (the question or answer has been edited since)" in html
    )
    ld = re.search(r"application/ld\+json\">(.*?)</script>", html)[1]
    assert "lastReviewed" not in ld and "Dr Ann Checker" not in ld
    # The list writes the day as the Q&A's page does.
    assert f"Reviewed {today}, edited since" in editor_client.get(LIST).text


def test_a_review_recorded_with_the_edit_or_after_it_is_of_the_text_as_it_reads(
    editor_client, area
):
    html = reviewed_then_edited(
        editor_client, area, answer="Rest for a day.", reviewed_by="Dr Bo Later"
    )
    assert "by Dr Bo Later</dd>" in html and "edited since" not in html
    assert '"reviewedBy": {"@type": "Person", "name": "Dr Bo Later"}' in html
    html = reviewed_then_edited(editor_client, area, title="Resting after acupuncture")
    assert "edited since" not in html  # a title corrected is no change to what was checked
    html = reviewed_then_edited(editor_client, area, answer="Rest. Then walk a little.")
    question = Question.objects.get(answer="Rest. Then walk a little.")
    editor_client.post(LIST, {"action": "mark_reviewed", "_selected_action": [question.pk]})
    assert "edited since" not in editor_client.get(question.get_absolute_url()).text
