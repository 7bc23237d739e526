"""“Was this helpful?”: one click, no account, no personal data, counted per page per day,
limited per visitor; editors see the least helpful pages first."""

from datetime import date, timedelta
from importlib import import_module

import pytest
from django.apps import apps
from django.core.cache import cache
from django.utils import timezone

from feedback.forms import FeedbackForm
from feedback.models import DailyFeedback, FeedbackPage
from feedback.views import ANSWERS_PER_HOUR
from tests.ask.conftest import make_editor
from tests.factories import make_category, make_factsheet, make_question

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_cache():
    """Rate-limit counters must not leak from one test into the next."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def question():
    return make_question(make_category())


def answer(client, page, helpful="yes", **headers):
    return client.post("/feedback/", {"page": page, "helpful": helpful}, headers=headers)


def counts(path):
    return list(DailyFeedback.objects.filter(page__path=path).values_list("helpful", "not_helpful"))


def test_qas_and_factsheets_ask_with_a_plain_form(client, question):
    factsheet = make_factsheet()
    for url in [question.get_absolute_url(), factsheet.get_absolute_url()]:
        html = client.get(url).content.decode()
        assert '<form class="helpful-form" method="post" action="/feedback/">' in html
        assert f'<input type="hidden" name="page" value="{url}">' in html
        assert '<button type="submit" name="helpful" value="no">No</button>' in html
        assert "csrfmiddlewaretoken" not in html  # no cookie, so the page can be cached


def test_the_form_says_what_is_kept_of_the_reader(client, question):
    # Each click counts against the reader's address for the hour (ask_ratelimitcount), so the
    # form may not say that nothing about them is kept.
    html = client.get(question.get_absolute_url()).content.decode()
    note = html[html.index('<p class="meta">One click') :].split("</p>")[0]
    assert "your internet address is kept for 25 hours at most" in note
    assert "nothing about you" not in html


def test_one_click_without_javascript_counts_and_thanks(client, question):
    url = question.get_absolute_url()
    response = answer(client, url, "no")
    assert response.status_code == 302
    assert response["Location"] == f"{url}?helpful=thanks#helpful"
    assert counts(url) == [(0, 1)]
    html = client.get(response["Location"]).content.decode()
    assert "Thank you. Your answer was counted." in html
    assert "nothing about you" not in html
    assert "helpful-form" not in html


def test_the_pages_script_gets_json(client, question):
    url = question.get_absolute_url()
    response = answer(client, url, "yes", Accept="application/json")
    assert response.json() == {"counted": True}
    assert counts(url) == [(1, 0)]


def test_answers_are_counted_per_page_per_day(client, question):
    url = question.get_absolute_url()
    FeedbackPage.count(url, helpful=True, day=date(2026, 11, 1))
    answer(client, url, "yes")
    answer(client, url, "yes")
    answer(client, url, "no")
    assert sorted(counts(url)) == [(1, 0), (2, 1)]
    assert FeedbackPage.objects.count() == 1


def test_nothing_about_the_visitor_is_stored():
    stored = {f.name for f in DailyFeedback._meta.concrete_fields}
    stored |= {f.name for f in FeedbackPage._meta.concrete_fields}
    # counted_from is an editor's: the day a page was changed.
    assert stored == {"id", "page", "path", "counted_from", "day", "helpful", "not_helpful"}


def test_each_visitor_is_limited(client, question):
    url = question.get_absolute_url()
    for _ in range(ANSWERS_PER_HOUR):
        assert answer(client, url).status_code == 302
    refused = answer(client, url)
    assert refused.status_code == 429
    assert "Too many answers" in refused.content.decode()
    assert answer(client, url, Accept="application/json").status_code == 429
    assert counts(url) == [(ANSWERS_PER_HOUR, 0)]


@pytest.mark.parametrize(
    ("page", "helpful"),
    [("/search/", "yes"), ("https://evil.example/questions/x/", "yes"), ("/nowhere/", "no"),
     ("/questions/x/", "maybe")],
)  # fmt: skip
def test_only_pages_that_ask_and_yes_or_no_are_counted(client, page, helpful):
    assert answer(client, page, helpful).status_code == 400
    assert not FeedbackPage.objects.exists()


@pytest.mark.parametrize(
    "page",
    ["/questions/zora-smith-from-leeds-has-cancer/", "/factsheets/zora-smith-from-leeds/"],
)
@pytest.mark.parametrize("accept", ["text/html", "application/json"])
def test_a_made_up_address_is_refused_and_nothing_is_stored(client, question, page, accept):
    """An address of the right shape that no page has: no row keeps the text posted as one."""
    make_factsheet()
    response = answer(client, page, "no", Accept=accept)
    assert response.status_code == 400
    assert not FeedbackPage.objects.exists()
    assert not DailyFeedback.objects.exists()


def test_a_published_qa_and_a_factsheet_are_counted(client, question):
    factsheet = make_factsheet()
    for url in [question.get_absolute_url(), factsheet.get_absolute_url()]:
        assert answer(client, url, "no").status_code == 302
        assert counts(url) == [(0, 1)]
    assert set(FeedbackPage.objects.values_list("path", flat=True)) == {
        question.get_absolute_url(),
        factsheet.get_absolute_url(),
    }


@pytest.mark.parametrize(
    "fields",
    [
        {"published": False},  # a draft
        {"published_at": timezone.now() + timedelta(days=1)},  # published for later
    ],
    ids=["draft", "scheduled"],
)
def test_a_qa_readers_cannot_open_now_is_refused(client, fields):
    question = make_question(make_category(), **fields)
    assert client.get(question.get_absolute_url()).status_code == 404
    assert answer(client, question.get_absolute_url(), "yes").status_code == 400
    assert not FeedbackPage.objects.exists()


def test_checking_the_address_takes_one_query(question, django_assert_num_queries):
    with django_assert_num_queries(1):
        form = FeedbackForm({"page": question.get_absolute_url(), "helpful": "yes"})
        assert form.is_valid()
    with django_assert_num_queries(0):  # no page could have this address
        assert not FeedbackForm({"page": "/nowhere/", "helpful": "yes"}).is_valid()


def test_addresses_kept_before_they_were_checked_are_forgotten_with_their_counts(client, question):
    factsheet = make_factsheet()
    # A Q&A set back to draft since was a page readers opened: its counts stay.
    draft = make_question(make_category(), published=False)
    kept = [question.get_absolute_url(), factsheet.get_absolute_url(), draft.get_absolute_url()]
    forgotten = [
        "/questions/zora-smith-from-leeds-has-cancer/",
        "/nowhere/",
        "zora smith",
    ]
    for path in kept + forgotten:
        FeedbackPage.count(path, helpful=False)
    migration = import_module("feedback.migrations.0002_forget_made_up_addresses")
    migration.forget_made_up_addresses(apps, None)
    assert sorted(FeedbackPage.objects.values_list("path", flat=True)) == sorted(kept)
    assert set(DailyFeedback.objects.values_list("page__path", flat=True)) == set(kept)


def test_feedback_is_only_ever_posted(client):
    assert client.get("/feedback/").status_code == 405


def test_editors_see_the_least_helpful_pages_first(client, admin_client):
    for path, yes, no in [
        ("/questions/a/", 5, 1),
        ("/questions/b/", 1, 3),
        ("/questions/c/", 2, 0),
    ]:
        for _ in range(yes):
            FeedbackPage.count(path, helpful=True)
        for _ in range(no):
            FeedbackPage.count(path, helpful=False)
    FeedbackPage.objects.create(path="/questions/unasked/")
    html = admin_client.get("/admin/feedback/feedbackpage/").content.decode()
    order = [html.index(f">/questions/{p}/</a>") for p in ["b", "a", "c", "unasked"]]
    assert order == sorted(order)
    assert "75%" in html and "17%" in html and "0%" in html


def test_editors_may_look_but_not_change_the_counts(client):
    FeedbackPage.count("/questions/a/", helpful=False)
    client.force_login(make_editor())
    assert client.get("/admin/feedback/feedbackpage/").status_code == 200
    page = FeedbackPage.objects.get()
    response = client.post(f"/admin/feedback/feedbackpage/{page.pk}/change/", {"path": "/x/"})
    assert response.status_code == 403
    assert client.get("/admin/flatpages/flatpage/").status_code == 200


def test_a_deleted_qas_address_counts_no_more_and_keeps_its_counts(client, question):
    path = question.get_absolute_url()
    assert answer(client, path, "no").status_code == 302
    question.delete()
    assert answer(client, path).status_code == 400
    assert counts(path) == [(0, 1)]
    assert client.get(path).status_code == 410
