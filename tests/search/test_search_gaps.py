"""Searches that found nothing or little, or missed some of their words: counted per normalised
search and day, with nothing about the visitor, kept for a bounded time, listed for editors most
searched first."""

import io
from datetime import timedelta
from unittest.mock import patch

import pytest
from django.contrib.auth.models import Permission
from django.core.cache import caches
from django.core.management import call_command
from django.db import connection
from django.db.models import QuerySet
from django.test import Client, RequestFactory
from django.utils import timezone

from archive import caching
from archive.models import ContentVersion
from config.personal_data import looks_personal
from search.models import SearchGap, normalise
from tests.ask.conftest import make_editor
from tests.ask.test_workspace import glance
from tests.factories import make_category, make_question

pytestmark = pytest.mark.django_db
GAPS = "/admin/search/searchgap/"
LABEL = "searches that found little"  # the admin index's count of them


@pytest.fixture
def answers(db):
    area = make_category("Lower back pain")
    for n in range(5):
        make_question(area, title=f"Sciatica and acupuncture {n}", answer="Sciatica often eases.")
    return area


def counted():
    return {
        (gap.query, gap.day, gap.searches, gap.fewest_results) for gap in SearchGap.objects.all()
    }


def test_a_search_that_finds_nothing_is_counted_under_its_normalised_words(client, answers):
    today = timezone.localdate()
    client.get("/search/", {"q": "Frozen  Shoulder"})
    client.get("/search/", {"q": '"frozen shoulder"'})
    assert counted() == {("frozen shoulder", today, 2, 0)}


def test_the_same_search_is_counted_every_time_however_pages_are_cached(client, answers):
    for _ in range(3):
        response = client.get("/search/", {"q": "frozen shoulder"})
        assert "public" not in response["Cache-Control"]
        assert "ETag" not in response
    assert counted() == {("frozen shoulder", timezone.localdate(), 3, 0)}
    assert "public" in client.get("/search/", {"q": "sciatica"})["Cache-Control"]


def test_a_search_with_plenty_of_results_is_not_counted(client, answers):
    client.get("/search/", {"q": "sciatica"})
    assert not SearchGap.objects.exists()


def test_a_search_finding_pages_for_some_of_its_words_only_is_counted_with_the_words_missed(
    client, answers
):
    response = client.get("/search/", {"q": "Sciatica xylophone"})
    assert "No answer or factsheet here mentions <strong>xylophone</strong>" in response.text
    assert "public" not in response["Cache-Control"]
    gap = SearchGap.objects.get()
    assert (gap.query, gap.fewest_results, gap.missing_words) == (
        "sciatica xylophone",
        5,
        "xylophone",
    )


def test_a_search_that_finds_nothing_keeps_no_words_twice(client, answers):
    client.get("/search/", {"q": "frozen shoulder"})
    assert SearchGap.objects.get().missing_words == ""


def test_a_later_page_or_a_narrowed_search_is_not_counted_again(client, answers):
    client.get("/search/", {"q": "frozen shoulder", "page": "2"})
    client.get("/search/", {"q": "frozen shoulder", "category": answers.slug})
    assert not SearchGap.objects.exists()


def test_nothing_about_the_visitor_is_kept(client, answers):
    client.get("/search/", {"q": "frozen shoulder"}, REMOTE_ADDR="203.0.113.9")
    fields = {field.name for field in SearchGap._meta.get_fields()}
    # dealt_with_at is an editor's doing, emptied (not set) when a visitor searches.
    assert fields == {
        "id",
        "query",
        "day",
        "searches",
        "fewest_results",
        "missing_words",
        "dealt_with_at",
    }


@pytest.mark.parametrize(
    "query", ["ann@example.org knee", "call 07700 900123", "nhs 943 476 5919 results"]
)
def test_a_search_holding_contact_details_or_numbers_is_not_kept(client, answers, query):
    client.get("/search/", {"q": query})
    assert not SearchGap.objects.exists()


def kept_pages(params):
    """The server's kept copies of the search page for `params`, plain and compressed."""
    version = ContentVersion.current()
    return [
        caches["pages"].get(
            caching._page_key(
                RequestFactory().get("/search/", params, HTTP_ACCEPT_ENCODING=encoding), version
            )
        )
        for encoding in ("", "gzip")
    ]


PERSONAL_SEARCHES = [
    "back pain zeb99@audit.example",
    "back pain 07700 900123",
    'back pain "07700" "900123"',  # a number split by quotes is still one once normalised
    "sciatica zeb99@audit.example",  # plenty of results: not a search that found little
]


