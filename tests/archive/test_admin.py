"""The archive's list of Q&As in admin, where editors mark answers for review: it fits a laptop
screen, with the review state before the date and each category by its own name."""

import re

import pytest
from django.utils import timezone

from tests.ask.conftest import make_editor
from tests.factories import make_category, make_question

pytestmark = pytest.mark.django_db
LIST = "/admin/archive/question/"


@pytest.fixture
def editor_client(client, db):
    client.force_login(make_editor())
    return client


def test_the_list_has_no_app_list_beside_it(editor_client):
    assert 'id="nav-sidebar"' not in editor_client.get(LIST).text
    assert 'id="nav-sidebar"' in editor_client.get("/admin/archive/category/").text  # elsewhere


def test_the_review_column_comes_before_the_publishing_date(editor_client):
    make_question(make_category("Lower back pain"))
    columns = re.findall(r'<th scope="col" class="[^"]*column-(\w+)', editor_client.get(LIST).text)
    assert columns == ["title", "category_name", "status", "review", "published_at"]


def test_the_category_column_gives_the_category_not_its_whole_path(editor_client):
    back = make_category("Back / spine")
    lower = make_category("Lower back pain", parent=back)
    make_question(lower, title="Tired after treatment")
    html = editor_client.get(LIST).text
    assert '<td class="field-category_name">Lower back pain</td>' in html
    assert "Back / spine › Lower back pain</td>" not in html


def test_a_qas_page_shows_its_whole_title_without_the_app_list_beside_it(editor_client):
    question = make_question(make_category("Lower back pain"), title="Tired after treatment")
    html = editor_client.get(f"{LIST}{question.pk}/change/").text
    assert re.search(r'<input type="text" name="title"[^>]*class="vTextField title-box"', html)
    assert 'id="nav-sidebar"' not in html


def test_marking_reviewed_today_does_not_name_who_reviewed_it_before(editor_client):
    question = make_question(make_category("Lower back pain"), reviewed_by="Dr Ann Former")
    editor_client.post(LIST, {"action": "mark_reviewed", "_selected_action": [question.pk]})
    question.refresh_from_db()
    assert question.last_reviewed == timezone.localdate()
    assert question.reviewed_by == ""
    assert "Dr Ann Former" not in editor_client.get(question.get_absolute_url()).text
