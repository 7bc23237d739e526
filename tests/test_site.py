"""Site-wide endpoints and what every page carries for search engines and readers."""

import html
from datetime import timedelta
from xml.etree import ElementTree

import pytest
from django.db import OperationalError
from django.utils import timezone
from django.utils.html import escape

from archive.models import Question
from archive.red_flags import RED_FLAGS
from tests.factories import make_category, make_factsheet, make_question


def test_healthz_says_the_database_answers(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
    assert "no-cache" in response["Cache-Control"]


class UnreachableDatabase:
    def cursor(self):
        raise OperationalError("connection refused")


def test_healthz_is_503_when_the_database_does_not_answer(client, db, monkeypatch, caplog):
    monkeypatch.setattr("config.views.connection", UnreachableDatabase())
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "unavailable"
    assert "did not answer" in caplog.text


def test_sitemap_lists_published_pages_only(client, seeded, settings):
    draft = make_question(make_category(), published=False)
    xml = client.get("/sitemap.xml").content.decode()
    site = settings.SITE_URL  # the Site's domain comes from it (see pages.apps)
    for question in Question.objects.published():
        assert f"{site}{question.get_absolute_url()}</loc>" in xml
    assert draft.get_absolute_url() not in xml
    assert f"{site}/archive/lower-back-pain/</loc>" in xml
    assert f"{site}/factsheets/sciatica/</loc>" in xml


def test_robots_txt_points_to_the_sitemap_and_keeps_out_of_admin(client, db):
    response = client.get("/robots.txt")
    assert response["Content-Type"] == "text/plain"
    text = response.content.decode()
    assert "Disallow: /admin/" in text
    assert "Sitemap: http://testserver/sitemap.xml" in text


def test_the_feed_is_atom_with_the_newest_answers_first(client, seeded):
    area = Question.objects.first().category
    older = make_question(area, "Older answer", published_at=timezone.now() - timedelta(days=1))
    newer = make_question(area, "Newer answer")
    response = client.get("/feed/")
    xml = response.content.decode()
    assert response["Content-Type"].startswith("application/atom+xml")
    assert xml.index(newer.title) < xml.index(older.title)
    assert xml.count("<entry>") == 2  # the seed archive's answers are undated: not "new"


@pytest.mark.parametrize(
    ("url", "canonical"),
    [
        # A page without pages of its own ignores the parameter.
        ("/?page=2", "/"),
        ("/factsheets/?page=2", "/factsheets/"),
        ("/urgent-help/?page=2", "/urgent-help/"),
        # A list's later pages are pages of their own; its first is the list's own address.
        ("/archive/back-spine/?page=1", "/archive/back-spine/"),
        ("/archive/back-spine/?page=2", "/archive/back-spine/?page=2"),
        ("/archive/back-spine/?sort=newest&page=2", "/archive/back-spine/?page=2"),
        # Sorted otherwise, a later page is a view of the list, not its page 2.
        ("/archive/back-spine/?sort=title&page=2", "/archive/back-spine/"),
    ],
)
def test_every_page_has_a_canonical_link_title_and_description(client, seeded, url, canonical):
    html = client.get(url).content.decode()
    assert f'<link rel="canonical" href="http://testserver{canonical}">' in html
    assert f'<meta property="og:url" content="http://testserver{canonical}">' in html
    assert '<meta name="description" content="' in html
    assert '<meta property="og:title" content="' in html
    assert html.count("<h1>") == 1


def test_a_question_page_is_an_article_with_its_own_title_and_the_urgent_help_note(client, seeded):
    question = Question.objects.get(source__startswith="001")
    html = client.get(question.get_absolute_url()).content.decode()
    assert '<meta property="og:type" content="article">' in html
    # Its question describes a sign (a needle that may have touched a nerve): as its <title>.
    title = "Get help now – urgent advice shown – Pain after acupuncture for lower back pain"
    assert f'<meta property="og:title" content="{title}">' in html
    assert "This is general information, not a diagnosis." in html
    assert 'href="/urgent-help/"' in html


def test_the_urgent_help_page_gives_999_and_111(client, db):
    html = client.get("/urgent-help/").content.decode().split('<footer class="site-footer">')[0]
    assert 'Call <a href="tel:999">999</a> or go to A&amp;E now' in html
    assert '<a href="tel:111">NHS 111</a>' in html
    # The 999 signs need help at once, not "the same day" as the others.
    assert "a problem with the heart, a lung or a large blood vessel" in html
    assert "Those in the first list need help at once" in html
    # Blood in the pee is one of the others: the causes it can mean are named too.
    assert "a kidney stone" in html


def test_the_urgent_help_page_lists_every_red_flag_the_ask_form_checks_with_its_advice(client, db):
    html = client.get("/urgent-help/").content.decode()
    # What to do for each sign, as the boxes linking here promise: the 999 signs' own advice too
    # ("note the time they started", "use your adrenaline auto-injector").
    for flag in RED_FLAGS:
        assert f"{escape(flag.label)}. {flag.advice_html}</li>" in html


ATOM = "{http://www.w3.org/2005/Atom}"


def test_feed_summaries_are_escaped_exactly_once(client, db):
    area = make_category("Lower back pain")
    make_question(
        area, title="Sessions <needed>", answer="Most people need <5 sessions & <b>rest</b>."
    )
    feed = ElementTree.fromstring(client.get("/feed/").content)  # noqa: S314 - our own feed
    summary = feed.find(f"{ATOM}entry/{ATOM}summary")
    title = feed.find(f"{ATOM}entry/{ATOM}title")
    # A reader parses an html summary as HTML: what it then shows is the answer as written.
    assert summary.get("type") == "html"
    assert html.unescape(summary.text) == "Most people need <5 sessions & <b>rest</b>."
    assert summary.text == "Most people need &lt;5 sessions &amp; &lt;b&gt;rest&lt;/b&gt;."
    assert title.text == "Sessions <needed>"  # a text title is shown as it stands


def test_back_pain_pages_carry_the_when_to_get_urgent_help_box(client, db):
    back = make_category("Back / spine")
    knee = make_category("Knee")
    back_question = make_question(back, title="Stiff in the mornings")
    knee_question = make_question(knee, title="Knee pain after running")
    sciatica = make_factsheet("Sciatica")
    migraine = make_factsheet("Migraine")
    for page in (back_question, sciatica):
        body = client.get(page.get_absolute_url()).content.decode()
        assert "When to get urgent help</h2>" in body, page
        box = body[body.index('<aside class="warning urgent-help-box"') :].split("</aside>")[0]
        assert 'href="tel:999"' in box and 'href="tel:111"' in box
        assert '/urgent-help/">See what to do for each warning sign</a>' in box
    # On a Q&A it comes before the question and the answer, as the editorial policy says.
    body = client.get(back_question.get_absolute_url()).content.decode()
    assert body.index("When to get urgent help</h2>") < body.index('id="question-heading"')
    for page in (knee_question, migraine):
        assert (
            "When to get urgent help</h2>"
            not in client.get(page.get_absolute_url()).content.decode()
        )