@pytest.mark.parametrize("query", PERSONAL_SEARCHES)
@pytest.mark.parametrize("params", [{}, {"page": "2"}], ids=["first-page", "later-page"])
def test_a_search_holding_contact_details_or_numbers_is_kept_by_no_cache(
    client, answers, query, params
):
    """Its words are on the page: neither the server's page cache, nor a CDN or proxy, nor the
    browser may keep it; it is rendered afresh every time."""
    params = {"q": query} | params
    for encoding in ("", "gzip"):
        response = client.get("/search/", params, HTTP_ACCEPT_ENCODING=encoding)
        # Page 2 of one page of results does not exist: its 404 shows the words too.
        assert response.status_code == (404 if "page" in params else 200)
        assert "zeb99@audit.example" in response.text or "07700" in response.text
        assert "no-store" in response["Cache-Control"]
        assert "public" not in response["Cache-Control"]
        assert "max-age=0" in response["Cache-Control"]
        assert not response.has_header("ETag")
        assert response.get("Content-Encoding") != "gzip"  # compressed for public pages only
    assert kept_pages(params) == [None, None]
    assert not SearchGap.objects.exists()


def test_a_search_that_cannot_run_holding_an_address_is_kept_by_no_cache_either(client, answers):
    params = {"q": "zeb99@audit.example " + "pain " * 100}  # too long: an error, shown back
    response = client.get("/search/", params)
    assert response.status_code == 400
    assert "no-store" in response["Cache-Control"]
    assert "public" not in response["Cache-Control"]
    assert kept_pages(params) == [None, None]


def test_an_ordinary_search_is_still_kept_and_public(client, answers):
    params = {"q": "sciatica"}
    response = client.get("/search/", params)
    assert "public" in response["Cache-Control"]
    assert response.has_header("ETag")
    plain, _ = kept_pages(params)
    assert plain is not None and b"Sciatica and acupuncture" in plain[2]


@pytest.mark.parametrize(
    ("text", "personal"),
    [
        ("ann@example.org", True),
        ("07700 900123", True),
        ("943-476-5919", True),
        ('"07700" "900123"', True),
        ("12 - 34", True),
        ("07700.900.123", True),
        ("back pain 2024", False),
        ("c5 c6 disc", False),
    ],
)
def test_one_test_says_what_looks_personal(text, personal):
    assert looks_personal(text) is personal


def test_each_day_has_its_own_count_and_old_days_are_pruned(db, settings):
    settings.SEARCH_GAPS_KEEP_DAYS = 30
    today = timezone.localdate()
    SearchGap.objects.create(
        query="frozen shoulder", day=today - timedelta(days=31), fewest_results=0
    )
    SearchGap.objects.create(
        query="frozen shoulder", day=today - timedelta(days=30), fewest_results=1
    )
    SearchGap.objects.record("frozen shoulder", 0)
    assert SearchGap.objects.count() == 3
    out = io.StringIO()
    call_command("prune_search_gaps", stdout=out)
    assert sorted(gap.day for gap in SearchGap.objects.all()) == [today - timedelta(days=30), today]
    assert out.getvalue() == "Deleted 1 daily count older than 30 days.\n"
    call_command("prune_search_gaps", days=1, stdout=out)
    assert out.getvalue().endswith("Deleted 1 daily count older than 1 day.\n")


def test_normalising_keeps_the_words_and_drops_case_spacing_and_search_syntax():
    assert normalise("  Pins   and -Needles ") == "pins and needles"
    assert normalise('"Slipped Disc"') == "slipped disc"


def test_editors_see_the_gaps_most_searched_first_each_with_a_link_to_run_it(client, db):
    today = timezone.localdate()
    SearchGap.objects.create(query="tennis elbow", day=today, searches=2, fewest_results=1)
    SearchGap.objects.create(query="frozen shoulder", day=today, searches=3, fewest_results=0)
    SearchGap.objects.create(
        query="frozen shoulder", day=today - timedelta(days=1), searches=4, fewest_results=0
    )
    client.force_login(make_editor())
    response = client.get(GAPS)
    rows = [(row["query"], row["searches_total"], row["days"]) for row in response.context["page"]]
    assert rows == [("frozen shoulder", 7, 2), ("tennis elbow", 2, 1)]
    assert 'href="/search/?q=frozen+shoulder"' in response.text
    assert 'href="/admin/search/synonym/add/?lay_term=frozen+shoulder"' in response.text


