"""Migration archive/0017, which takes each review recorded before it as of its Q&A's question and
answer as they read then: no page says a Q&A was edited since a review the site cannot date."""

import importlib
from datetime import date

import pytest
from django.apps import apps

from archive.models import Question
from tests.factories import make_category, make_question

pytestmark = pytest.mark.django_db

migration = importlib.import_module("archive.migrations.0017_question_reviewed_text_key")


def test_each_review_recorded_before_it_is_of_the_text_as_it_reads():
    area = make_category()
    reviewed = make_question(area, last_reviewed=date(2026, 3, 2), reviewed_by="Dr Ann")
    never = make_question(area)
    migration.note_reviewed_texts(apps, None)
    reviewed.refresh_from_db()
    never.refresh_from_db()
    assert reviewed.reviewed_text_key == reviewed.text_key()
    assert never.reviewed_text_key == ""
    Question.objects.filter(pk=reviewed.pk).update(answer="Edited since.")
    reviewed.refresh_from_db()
    assert reviewed.edited_since_review
