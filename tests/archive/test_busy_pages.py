"""The busiest pages stay cheap however large the archive grows: lists are read from an index in
order (no sort of every published Q&A), and the body-area totals are not recounted on every view."""

import pytest
from django.db import connection

from archive.models import Category, Question
from tests.factories import make_category, make_question

pytestmark = pytest.mark.django_db


@pytest.fixture
def archive_published_at_one_moment():
    """Imported Q&As can share a publication time: the order then rests on the id alone."""
    area = make_category()
    first = make_question(area)
    for _ in range(5):
        make_question(area, published_at=first.published_at)
    return area


def plan(queryset):
    with connection.cursor() as cursor:
        # Tiny test tables make a sequential scan, or a bitmap scan and a sort, cheapest: ask
        # what the indexes can do (a sort still shows when no index gives the order).
        cursor.execute(
            "SET LOCAL enable_seqscan = off; SET LOCAL enable_bitmapscan = off; "
            "SET LOCAL enable_sort = off"
        )
    return queryset.explain()


def test_the_newest_q_and_as_come_from_an_index_without_a_sort(archive_published_at_one_moment):
    explained = plan(Question.objects.published().newest_first()[:5])
    assert "question_newest" in explained
    assert "Sort" not in explained


def test_a_categorys_newest_q_and_as_come_from_an_index_without_a_sort(
    archive_published_at_one_moment,
):
    area = archive_published_at_one_moment
    explained = plan(Question.objects.published().in_category(area).newest_first()[10:20])
    assert "Index Scan" in explained
    assert "Sort" not in explained


def test_the_body_area_totals_are_counted_once_per_content_version(django_assert_num_queries):
    area = make_category()
    make_question(area)
    Category.objects.tree()
    with django_assert_num_queries(1):  # the content version; categories and counts remembered
        (node,) = [n for n in Category.objects.tree() if n.id == area.id]
    assert node.total == 1
    make_question(area)
    with django_assert_num_queries(3):  # a new version: the categories and counts again
        (node,) = [n for n in Category.objects.tree() if n.id == area.id]
    assert node.total == 2


def test_a_large_categorys_page_is_not_counted_on_every_view(client, db, django_assert_num_queries):
    area = make_category()
    for _ in range(12):
        make_question(area)
    client.get(area.get_absolute_url())
    with django_assert_num_queries(2):  # the content version and the page of Q&As
        response = client.get(area.get_absolute_url(), {"page": 2})
    assert response.context["page"].paginator.count == 12
    assert len(response.context["page"].object_list) == 2
