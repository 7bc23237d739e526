"""Migrations archive/0017 and factsheets/0005, which take each review recorded before them as of
the text as it read then: no page says it was edited since a review the site cannot date."""

import importlib
from datetime import date

import pytest
from django.apps import apps

from archive.models import Question
from tests.factories import make_category, make_factsheet, make_question

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


def test_each_factsheet_review_recorded_before_it_is_of_the_text_as_it_reads():
    factsheets = importlib.import_module("factsheets.migrations.0005_factsheet_reviewed_text_key")
    reviewed = make_factsheet("Sciatica", causes="Irritation.", last_reviewed=date(2026, 3, 2))
    never = make_factsheet("Bursitis")
    factsheets.note_reviewed_texts(apps, None)
    reviewed.refresh_from_db()
    never.refresh_from_db()
    assert reviewed.reviewed_text_key == reviewed.text_key() and not reviewed.edited_since_review
    assert never.reviewed_text_key == ""