def test_editors_see_the_words_a_search_missed_and_can_add_a_synonym_for_them(client, db):
    today = timezone.localdate()
    SearchGap.objects.create(
        query="sciatica xylophone", day=today, fewest_results=5, missing_words="xylophone"
    )
    SearchGap.objects.create(
        query="knee xylophone zither",
        day=today,
        fewest_results=9,
        missing_words="xylophone, zither",
    )
    client.force_login(make_editor())
    response = client.get(GAPS)
    assert "<td>xylophone</td>" in response.text
    assert 'href="/admin/search/synonym/add/?lay_term=xylophone"' in response.text
    # Several words missed: the synonym starts from those words, as one lay term (no commas).
    assert "<td>xylophone, zither</td>" in response.text
    assert 'href="/admin/search/synonym/add/?lay_term=xylophone+zither"' in response.text
    assert "lay_term=knee" not in response.text


def test_the_synonym_for_a_search_that_found_pages_for_some_words_starts_from_those_words(
    client, answers
):
    # Counted by the search page itself: "sciatica" finds pages, the other words none.
    client.get("/search/", {"q": "sciatica xylophone zither"})
    assert SearchGap.objects.get().missing_words == "xylophone, zither"
    client.get("/search/", {"q": "frozen shoulder"})  # found nothing: the whole search
    client.force_login(make_editor())
    response = client.get(GAPS)
    links = {row["query"]: row["synonym_url"] for row in response.context["page"]}
    assert links == {
        "sciatica xylophone zither": "/admin/search/synonym/add/?lay_term=xylophone+zither",
        "frozen shoulder": "/admin/search/synonym/add/?lay_term=frozen+shoulder",
    }
    assert 'Add a synonym<span class="visually-hidden"> for xylophone zither</span>' in (
        response.text
    )


def test_the_gap_list_takes_the_same_queries_however_long_it_is(
    client, db, django_assert_max_num_queries
):
    client.force_login(make_editor())
    today = timezone.localdate()
    for n in range(60):
        SearchGap.objects.create(query=f"words {n}", day=today, fewest_results=0)
    with django_assert_max_num_queries(8):
        assert client.get(GAPS).status_code == 200


def test_editors_cannot_change_or_delete_the_counts(client, db):
    gap = SearchGap.objects.create(
        query="frozen shoulder", day=timezone.localdate(), fewest_results=0
    )
    client.force_login(make_editor())
    client.post(f"{GAPS}{gap.pk}/change/", {"query": "x", "day": "2026-01-01", "searches": 99})
    gap.refresh_from_db()
    assert (gap.query, gap.searches) == ("frozen shoulder", 1)
    assert client.get(f"{GAPS}{gap.pk}/delete/").status_code == 403
    assert client.get(f"{GAPS}add/").status_code == 403


def test_a_search_counted_as_another_request_adds_its_first_row_fails_no_statement():
    # The database server logs a failed statement with its values (the searched words): the
    # day's first row is added so that a race fails nothing.
    today = timezone.localdate()
    failed = []

    def watch(execute, sql, params, many, context):
        try:
            return execute(sql, params, many, context)
        except Exception as error:
            failed.append(error)
            raise

    real_update = QuerySet.update

    def update_after_another_request_added_the_row(self, **fields):
        if self.model is SearchGap and not SearchGap.objects.exists():
            SearchGap.objects.create(query="frozen shoulder", day=today, fewest_results=2)
            return 0  # this request looked before the other added it
        return real_update(self, **fields)

    racing = patch.object(QuerySet, "update", update_after_another_request_added_the_row)
    with connection.execute_wrapper(watch), racing:
        assert SearchGap.objects.record("frozen shoulder", 1)
    assert failed == []
    gap = SearchGap.objects.get()
    assert (gap.searches, gap.fewest_results) == (2, 1)


def test_a_search_that_grows_when_normalised_is_counted_cut_to_the_columns_length(db):
    # 196 characters typed, 224 once "ß" is "ss": the form's limit is on what was typed.
    text = "Straße " * 28
    assert SearchGap.objects.record(text, results=0)
    gap = SearchGap.objects.get()
    assert len(gap.query) == SearchGap._meta.get_field("query").max_length
    assert gap.query.startswith("strasse strasse")


def gap_rows(client, params=None):
    return [row["query"] for row in client.get(GAPS, params or {}).context["page"]]


def mark_dealt_with(client, *queries, follow=True):
    return client.post(
        GAPS,
        {"action": "mark_dealt_with", "_selected_action": list(queries)},
        follow=follow,
    )


