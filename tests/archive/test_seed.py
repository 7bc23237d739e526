"""`seed` on a database an older fixture filled: a seed Q&A the importer now marks for review, or
writes otherwise, is brought up to date while no editor has touched it, and never against an
editor's own edits or decision. And `seed` alone leaves the search index weighed afresh."""

import json
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import timezone

from archive.models import Question
from search import index
from tests.factories import make_question

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


@pytest.fixture
def loaded_by_an_older_importer():
    """The seed as the importer before whole-sentence titles left it: a long title cut short
    with "…" (written in bulk, so that `updated_at` stays the fixture's)."""
    call_command("seed", verbosity=0)
    seed = Question.objects.get(
        slug="i-have-had-two-spinal-fusions-the-second-one-through-the-stomach-due"
    )
    cut = seed.title[:80] + "…"
    Question.objects.filter(pk=seed.pk).update(title=cut, original_title=cut)
    return seed


def test_seed_brings_the_texts_of_an_untouched_seed_answer_up_to_date(loaded_by_an_older_importer):
    seed = loaded_by_an_older_importer
    call_command("seed", verbosity=0)
    now = Question.objects.get(pk=seed.pk)
    assert (now.title, now.original_title) == (seed.title, seed.original_title)
    assert now.updated_at > seed.updated_at  # changed, as readers' pages and the sitemap say


@pytest.mark.parametrize("field", ["question", "answer"])
def test_seed_brings_an_untouched_seed_answers_question_and_answer_up_to_date(field):
    call_command("seed", verbosity=0)
    seed = Question.objects.order_by("pk").first()
    Question.objects.filter(pk=seed.pk).update(**{field: "An older importer's text."})
    call_command("seed", verbosity=0)
    assert getattr(Question.objects.get(pk=seed.pk), field) == getattr(seed, field)


def test_seed_keeps_an_editors_title_and_a_reviewed_answers(loaded_by_an_older_importer):
    edited = Question.objects.get(pk=loaded_by_an_older_importer.pk)
    edited.title = "Two spinal fusions and a fall downstairs"
    edited.save()
    reviewed = Question.objects.exclude(pk=edited.pk).order_by("pk").first()
    Question.objects.filter(pk=reviewed.pk).update(title="Old title", last_reviewed="2026-12-01")
    call_command("seed", verbosity=0)
    assert Question.objects.get(pk=edited.pk).title == "Two spinal fusions and a fall downstairs"
    assert Question.objects.get(pk=reviewed.pk).title == "Old title"


def test_seed_alone_leaves_the_index_weighed_with_the_archives_averages():
    call_command("seed", verbosity=0)
    assert index.drift() == pytest.approx(0)


def test_seed_that_writes_no_page_leaves_the_drift_to_the_nightly_rebuild():
    call_command("seed", verbosity=0)
    area = Question.objects.first().category
    make_question(area, answer=" ".join(["blim"] * 5000))
    assert index.drift() > index.DRIFT_LIMIT
    call_command("seed", verbosity=0)
    assert index.drift() > index.DRIFT_LIMIT


def test_seed_shows_each_step_as_it_goes():
    out, err = StringIO(), StringIO()
    call_command("seed", stdout=out, stderr=err)
    assert out.getvalue().splitlines()[0].startswith("Seed: added 16 rows, kept 0 already there")
    assert "Search index rebuilt" in out.getvalue().splitlines()[-1]
    assert "12 Q&As looked at for red-flag signs" in err.getvalue()


def test_seed_dates_the_qas_it_adds_when_it_adds_them(db):
    before = timezone.now()
    call_command("seed", verbosity=0)
    for created_at, updated_at in Question.objects.values_list("created_at", "updated_at"):
        assert created_at == updated_at >= before  # not the day the fixture was built
