"""“Was this helpful?” in admin: each page's day-by-day counts open from the list, and the
least helpful pages come first by how surely readers found them unhelpful."""

import re
from datetime import date, timedelta

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from factsheets.models import Factsheet
from feedback.models import DailyFeedback, FeedbackPage
from tests.ask.conftest import make_editor
from tests.factories import make_category, make_factsheet, make_question

pytestmark = pytest.mark.django_db
LIST = "/admin/feedback/feedbackpage/"


@pytest.fixture
def editor_client(client):
    client.force_login(make_editor())
    return client


def votes(path, yes, no):
    """A page with `yes` and `no` answers, on one day."""
    page = FeedbackPage.objects.create(path=path)
    DailyFeedback.objects.create(page=page, day=date(2026, 3, 1), helpful=yes, not_helpful=no)
    return page


def test_a_page_s_day_by_day_counts_open_from_the_list(editor_client):
    make_question(make_category(), slug="a")
    page = votes("/questions/a/", 2, 3)
    html = editor_client.get(LIST).text
    change = f"{LIST}{page.pk}/change/"
    assert f'<a href="{change}">/questions/a/</a>' in html
    # The public page has a link of its own, never one inside admin's.
    row = re.search(r'<th class="field-path">.*?</th>', html, re.S)[0]
    assert row.count("<a ") == 1
    assert '<a href="/questions/a/">Open page' in html
    response = editor_client.get(change)
    assert response.status_code == 200
    (days,) = response.context["inline_admin_formsets"]
    assert [form.original for form in days] == list(page.days.all())


def test_a_deleted_qas_page_is_said_to_be_removed_not_linked(editor_client):
    question = make_question(make_category(), slug="tired-after-acupuncture")
    removed = votes(question.get_absolute_url(), 0, 3)
    factsheet = make_factsheet(slug="tired-after-acupuncture")  # the same slug, a factsheet's
    here = votes(factsheet.get_absolute_url(), 1, 1)
    question.delete()  # its address now answers 410: the answer was removed
    html = editor_client.get(LIST).text
    assert 'href="/questions/tired-after-acupuncture/"' not in html
    assert '<td class="field-open_page">Removed: the Q&amp;A was deleted</td>' in html
    assert '<a href="/factsheets/tired-after-acupuncture/">Open page' in html
    # Nor does its own page offer "View on site".
    assert "viewsitelink" not in editor_client.get(f"{LIST}{removed.pk}/change/").text
    page = editor_client.get(f"{LIST}{here.pk}/change/").text
    assert '<a href="/factsheets/tired-after-acupuncture/" class="viewsitelink">' in page


def test_a_page_readers_cannot_open_now_is_said_to_be_not_public_not_linked(editor_client):
    area = make_category()
    make_question(area, slug="open")
    make_question(area, slug="draft", published=False)
    make_question(area, slug="later", published_at=timezone.now() + timedelta(days=1))
    pages = {path: votes(path, 0, 1) for path in ["/questions/draft/", "/questions/later/"]}
    open_page = votes("/questions/open/", 0, 1)
    html = editor_client.get(LIST).text
    assert html.count('<td class="field-open_page">Not public now</td>') == 2
    assert '<a href="/questions/open/">Open page' in html
    for path, page in pages.items():
        # Neither the list nor the page's own "View on site" leads to its 404.
        assert f'href="{path}"' not in html
        assert "viewsitelink" not in editor_client.get(f"{LIST}{page.pk}/change/").text
    assert "viewsitelink" in editor_client.get(f"{LIST}{open_page.pk}/change/").text


def test_the_list_takes_the_same_queries_however_many_pages(editor_client):
    def list_queries():
        with CaptureQueriesContext(connection) as queries:
            assert editor_client.get(LIST).status_code == 200
        return len(queries)

    area = make_category()
    votes(make_question(area).get_absolute_url(), 0, 1)
    few = list_queries()
    for _ in range(3):  # each kind: open, a draft, a factsheet, a deleted Q&A and factsheet
        votes(make_question(area).get_absolute_url(), 1, 0)
        votes(make_question(area, published=False).get_absolute_url(), 0, 2)
        votes(make_factsheet().get_absolute_url(), 1, 1)
        for removed in (make_question(area), make_factsheet()):
            votes(removed.get_absolute_url(), 0, 1)
            removed.delete()
    assert list_queries() == few


def test_one_no_does_not_outrank_forty_of_a_hundred(editor_client):
    one = votes("/questions/one-no/", 0, 1)
    forty = votes("/questions/forty-of-a-hundred/", 60, 40)
    mostly_yes = votes("/questions/mostly-yes/", 95, 5)
    response = editor_client.get(LIST)
    assert list(response.context["cl"].result_list) == [forty, one, mostly_yes]
    assert '<td class="field-votes">100</td>' in response.text


def test_the_lower_bound_of_the_share_of_no_is_the_wilson_score(db):
    votes("/questions/one-no/", 0, 1)
    votes("/questions/forty-of-a-hundred/", 60, 40)
    votes("/questions/all-yes/", 3, 0)
    FeedbackPage.objects.create(path="/questions/unasked/")
    low = dict(FeedbackPage.objects.with_totals().values_list("path", "not_helpful_low"))
    assert low["/questions/one-no/"] == pytest.approx(0.2065, abs=1e-4)
    assert low["/questions/forty-of-a-hundred/"] == pytest.approx(0.3094, abs=1e-4)
    assert low["/questions/all-yes/"] == pytest.approx(0, abs=1e-9)
    assert low["/questions/unasked/"] is None


