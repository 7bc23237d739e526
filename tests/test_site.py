"""Site-wide endpoints and what every page carries for search engines and readers."""

import pytest
from django.db import OperationalError
from django.utils.html import escape

from archive.models import Question
from ask.red_flags import RED_FLAGS
from tests.factories import make_category, make_question


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
    response = client.get("/feed/")
    xml = response.content.decode()
    assert response["Content-Type"].startswith("application/atom+xml")
    newest = Question.objects.published().newest_first().first()
    assert xml.index(newest.title) < xml.index("</entry>")
    assert xml.count("<entry>") == 12


@pytest.mark.parametrize("url", ["/", "/archive/back-spine/", "/factsheets/", "/urgent-help/"])
def test_every_page_has_a_canonical_link_title_and_description(client, seeded, url):
    html = client.get(url + "?page=2").content.decode()
    assert f'<link rel="canonical" href="http://testserver{url}">' in html
    assert f'<meta property="og:url" content="http://testserver{url}">' in html
    assert '<meta name="description" content="' in html
    assert '<meta property="og:title" content="' in html
    assert html.count("<h1>") == 1


def test_a_question_page_is_an_article_with_its_own_title_and_the_urgent_help_note(client, seeded):
    question = Question.objects.get(source__startswith="001")
    html = client.get(question.get_absolute_url()).content.decode()
    assert '<meta property="og:type" content="article">' in html
    assert '<meta property="og:title" content="Pain after acupuncture for lower back pain">' in html
    assert "This is general information, not a diagnosis." in html
    assert 'href="/urgent-help/"' in html


def test_the_urgent_help_page_gives_999_and_111(client, db):
    html = client.get("/urgent-help/").content.decode()
    assert "Call 999 or go to A&amp;E now" in html
    assert "NHS 111" in html


def test_the_urgent_help_page_lists_every_red_flag_the_ask_form_checks(client, db):
    html = client.get("/urgent-help/").content.decode()
    for flag in RED_FLAGS:
        assert escape(flag.label) in html
