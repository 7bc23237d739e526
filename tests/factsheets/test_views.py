"""Factsheet pages: the A–Z index, a condition's page, and the links to and from Q&As."""

import json
import re
from datetime import date, timedelta

import pytest
from django.utils import timezone

from archive.models import Question
from factsheets.models import SECTIONS, Factsheet
from tests.factories import make_category, make_factsheet, make_question

JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.DOTALL)


def page(client, factsheet):
    response = client.get(factsheet.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def structured_data(html):
    (payload,) = JSON_LD.findall(html)
    return json.loads(payload)


def test_the_index_lists_conditions_a_to_z_under_their_letter_with_summaries(client, db):
    for condition in ["Sciatica", "bursitis", "Back pain"]:
        make_factsheet(condition, summary=f"About {condition.lower()}.")
    html = client.get("/factsheets/").content.decode()
    order = ['id="letter-b">B</h2>', ">Back pain</a>", ">bursitis</a>", 'id="letter-s">S</h2>']
    positions = [html.index(text) for text in [*order, ">Sciatica</a>"]]
    assert positions == sorted(positions)
    assert '<a href="#letter-b">B</a>' in html
    assert "About back pain." in html


def test_the_index_says_which_factsheets_are_not_reviewed_against_current_evidence(client, db):
    today = timezone.localdate()
    make_factsheet(
        "Bursitis", last_reviewed=date(2026, 3, 2), next_review=today + timedelta(days=9)
    )
    make_factsheet("Sciatica")
    make_factsheet("Shingles", last_reviewed=date(2025, 1, 6), next_review=date(2026, 1, 6))
    html = client.get("/factsheets/").content.decode()
    items = dict(re.findall(r">(\w+)</a>\s*<span class=\"meta\">(.*?)</span>", html, re.S))
    assert {name: re.sub(r"<[^>]+>", "", meta) for name, meta in items.items()} == {
        "Bursitis": "Last reviewed 2 March 2026",
        "Sciatica": "Not reviewed against current evidence",
        "Shingles": "Not reviewed against current evidence since 6 January 2025",
    }


def test_the_index_says_when_there_are_no_factsheets(client, db):
    assert "No factsheets have been published yet." in client.get("/factsheets/").content.decode()


def test_the_index_takes_two_queries_however_many_factsheets(
    client, db, django_assert_max_num_queries
):
    for n in range(15):
        make_factsheet(f"Condition {n}", summary="A summary.")
    with django_assert_max_num_queries(2):  # the content version and the factsheets
        client.get("/factsheets/")


def test_the_sciatica_page_shows_its_sections_in_order_with_lists(client, seeded):
    factsheet = Factsheet.objects.get(slug="sciatica")
    html = page(client, factsheet)
    headings = [f'<h2 id="{name}-heading">{heading}</h2>' for name, heading in SECTIONS]
    positions = [html.index(heading) for heading in headings]
    assert positions == sorted(positions)
    symptoms = html[positions[1] : positions[2]]
    assert symptoms.count("<li>") == factsheet.symptoms.count("\n- ") + 1
    assert "<li>lower back pain</li>" in symptoms
    assert f'<p class="lead">{factsheet.summary}</p>' in html
    assert "Written by" not in html  # the source page does not say who wrote it


def test_the_sciatica_page_says_it_has_not_been_reviewed(client, seeded):
    html = page(client, Factsheet.objects.get(slug="sciatica"))
    assert "<dd>Not yet reviewed</dd>" in html
    # Due now, as the warning says: not "not planned".
    assert "<dd>Now (overdue)</dd>" in html
    assert "This factsheet has not been reviewed against current evidence." in html
    assert "How we review factsheets" in html


def test_a_reviewer_is_shown_only_beside_the_date_of_the_review(client, db):
    factsheet = make_factsheet(reviewer="Dr B")  # saved before the rule, or in bulk
    html = page(client, factsheet)
    assert "<dd>Not yet reviewed</dd>" in html
    assert "Reviewed by" not in html and "Dr B" not in html
    assert "reviewedBy" not in structured_data(html)
    today = timezone.localdate()
    Factsheet.objects.update(last_reviewed=today, next_review=today + timedelta(days=365))
    html = page(client, factsheet)
    assert "<dt>Reviewed by</dt><dd>Dr B</dd>" in html
    assert structured_data(html)["reviewedBy"] == {"@type": "Person", "name": "Dr B"}


def test_a_factsheet_past_its_review_date_warns_readers(client, db):
    today = timezone.localdate()
    factsheet = make_factsheet(
        last_reviewed=today - timedelta(days=400), next_review=today - timedelta(days=35)
    )
    html = page(client, factsheet)
    assert "This factsheet is overdue for review." in html
    assert f"due to be checked again by {factsheet.next_review:%-d %B %Y}" in html
    assert f"{factsheet.next_review:%-d %B %Y}</time> (overdue)</dd>" in html


@pytest.mark.parametrize("days_left", [1, 20, 200])
def test_a_factsheet_within_its_review_date_has_no_warning(client, db, days_left):
    today = timezone.localdate()
    factsheet = make_factsheet(
        last_reviewed=today - timedelta(days=100), next_review=today + timedelta(days=days_left)
    )
    html = page(client, factsheet)
    assert 'id="review-warning"' not in html and "(overdue)" not in html
    assert f'<time datetime="{factsheet.last_reviewed:%Y-%m-%d}">' in html


def test_the_factsheet_lists_its_published_qas_and_each_links_back(client, db):
    area = make_category()
    linked = make_question(area, title="Sciatica after a long drive")
    draft = make_question(area, title="A draft about sciatica", published=False)
    unlinked = make_question(area, title="Knee pain")
    factsheet = make_factsheet("Sciatica", summary="Pain along the sciatic nerve.")
    factsheet.questions.add(linked, draft)

    html = page(client, factsheet)
    assert "Questions others asked about Sciatica" in html
    # Absolute, so that a printed factsheet shows where each answer is.
    assert f'<a href="http://testserver{linked.get_absolute_url()}">{linked.title}</a>' in html
    assert draft.title not in html

    qa_html = client.get(linked.get_absolute_url()).content.decode()
    assert "Factsheets about this" in qa_html
    assert f'<a href="{factsheet.get_absolute_url()}">Sciatica</a>: Pain along' in qa_html
    assert "Factsheets about this" not in client.get(unlinked.get_absolute_url()).content.decode()


def test_the_seeded_links_work_both_ways(client, seeded):
    factsheet = Factsheet.objects.get(slug="sciatica")
    html = page(client, factsheet)
    linked = list(factsheet.questions.all())
    assert linked
    for question in linked:
        assert question.get_absolute_url() in html
        assert (
            factsheet.get_absolute_url() in client.get(question.get_absolute_url()).content.decode()
        )
    for question in Question.objects.exclude(pk__in=[q.pk for q in linked]):
        assert question.get_absolute_url() not in html


def test_a_factsheet_without_linked_qas_says_so(client, db):
    assert "No answers in the archive are linked" in page(client, make_factsheet())


def test_structured_data_is_a_medical_web_page_about_the_condition(client, db):
    today = timezone.localdate()
    factsheet = make_factsheet(
        "Sciatica",
        summary="Nerve pain.",
        author="A. Author",
        reviewer="R. Reviewer",
        last_reviewed=today,
        next_review=today + timedelta(days=365),
    )
    data = structured_data(page(client, factsheet))
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "MedicalWebPage"
    assert data["about"] == {"@type": "MedicalCondition", "name": "Sciatica"}
    assert data["lastReviewed"] == today.isoformat()
    assert data["reviewedBy"] == {"@type": "Person", "name": "R. Reviewer"}
    assert data["author"] == {"@type": "Person", "name": "A. Author"}
    assert data["url"] == f"http://testserver{factsheet.get_absolute_url()}"


def test_no_page_claims_to_be_a_qa_forum(client, seeded):
    factsheet = Factsheet.objects.get(slug="sciatica")
    html = page(client, factsheet)
    assert "lastReviewed" not in structured_data(html)  # never reviewed: no date is invented
    for question in factsheet.questions.all():
        html += client.get(question.get_absolute_url()).content.decode()
    assert "QAPage" not in html


def test_an_unknown_factsheet_is_a_404(client, db):
    assert client.get("/factsheets/no-such-condition/").status_code == 404


def test_the_breadcrumb_leads_back_through_the_factsheets_index(client, db):
    factsheet = make_factsheet(condition="Sciatica")
    html = client.get(factsheet.get_absolute_url()).content.decode()
    trail = html[html.index('<nav class="breadcrumb"') :].split("</nav>")[0]
    assert re.findall(r'<a href="([^"]+)">([^<]+)</a>', trail) == [
        ("/", "All answers"),
        ("/factsheets/", "Factsheets"),
    ]
    assert '<li class="breadcrumb-current"><span aria-current="page">Sciatica</span>' in trail
