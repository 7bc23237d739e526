"""The public pages for anonymous visitors: a fixed number of queries whatever the archive's size,
HTTP caching (ETag, Last-Modified, 304, Cache-Control, Vary), the server's page cache, gzip, and
a change to the archive showing at once. And never any of it where a page holds a secret."""

import gzip
import re
import time
from datetime import timedelta
from html.parser import HTMLParser
from urllib.parse import urlencode

import pytest
from django.conf import settings
from django.contrib.flatpages.models import FlatPage
from django.core.cache import caches
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone

from archive import caching
from archive.models import ContentVersion, Question
from tests.ask.conftest import make_editor
from tests.factories import make_category, make_factsheet, make_question

pytestmark = pytest.mark.django_db


@pytest.fixture
def archive():
    """A body area with more Q&As than a page shows, one linking two others and a factsheet."""
    top = make_category("Muscles and bones")
    area = make_category("Lower back pain", parent=top)
    questions = [make_question(area, title=f"Sciatica and needles {n}") for n in range(12)]
    factsheet = make_factsheet("Sciatica", summary="Leg pain from the back.")
    factsheet.questions.add(*questions[:3])
    questions[0].linked_questions.add(*questions[1:3])
    return {"area": area, "question": questions[0], "factsheet": factsheet}


def pages(archive):
    return {
        "home": "/",
        "category": archive["area"].get_absolute_url() + "?page=2",
        "question": archive["question"].get_absolute_url(),
        "factsheets": "/factsheets/",
        "factsheet": archive["factsheet"].get_absolute_url(),
        "search": "/search/?q=sciatca+needles",
    }


# Rendering each page once the body areas, their counts and the synonyms are remembered (they
# are, after the first page of a content version): no query is one per row shown.
QUERIES = {
    "home": 2,  # the content version, the newest Q&As
    "category": 2,  # the version, a page of Q&As (the count is the remembered total)
    # The version, the Q&A, its factsheets, the Q&As it links, and its similar Q&As (ranked and
    # loaded with their areas in one statement).
    "question": 5,
    "factsheets": 2,  # the version, the factsheets
    "factsheet": 3,  # the version, the factsheet, its Q&As
    "search": 2,  # the version, the ranked page with its snippets (its words are remembered)
}


@pytest.mark.parametrize("page", QUERIES)
def test_each_public_page_takes_a_fixed_number_of_queries(
    client, archive, page, django_assert_num_queries
):
    url = pages(archive)[page]
    client.get(url)
    caches["pages"].clear()  # rendered again, not served from the page cache
    more = make_category("More", parent=archive["area"])
    for _ in range(5):  # more rows, the same number of queries
        make_question(more)
    client.get(url)
    caches["pages"].clear()
    with django_assert_num_queries(QUERIES[page]):
        assert client.get(url).status_code == 200