def test_the_list_filters_the_pages_readers_surely_found_unhelpful(editor_client):
    unhelpful = votes("/questions/three-no/", 0, 3)
    votes("/questions/one-no/", 0, 1)
    votes("/questions/forty-of-a-hundred/", 60, 40)
    result = editor_client.get(LIST, {"verdict": "unhelpful"}).context["cl"].result_list
    assert list(result) == [unhelpful]


def glance(client):
    """The admin index's counts as {label: (count, link)}."""
    return {
        item["label"]: (item["count"], item["url"])
        for item in client.get("/admin/").context["items"]
    }


def test_the_index_counts_the_pages_readers_surely_found_unhelpful(editor_client):
    votes("/questions/three-no/", 0, 3)
    votes("/questions/seven-of-ten/", 3, 7)
    votes("/questions/one-no/", 0, 1)
    votes("/questions/forty-of-a-hundred/", 60, 40)
    count, url = glance(editor_client)["pages readers found unhelpful"]
    assert count == 2
    assert editor_client.get(url).context["cl"].result_count == count
    assert (
        "votes since a page was last marked changed, else all" in editor_client.get("/admin/").text
    )


def test_a_deleted_qas_votes_wait_for_no_one(editor_client):
    question = make_question(make_category(), slug="tired-after-acupuncture")
    removed = votes(question.get_absolute_url(), 0, 5)
    waiting = votes("/questions/three-no/", 0, 3)
    question.delete()  # no page left for an editor to change
    count, url = glance(editor_client)["page readers found unhelpful"]
    assert count == 1
    assert list(editor_client.get(url).context["cl"].result_list) == [waiting]
    # Its row and votes stay, in the whole list, marked removed.
    html = editor_client.get(LIST).text
    assert '<td class="field-open_page">Removed: the Q&amp;A was deleted</td>' in html
    assert FeedbackPage.objects.with_totals().get(pk=removed.pk).not_helpful == 5


def test_a_deleted_or_moved_factsheets_votes_wait_for_no_one(editor_client):
    deleted, moved = make_factsheet(slug="sciatica"), make_factsheet(slug="back-pain")
    pages = [votes(deleted.get_absolute_url(), 0, 5), votes(moved.get_absolute_url(), 0, 4)]
    waiting = votes(make_factsheet(slug="neck-pain").get_absolute_url(), 0, 3)
    deleted.delete()
    moved.slug = "low-back-pain"  # its old address is not found now
    moved.save()
    count, url = glance(editor_client)["page readers found unhelpful"]
    assert count == 1
    assert list(editor_client.get(url).context["cl"].result_list) == [waiting]
    # Their rows and votes stay, in the whole list, marked removed, linked nowhere.
    html = editor_client.get(LIST).text
    removed = '<td class="field-open_page">Removed: no factsheet has this address now</td>'
    assert html.count(removed) == 2 and "Not public now" not in html
    for page in pages:
        assert f'href="{page.path}"' not in html
        assert "viewsitelink" not in editor_client.get(f"{LIST}{page.pk}/change/").text
    assert FeedbackPage.objects.with_totals().get(pk=pages[0].pk).not_helpful == 5


def test_a_factsheets_address_given_to_another_factsheet_waits_again(db):
    page = votes(make_factsheet(slug="sciatica").get_absolute_url(), 0, 5)
    Factsheet.objects.get(slug="sciatica").delete()
    assert not FeedbackPage.objects.unhelpful().exists()
    make_factsheet(slug="sciatica")  # readers open a page there again, which an editor can change
    assert list(FeedbackPage.objects.unhelpful()) == [page]


def test_a_changed_page_is_counted_afresh_and_leaves_the_unhelpful_list(editor_client):
    page = votes("/questions/rewritten/", 0, 5)
    other = votes("/questions/left-alone/", 0, 5)
    response = editor_client.post(
        LIST, {"action": "count_afresh", "_selected_action": [page.pk]}, follow=True
    )
    assert "Votes on 1 page counted from today" in response.text
    page.refresh_from_db()
    assert page.counted_from == timezone.localdate()
    assert list(FeedbackPage.objects.unhelpful()) == [other]
    # The old days stay on the page's own list; only the new ones count.
    assert page.days.count() == 1
    FeedbackPage.count(page.path, helpful=False)
    FeedbackPage.count(page.path, helpful=True)
    totals = FeedbackPage.objects.with_totals().get(pk=page.pk)
    assert (totals.helpful, totals.not_helpful) == (1, 1)


def test_only_who_can_change_pages_may_count_them_afresh(client, django_user_model):
    user = django_user_model.objects.create_user("reader", password="pw", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_feedbackpage"))
    client.force_login(user)
    page = votes("/questions/rewritten/", 0, 5)
    assert "count_afresh" not in client.get(LIST).text
    client.post(LIST, {"action": "count_afresh", "_selected_action": [page.pk]})
    page.refresh_from_db()
    assert page.counted_from is None


def test_the_unhelpful_count_is_only_for_those_who_may_see_the_pages(client, django_user_model):
    user = django_user_model.objects.create_user("clerk", password="pw", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_submission"))
    client.force_login(user)
    votes("/questions/three-no/", 0, 3)
    assert "page readers found unhelpful" not in glance(client)
    user.user_permissions.add(Permission.objects.get(codename="view_feedbackpage"))
    client.force_login(user)
    assert glance(client)["page readers found unhelpful"][0] == 1
