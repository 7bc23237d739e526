"""`seed` on a database an older fixture filled: a seed Q&A the importer now marks for review is
marked while no editor has touched it, and never against an editor's own decision."""

import json

import pytest
from django.conf import settings
from django.core.management import call_command

from archive.models import Question

pytestmark = pytest.mark.django_db
SEED = settings.BASE_DIR / "fixtures" / "seed.json"


def marked_in_fixture():
    """Slugs of the seed Q&As the fixture marks for review."""
    rows = json.loads(SEED.read_text(encoding="utf-8"))
    return [
        row["fields"]["slug"]
        for row in rows
        if row["model"] == "archive.question" and row["fields"]["marked_for_review"]
    ]


@pytest.fixture
def loaded_unmarked():
    """The seed as an older importer left it: the same rows, none marked for review (written
    in bulk, as loading the fixture wrote them, so that `updated_at` stays the fixture's)."""
    call_command("seed", verbosity=0)
    Question.objects.update(marked_for_review=False)
    return marked_in_fixture()


def test_seed_marks_untouched_seed_answers_the_importer_now_marks(loaded_unmarked):
    call_command("seed", verbosity=0)
    marked = set(Question.objects.filter(marked_for_review=True).values_list("slug", flat=True))
    assert marked == set(loaded_unmarked)
    assert Question.objects.get(slug=loaded_unmarked[0]).is_due_for_review()


def test_seed_leaves_an_answer_an_editor_reviewed_or_edited(loaded_unmarked):
    reviewed, edited, *_ = Question.objects.filter(slug__in=loaded_unmarked).order_by("pk")
    reviewed.mark_reviewed()
    reviewed.save()
    edited.answer += "\n\nSee your GP first."
    edited.save()
    call_command("seed", verbosity=0)
    reviewed.refresh_from_db()
    edited.refresh_from_db()
    assert not reviewed.marked_for_review and not edited.marked_for_review


def test_seed_run_twice_marks_nothing_more(loaded_unmarked):
    call_command("seed", verbosity=0)
    once = list(Question.objects.order_by("pk").values())
    call_command("seed", verbosity=0)
    assert list(Question.objects.order_by("pk").values()) == once