def test_a_q_and_a_with_no_links_or_factsheets_asks_for_neither(
    client, archive, django_assert_num_queries
):
    plain = make_question(archive["area"])
    client.get(plain.get_absolute_url())  # remembers the body areas
    caches["pages"].clear()
    with django_assert_num_queries(3):  # the version, the Q&A, its similar Q&As
        assert client.get(plain.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("page", QUERIES)
def test_a_public_page_is_cacheable_by_a_cdn_for_a_short_while(client, archive, page):
    response = client.get(pages(archive)[page])
    assert response["Cache-Control"] == "public, max-age=60, must-revalidate"
    assert response["ETag"].startswith('"')
    assert response["Last-Modified"].endswith("GMT")
    assert {"Cookie", "Accept-Encoding"} <= {v.strip() for v in response["Vary"].split(",")}


@pytest.mark.parametrize("url", ["/feed/", "/sitemap.xml", "/about/privacy/", "/about/panel/"])
def test_feeds_the_sitemap_and_the_about_pages_are_public_too(client, archive, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Cache-Control"] == "public, max-age=60, must-revalidate"
    assert client.get(url, headers={"If-None-Match": response["ETag"]}).status_code == 304


def test_a_body_areas_feed_is_public(client, archive):
    response = client.get(archive["area"].get_absolute_url() + "feed/")
    assert response["Cache-Control"] == "public, max-age=60, must-revalidate"


def test_an_edited_about_page_is_served_at_once(client, archive):
    assert "Panel notice" not in client.get("/about/panel/").content.decode()
    FlatPage.objects.filter(url="/about/panel/").update(content="<p>Panel notice.</p>")
    assert "Panel notice" in client.get("/about/panel/").content.decode()


def test_a_conditional_get_is_answered_304_from_the_version_alone(
    client, archive, django_assert_num_queries
):
    url = archive["question"].get_absolute_url()
    etag = client.get(url)["ETag"]
    with django_assert_num_queries(1):  # the content version
        response = client.get(url, headers={"If-None-Match": etag})
    assert response.status_code == 304
    assert response["ETag"] == etag
    assert "public" in response["Cache-Control"]


def test_if_modified_since_is_answered_304_until_the_archive_changes(client, archive):
    url = "/"
    last_modified = client.get(url)["Last-Modified"]
    assert client.get(url, headers={"If-Modified-Since": last_modified}).status_code == 304
    ContentVersion.objects.filter(pk=1).update(changed_at=timezone.now() + timezone.timedelta(1))
    assert client.get(url, headers={"If-Modified-Since": last_modified}).status_code == 200


def test_a_cached_page_costs_only_the_version_and_is_the_same_page(
    client, archive, django_assert_num_queries
):
    url = archive["question"].get_absolute_url()
    first = client.get(url)
    with django_assert_num_queries(1):
        again = client.get(url)
    assert again.content == first.content
    assert again["Content-Type"] == first["Content-Type"]


def test_a_q_and_a_page_shows_a_new_similar_answer_at_once(client, archive):
    url = archive["question"].get_absolute_url()
    assert "Fresh: sciatica" not in client.get(url).content.decode()
    make_question(make_category(), title="Fresh: sciatica needles")
    similar = client.get(url).content.decode().split('id="similar-heading"')[1]
    assert "Fresh: sciatica needles" in similar


def test_a_kept_page_is_answered_before_the_session_csrf_and_view_run_and_is_the_same(
    client, archive
):
    url = archive["question"].get_absolute_url()
    first = client.get(url, headers={"Accept-Encoding": "gzip"})
    again = client.get(url, headers={"Accept-Encoding": "gzip"})
    assert hasattr(first.wsgi_request, "session") and hasattr(first.wsgi_request, "user")
    assert not hasattr(again.wsgi_request, "session")
    assert not hasattr(again.wsgi_request, "user")
    assert again.content == first.content
    assert again.cookies == {}
    for header in (
        "Content-Type",
        "Content-Encoding",
        "Content-Length",
        "ETag",
        "Last-Modified",
        "Cache-Control",
        "Vary",
        "Content-Security-Policy",
        "X-Frame-Options",
    ):
        assert again[header] == first[header], header
    plain = client.get(url)  # kept apart from the compressed copy
    assert not plain.has_header("Content-Encoding")
    assert gzip.decompress(again.content) == plain.content


def kept_page_key(url):
    return caching._page_key(RequestFactory().get(url), ContentVersion.current())


def test_a_page_another_request_is_rendering_is_waited_for_not_rendered_twice(
    client, archive, monkeypatch, django_assert_num_queries
):
    url = archive["question"].get_absolute_url()
    rendered = client.get(url)
    key = kept_page_key(url)
    kept = caches["pages"].get(key)
    caches["pages"].delete(key)
    caches["pages"].add(f"{key}:rendering", True)  # another request is rendering it

    def the_other_keeps_it(seconds):
        caches["pages"].set(key, kept)

    monkeypatch.setattr(caching.time, "sleep", the_other_keeps_it)
    with django_assert_num_queries(1):  # the version: not rendered again
        again = client.get(url)
    assert again.content == rendered.content


def test_a_page_asked_for_with_a_parameter_no_page_reads_is_rendered_but_not_kept(
    client, archive, django_assert_num_queries
):
    search = "/search/?q=sciatica&page=1"
    made_up = archive["question"].get_absolute_url() + "?utm_source=mail"
    for url in (search, made_up):
        first = client.get(url)
        assert first.status_code == 200
        assert first.has_header("ETag")  # still public for a CDN, which keys by its own rules
    assert caches["pages"].get(kept_page_key(search)) is not None
    assert caches["pages"].get(kept_page_key(made_up)) is None
    with django_assert_num_queries(QUERIES["question"]):  # rendered again
        client.get(made_up)


@pytest.mark.parametrize("words", ["ann@example.org", "07700 900123"])
def test_a_page_whose_query_looks_like_someones_details_is_kept_by_no_cache(client, archive, words):
    # The page shows the words back (the title filter's box): no cache may keep them.
    filtered = archive["area"].get_absolute_url() + "?" + urlencode({"words": words})
    response = client.get(filtered)
    assert response.status_code == 200 and words in response.text
    assert "no-store" in response["Cache-Control"] and "public" not in response["Cache-Control"]
    assert not response.has_header("ETag")
    assert caches["pages"].get(kept_page_key(filtered)) is None
    plain = archive["area"].get_absolute_url() + "?words=sciatica"
    assert "public" in client.get(plain)["Cache-Control"]
    assert caches["pages"].get(kept_page_key(plain)) is not None


def test_a_page_that_is_not_kept_leaves_nobody_waiting_for_it(client, archive, monkeypatch):
    def waits(seconds):
        raise AssertionError("waited for a page that will not come")

    assert client.get("/questions/no-such-answer/").status_code == 404
    monkeypatch.setattr(caching.time, "sleep", waits)
    assert client.get("/questions/no-such-answer/").status_code == 404


def test_with_no_time_to_keep_pages_a_page_asked_for_again_is_rendered_not_waited_for(
    client, archive, monkeypatch, settings
):
    settings.PAGE_CACHE_SECONDS = 0  # the cache keeps nothing: no page will come to wait for
    url = archive["question"].get_absolute_url()
    assert client.get(url).status_code == 200

    def waits(seconds):
        raise AssertionError("waited for a page that will not come")

    monkeypatch.setattr(caching.time, "sleep", waits)
    assert client.get(url).status_code == 200


def test_a_page_the_other_request_did_not_keep_is_rendered_at_once(client, archive, monkeypatch):
    url = archive["question"].get_absolute_url()
    key = kept_page_key(url)
    caches["pages"].add(f"{key}:rendering", True)
    waits = []

    def the_other_ends_without_keeping_it(seconds):
        waits.append(seconds)
        caches["pages"].delete(f"{key}:rendering")

    monkeypatch.setattr(caching.time, "sleep", the_other_ends_without_keeping_it)
    response = client.get(url)
    assert len(waits) == 1  # no waiting on for a page that will not come
    assert response.context["question"] == archive["question"]  # rendered here
    assert caches["pages"].get(key) is not None


def test_publishing_changes_the_etag_and_the_cached_page_at_once(client, archive):
    area = archive["area"]
    before = client.get(area.get_absolute_url())
    draft = make_question(area, title="A fresh answer about sciatica", published=False)
    unchanged_title = client.get(area.get_absolute_url())
    assert "A fresh answer" not in unchanged_title.content.decode()
    draft.status, draft.published_at = Question.Status.PUBLISHED, timezone.now()
    draft.save()
    after = client.get(area.get_absolute_url(), headers={"If-None-Match": before["ETag"]})
    assert after.status_code == 200
    assert after["ETag"] != before["ETag"]
    assert "A fresh answer about sciatica" in after.content.decode()
    assert "13 answers" in after.content.decode()


def test_a_qa_published_for_later_shows_on_kept_pages_and_counts_once_its_time_comes(
    client, archive
):
    area = archive["area"]
    due = timezone.now() + timedelta(seconds=1)
    make_question(area, title="A scheduled answer about sciatica", published_at=due)
    before = client.get(area.get_absolute_url())
    assert "A scheduled answer" not in before.content.decode()
    assert "12 answers" in before.content.decode()
    time.sleep(max(0, (due - timezone.now()).total_seconds()) + 0.1)
    # No write marks the moment, yet the kept page, its ETag and the counts move on.
    after = client.get(area.get_absolute_url(), headers={"If-None-Match": before["ETag"]})
    assert after.status_code == 200
    assert after["ETag"] != before["ETag"]
    assert "A scheduled answer about sciatica" in after.content.decode()
    assert "13 answers" in after.content.decode()


def test_unpublishing_and_deleting_take_a_page_away_at_once(client, archive):
    question = archive["question"]
    assert client.get(question.get_absolute_url()).status_code == 200
    Question.objects.filter(pk=question.pk).update(status=Question.Status.DRAFT)
    assert client.get(question.get_absolute_url()).status_code == 404
    other = Question.objects.published().first()
    assert client.get(other.get_absolute_url()).status_code == 200
    other.delete()
    assert client.get(other.get_absolute_url()).status_code == 410  # said to be removed


def test_every_table_of_public_content_moves_the_version_in_the_same_transaction(archive):
    versions = [ContentVersion.current().version]
    archive["factsheet"].questions.remove(archive["question"])
    versions.append(ContentVersion.current().version)
    archive["factsheet"].summary = "Changed."
    archive["factsheet"].save()
    versions.append(ContentVersion.current().version)
    archive["area"].description = "Changed."
    archive["area"].save()
    versions.append(ContentVersion.current().version)
    assert versions == sorted(set(versions))


def test_public_pages_are_compressed_but_not_pages_with_a_csrf_token(client, archive):
    page = client.get("/", headers={"Accept-Encoding": "gzip"})
    assert page["Content-Encoding"] == "gzip"
    assert b"Acupuncture Answers" in gzip.decompress(page.content)
    assert page["ETag"].startswith('W/"')  # the compressed bytes differ; the page does not
    again = client.get("/", headers={"Accept-Encoding": "gzip", "If-None-Match": page["ETag"]})
    assert again.status_code == 304
    form = client.get("/ask/", headers={"Accept-Encoding": "gzip"})
    assert "csrfmiddlewaretoken" in form.content.decode()
    assert not form.has_header("Content-Encoding")


def test_pages_not_marked_public_are_private_whatever_they_hold(client, archive):
    missing = client.get("/questions/no-such-answer/")
    assert missing.status_code == 404
    assert "private" in missing["Cache-Control"] and "no-store" in missing["Cache-Control"]
    robots = client.get("/robots.txt")
    assert not robots.has_header("Cache-Control")  # not HTML, holds nothing private


def test_the_ask_form_and_its_answers_are_private_and_never_stored(client, archive):
    form = client.get("/ask/")
    assert "private" in form["Cache-Control"] and "no-store" in form["Cache-Control"]
    assert not form.has_header("ETag")
    refused = client.post("/ask/", {"question": "", "action": "send"})
    assert "no-store" in refused["Cache-Control"]
    assert "public" not in refused["Cache-Control"]


def test_an_editor_gets_public_pages_fresh_and_private(client, archive):
    url = archive["question"].get_absolute_url()
    client.get(url)  # cached for anonymous visitors
    client.force_login(make_editor())
    response = client.get(url)
    assert "private" in response["Cache-Control"]
    assert "public" not in response["Cache-Control"]
    assert not response.has_header("ETag")
    assert not response.has_header("Content-Encoding")
    admin = client.get("/admin/", headers={"Accept-Encoding": "gzip"})
    assert "private" in admin["Cache-Control"] and "public" not in admin["Cache-Control"]
    assert not admin.has_header("Content-Encoding")


def test_a_failing_page_cache_neither_fails_nor_slows_the_pages(client, archive, settings, caplog):
    settings.CACHES = settings.CACHES | {
        "pages": {
            "BACKEND": "config.redis_cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",  # nothing listens there
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }
    response = client.get(archive["question"].get_absolute_url())
    assert response.status_code == 200
    assert "public" in response["Cache-Control"]
    assert caplog.text.count("Page cache") == 1  # each call would wait on it: asked once
    assert client.get("/").status_code == 200
    assert caplog.text.count("Page cache") == 1  # left alone for a while, by every page
    caching._resting["until"] = time.monotonic()  # the while is over
    assert client.get("/").status_code == 200
    assert caplog.text.count("Page cache") == 2


def test_each_process_reads_the_version_at_most_once_per_configured_interval(
    archive, settings, django_assert_num_queries
):
    settings.CONTENT_VERSION_SECONDS = 60
    ContentVersion.current()
    with django_assert_num_queries(0):
        remembered = ContentVersion.current()
    make_question(archive["area"])  # moves the version on, seen at the next look
    settings.CONTENT_VERSION_SECONDS = 0
    assert ContentVersion.current().version > remembered.version


def test_the_server_error_page_gives_the_way_to_urgent_help_without_the_database(
    django_assert_num_queries,
):
    from django.views.defaults import server_error

    # Django renders 500.html itself, with no context and no request: no context processor runs.
    with django_assert_num_queries(0):
        response = server_error(RequestFactory().get("/questions/anything/"))
    html = response.content.decode()
    assert response.status_code == 500
    assert '<a href="tel:999">999</a>' in html
    assert '<a href="tel:111">NHS 111</a>' in html
    assert '<a href="/urgent-help/">' in html
    assert html.startswith("<!doctype html>")


NEED_HELP_NOW = (
    '<p>If you need medical help now, do not wait for us: see <a href="/urgent-help/">when and '
    'where to get urgent help</a>. In an emergency call <a href="tel:999">999</a>. If you are not '
    'sure what to do, call <a href="tel:111">NHS 111</a>.</p>'
)


def test_every_page_saying_the_site_cannot_help_gives_the_way_to_urgent_help(client, settings):
    from django.views.defaults import server_error

    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    responses = [
        client.get("/no-such-page/"),
        client.post("/ask/", {"question": "x" * 20_000}),  # refused for its size
        Client(enforce_csrf_checks=True).post(reverse("admin:login")),  # with no token
        server_error(RequestFactory().get("/")),
    ]
    assert [response.status_code for response in responses] == [404, 400, 403, 500]
    for response in responses:
        assert NEED_HELP_NOW in response.content.decode(), response.status_code


# Lists the stylesheet draws without bullets: Safari (VoiceOver) then stops calling them lists
# unless they say role="list". The selectors are read from the stylesheet, so that a list styled
# so later is checked too.
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


def unbulleted_selectors():
    css = re.sub(
        r"/\*.*?\*/", "", (settings.BASE_DIR / "static/css/site.css").read_text(), flags=re.S
    )
    return [
        [re.fullmatch(r"(\w*)((?:\.[\w-]+)*)", part).groups() for part in selector.split()]
        for selectors, body in re.findall(r"([^{}]+)\{([^{}]*)\}", css)
        if re.search(r"list-style(-type)?:\s*none", body)
        for selector in selectors.split(",")
    ]


class Lists(HTMLParser):
    """The page's <ul> and <ol> that a selector of descendants matches, without role="list"."""

    def __init__(self, selectors):
        super().__init__()
        self.selectors, self.open, self.unmarked, self.seen = selectors, [], [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        element = (tag, set((attrs.get("class") or "").split()))
        if tag in ("ul", "ol") and any(
            self.matches(s, [*self.open, element]) for s in self.selectors
        ):
            self.seen.append(tag)
            if attrs.get("role") != "list":
                self.unmarked.append(f"<{tag} class={attrs.get('class')!r}>")
        if tag not in VOID:
            self.open.append(element)

    def handle_endtag(self, tag):
        while self.open and self.open.pop()[0] != tag:
            pass

    @staticmethod
    def matches(selector, path):
        def fits(part, element):
            tag, classes = part
            return (not tag or tag == element[0]) and set(classes.split(".")[1:]) <= element[1]

        if not fits(selector[-1], path[-1]):
            return False
        ancestors = iter(reversed(path[:-1]))
        return all(any(fits(part, a) for a in ancestors) for part in reversed(selector[:-1]))


def test_lists_drawn_without_bullets_say_they_are_lists(client, archive):
    selectors = unbulleted_selectors()
    assert [("", ".question-list")] in selectors
    responses = [(url, client.get(url)) for url in pages(archive).values()]
    live = client.post(
        "/ask/similar/", {"question": "sciatica and needles"}
    )  # the ask form's live box
    for url, response in [*responses, ("/ask/similar/", live)]:
        assert response.status_code == 200, url
        lists = Lists(selectors)
        lists.feed(response.content.decode())
        assert lists.seen, url  # the menu's at least, or the similar answers
        assert lists.unmarked == [], url