def test_an_editor_marks_searches_dealt_with_and_they_leave_the_list_and_the_count(client, db):
    today = timezone.localdate()
    for query in ("frozen shoulder", "tennis elbow", "calf cramp"):
        SearchGap.objects.create(query=query, day=today, fewest_results=0)
    # The list sums a search's days: marking it marks every day's row.
    SearchGap.objects.create(
        query="frozen shoulder", day=today - timedelta(days=3), searches=5, fewest_results=1
    )
    client.force_login(make_editor())
    assert glance(client)[LABEL][0] == 3
    response = client.get(GAPS)
    assert 'value="mark_dealt_with"' in response.text
    assert 'name="_selected_action" value="frozen shoulder"' in response.text

    response = mark_dealt_with(client, "frozen shoulder", "tennis elbow")
    assert [str(message) for message in response.context["messages"]] == [
        "2 searches marked as dealt with: searched again, a search comes back to this list."
    ]
    assert gap_rows(client) == ["calf cramp"]
    assert glance(client)["search that found little"][0] == 1
    assert not SearchGap.objects.filter(
        query__in=["frozen shoulder", "tennis elbow"], dealt_with_at__isnull=True
    ).exists()
    # The filter shows those dealt with, each once, with the days' searches summed.
    dealt_with = client.get(GAPS, {"dealt_with": "yes"})
    rows = [(row["query"], row["searches_total"]) for row in dealt_with.context["page"]]
    assert rows == [("frozen shoulder", 6), ("tennis elbow", 1)]
    assert f"<td>{today:%-d %B %Y}</td>" in dealt_with.text
    assert 'name="_selected_action"' not in dealt_with.text

    response = mark_dealt_with(client, "calf cramp")
    assert "1 search marked as dealt with" in str(list(response.context["messages"])[0])
    assert gap_rows(client) == []
    assert glance(client)["searches that found little"][0] == 0


def test_a_search_dealt_with_and_searched_again_waits_again(client, answers):
    visitor = Client()
    visitor.get("/search/", {"q": "frozen shoulder"})
    visitor.get("/search/", {"q": "frozen shoulder"})
    client.force_login(make_editor())
    mark_dealt_with(client, "frozen shoulder")
    assert gap_rows(client) == []
    assert glance(client)[LABEL][0] == 0
    visitor.get("/search/", {"q": "Frozen shoulder"})  # the same day: its row waits again
    assert gap_rows(client) == ["frozen shoulder"]
    assert glance(client)["search that found little"][0] == 1
    # On a later day, the day's new row waits; the days dealt with stay dealt with.
    mark_dealt_with(client, "frozen shoulder")
    SearchGap.objects.update(day=timezone.localdate() - timedelta(days=2))
    visitor.get("/search/", {"q": "frozen shoulder"})
    page = client.get(GAPS).context["page"]
    assert [(row["query"], row["searches_total"], row["days"]) for row in page] == [
        ("frozen shoulder", 1, 1)
    ]
    assert gap_rows(client, {"dealt_with": "yes"}) == ["frozen shoulder"]


def test_a_search_reopened_the_same_day_counts_from_the_reopening(client, answers):
    visitor = Client()
    for _ in range(3):
        visitor.get("/search/", {"q": "frozen shoulder"})
    client.force_login(make_editor())
    mark_dealt_with(client, "frozen shoulder")
    visitor.get("/search/", {"q": "frozen shoulder"})
    page = client.get(GAPS).context["page"]
    # One search since the mark, not the day's three before it as well.
    assert [(row["query"], row["searches_total"]) for row in page] == [("frozen shoulder", 1)]
    visitor.get("/search/", {"q": "frozen shoulder"})
    assert SearchGap.objects.get().searches == 2


def test_an_editors_own_search_is_not_counted_nor_undoes_dealt_with(client, answers):
    Client().get("/search/", {"q": "frozen shoulder"})
    client.force_login(make_editor())
    mark_dealt_with(client, "frozen shoulder")
    # "Run this search" from the list, and any other search an editor makes.
    client.get("/search/", {"q": "frozen shoulder"})
    client.get("/search/", {"q": "tennis elbow"})
    assert gap_rows(client) == []
    assert list(SearchGap.objects.values_list("query", "searches")) == [("frozen shoulder", 1)]


def test_marking_needs_a_search_ticked_and_the_right_to_deal_with_it(client, django_user_model):
    SearchGap.objects.create(query="frozen shoulder", day=timezone.localdate(), fewest_results=0)
    client.force_login(make_editor())
    response = client.post(GAPS, {"action": "mark_dealt_with"}, follow=True)
    assert "Nothing was changed" in str(list(response.context["messages"])[0])
    assert gap_rows(client) == ["frozen shoulder"]
    # Seeing the list is not enough to change it.
    clerk = django_user_model.objects.create_user("clerk", password="pw", is_staff=True)
    clerk.user_permissions.add(Permission.objects.get(codename="view_searchgap"))
    client.force_login(clerk)
    assert 'name="_selected_action"' not in client.get(GAPS).text
    mark_dealt_with(client, "frozen shoulder")
    assert SearchGap.objects.waiting().exists()
