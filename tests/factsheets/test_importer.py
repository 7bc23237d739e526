"""The archived sciatica page becomes a structured factsheet, and only its content does."""

import pytest
from django.conf import settings
from django.db.models import Q

from archive import importer
from archive.models import Question
from factsheets.importer import factsheet_from_page, questions_about
from factsheets.models import SECTIONS, Factsheet

SCIATICA_PAGE = next((settings.BASE_DIR / "fixtures" / "source-pages").glob("004_*.txt"))
NOT_CONTENT = [
    # The testimonial, the comment form and the capture's image captions.
    "One Response to",
    "It has cured my sciatica",
    "Im glad I discovered it",
    "Leave a Reply",
    "XHTML",
    "<a href",
    "image of pain down leg",
    "images (1)",
    # The page's own headings start sections; they are not text within them.
    "What is Sciatica?",
    "Symptoms of Sciatic nerve pain",
    "What causes Sciatic pain",
    "How does acupuncture work?",
]


@pytest.fixture(scope="module")
def sciatica():
    page = importer.parse_page(SCIATICA_PAGE.name, SCIATICA_PAGE.read_text(encoding="utf-8"))
    return factsheet_from_page(page)


def list_items(text):
    return [line[2:] for line in text.splitlines() if line.startswith("- ")]


def test_the_page_names_the_condition_title_and_slug(sciatica):
    assert (sciatica.condition, sciatica.title, sciatica.slug) == (
        "Sciatica",
        "Acupuncture for Sciatica",
        "sciatica",
    )


def test_the_opening_paragraph_is_what_it_is_and_gives_the_summary(sciatica):
    assert sciatica.what_it_is.startswith("Sciatica is one of the most common disorders")
    assert "It is a form of nerve inflammation" in sciatica.what_it_is
    assert sciatica.summary == sciatica.what_it_is.split(". ")[0] + "."


def test_symptoms_are_a_list_followed_by_their_paragraphs(sciatica):
    items = list_items(sciatica.symptoms)
    assert items[0] == "lower back pain"
    assert items[-1] == "shooting pain usually down one side only."
    assert len(items) == 7
    paragraphs = sciatica.symptoms.split("\n\n")
    assert paragraphs[1].startswith("Often, the pain extends from the lower back")
    assert paragraphs[2].startswith("Depending on several factors")


def test_causes_keep_their_list_and_the_authors_claims(sciatica):
    assert list_items(sciatica.causes) == [
        "Lumbar spinal stenosis (narrowing of the spinal canal in the lower back)",
        "Degenerative disc disease (breakdown of discs, which act as cushions between the vertebrae)",
        "Spondylolisthesis (a condition in which one vertebra slips forward over another one)",
        "Pregnancy",
        "traumatic injury",
    ]
    assert "For this purpose, acupuncture is unrivalled." in sciatica.causes


def test_how_acupuncture_may_help_is_the_list_of_what_it_does(sciatica):
    items = list_items(sciatica.how_acupuncture_may_help)
    assert items[0] == "Acupuncture: reduces pain and inflammation"
    assert items[-1] == "promotes regeneration of the sciatic nerve"
    assert "It can even encourage an out of place disc" in sciatica.how_acupuncture_may_help


def test_the_nice_paragraph_is_the_evidence_and_its_footnote_the_reference(sciatica):
    assert sciatica.evidence.startswith("Nice recommends acupuncture")
    assert "a course of 10 sessions of acupuncture" in sciatica.evidence
    assert sciatica.references == (
        "* National Institute for Health and Clinical Excellence clinical guideline 88 – "
        "Low back pain."
    )


def test_the_practitioners_biography_is_not_a_section_nor_a_guessed_author(sciatica):
    # The page ends with a practitioner's biography but never says she wrote it.
    assert sciatica.author == ""
    assert all("20 years experience" not in section.text for section in sciatica.sections())


def test_nothing_is_left_unsorted_and_the_review_is_not_invented(sciatica):
    assert [section.name for section in sciatica.sections()] == [name for name, _ in SECTIONS]
    assert sciatica.last_reviewed is None
    assert sciatica.reviewer == ""


@pytest.mark.parametrize("phrase", NOT_CONTENT)
def test_nothing_but_content_is_imported(sciatica, phrase):
    texts = [sciatica.summary, sciatica.author, *(s.text for s in sciatica.sections())]
    assert not any(phrase in text for text in texts)


def test_the_seed_links_sciatica_to_the_qas_that_mention_it(seeded):
    mention = Q(question__icontains="sciatica") | Q(answer__icontains="sciatica")
    expected = set(Question.objects.filter(mention))
    assert expected
    assert set(Factsheet.objects.get(slug="sciatica").questions.all()) == expected


def test_a_condition_is_matched_as_a_word_in_the_question_or_answer():
    factsheet = Factsheet(condition="Sciatica")
    named = Question(question="Is my SCIATICA worse?", answer="")
    in_answer = Question(question="", answer="Sciatica, often.")
    part_of_a_word = Question(question="", answer="Sciaticas and sciatic nerves.")
    assert questions_about(factsheet, [named, in_answer, part_of_a_word]) == [named, in_answer]
