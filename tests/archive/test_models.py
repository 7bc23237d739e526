"""The archive's data rules: what counts as published, the tree and its counts, integrity."""

from datetime import timedelta

import pytest
from django.db import IntegrityError
from django.utils import timezone

from archive.models import Category, Question
from tests.factories import make_category, make_question

pytestmark = pytest.mark.django_db


def test_published_leaves_out_drafts_and_future_dates():
    area = make_category()
    shown = make_question(area)
    make_question(area, published=False)
    make_question(area, published_at=timezone.now() + timedelta(days=1))
    assert list(Question.objects.published()) == [shown]


def test_in_category_includes_every_level_below():
    top = make_category()
    middle = make_category(parent=top)
    bottom = make_category(parent=middle)
    elsewhere = make_category()
    expected = {make_question(top), make_question(middle), make_question(bottom)}
    make_question(elsewhere)
    assert set(Question.objects.in_category(top)) == expected
    assert set(Question.objects.in_category(bottom)) == expected - {
        q for q in expected if q.category != bottom
    }


def test_tree_counts_published_questions_with_descendants(django_assert_num_queries):
    top = make_category("Muscles and bones")
    middle = make_category("Back / spine", parent=top)
    bottom = make_category("Lower back pain", parent=middle)
    make_question(middle)
    make_question(bottom)
    make_question(bottom)
    make_question(bottom, published=False)
    with django_assert_num_queries(3):  # the version, the categories, the counts
        (root,) = Category.objects.tree()
        totals = [root.total, root.children[0].total, root.children[0].children[0].total]
    assert totals == [3, 3, 2]


def test_a_published_question_needs_an_answer():
    area = make_category()
    with pytest.raises(IntegrityError):
        make_question(area, answer="")


def test_a_published_question_needs_a_date():
    area = make_category()
    with pytest.raises(IntegrityError):
        make_question(area, published_at=None)


def test_a_preserved_question_needs_its_text():
    area = make_category()
    with pytest.raises(IntegrityError):
        make_question(area, question="", question_preserved=True)


def test_a_category_cannot_be_its_own_parent():
    area = make_category()
    area.parent_id = area.id
    with pytest.raises(IntegrityError):
        area.save()


def test_ancestry_runs_from_the_root():
    top = make_category("Muscles and bones")
    bottom = make_category("Lower back pain", parent=make_category("Back / spine", parent=top))
    assert [c.name for c in bottom.ancestry()] == [
        "Muscles and bones",
        "Back / spine",
        "Lower back pain",
    ]
    assert str(bottom) == "Muscles and bones › Back / spine › Lower back pain"


def test_ancestry_ends_on_a_loop_of_parents_written_around_the_admin():
    top = make_category("Muscles and bones")
    bottom = make_category("Lower back pain", parent=make_category("Back / spine", parent=top))
    Category.objects.filter(pk=top.pk).update(parent=bottom)
    assert [c.name for c in bottom.ancestry()] == [
        "Muscles and bones",
        "Back / spine",
        "Lower back pain",
    ]
    top.refresh_from_db()
    assert str(top) == "Back / spine › Lower back pain › Muscles and bones"


def test_the_remembered_tree_cuts_a_loop_of_parents_above_its_oldest_area():
    top = make_category("Muscles and bones")
    middle = make_category("Back / spine", parent=top)
    bottom = make_category("Lower back pain", parent=middle)
    make_question(bottom)
    Category.objects.filter(pk=top.pk).update(parent=bottom)
    (root,) = Category.objects.tree()
    assert (root, root.total) == (top, 1)
    assert [c.name for c in Category.objects.node(bottom.slug).ancestry()] == [
        "Muscles and bones",
        "Back / spine",
        "Lower back pain",
    ]
    assert set(top.descendant_ids()) == {top.pk, middle.pk, bottom.pk}
