"""The importer must keep extracting exactly what the archived pages hold."""

import io
import json
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from archive import importer
from archive.models import Question
from archive.red_flags import found_in

SOURCE = settings.BASE_DIR / "fixtures" / "source-pages"
SEED = settings.BASE_DIR / "fixtures" / "seed.json"
FURNITURE = [
    "Find an acupuncturist",
    "Post a question",
    "Ask an expert",
    "BAcC Factsheets",
    "Browse the facts",
    "Page 3 of 6",
    "66 questions",
    "28 questions",
    "Please click here",
    "Leave a Reply",
    "XHTML",
    "One Response to",
    "Research based factsheets",
]


@pytest.fixture(scope="module")
def pages():
    return {page.name[:3]: page for page in importer.read_pages(SOURCE)}


@pytest.fixture(scope="module")
def seed_objects():
    return json.loads(SEED.read_text())


def questions_in(seed_objects):
    return [o["fields"] for o in seed_objects if o["model"] == "archive.question"]


def test_it_finds_twelve_questions_split_one_one_five_five(pages):
    counts = {key: len(page.records) for key, page in pages.items()}
    assert counts == {"000": 1, "001": 1, "002": 5, "003": 5, "004": 0}


def test_it_reads_the_last_page_as_the_sciatica_factsheet(pages):
    assert pages["004"].factsheet_condition == "Sciatica"
    assert all(page.factsheet_condition == "" for key, page in pages.items() if key != "004")


def test_an_answer_without_an_a_label_is_still_the_answer(pages):
    first = pages["002"].records[0]
    assert first.question.startswith("I have been diagnosed with Spinal Stenosis")
    assert first.answer.startswith("We have been asked about spinal stenosis")
    assert "We have been asked" not in first.question


def test_answers_whose_question_was_lost_are_kept_and_marked(pages):
    lost = [r for page in pages.values() for r in page.records if not r.question_preserved]
    assert [r.answer.split(".")[0] for r in lost] == [
        "A great deal depends on the extent of the spinal injuries",
        "In theory acupuncture treatment for your lower back should have no harmful side effects or secondary effects on your other health conditions",
    ]
    assert all(r.question == "" for r in lost)


def test_lost_questions_get_an_honest_title_from_the_answer(seed_objects):
    lost = [q for q in questions_in(seed_objects) if not q["question_preserved"]]
    assert [q["original_title"] for q in lost] == [
        "Answer only: A great deal depends on the extent of the spinal injuries",
        "Answer only: In theory acupuncture treatment for your lower back should have no harmful"
        " side effects or secondary effects on your other health conditions",
    ]
    # Pages say "question not preserved" in words of their own (see test_provenance).
    assert [q["title"] for q in lost] == [
        "A great deal depends on the extent of the spinal injuries",
        "In theory acupuncture treatment for your lower back should have no harmful side effects"
        " or secondary effects on your other health conditions",
    ]


def test_a_title_is_the_whole_first_sentence_where_the_title_field_allows(seed_objects):
    titles = [q["title"] for q in questions_in(seed_objects)]
    assert (
        "I have been diagnosed with Spinal Stenosis which gives me intermittent severe phantom"
        " pains in my toes and feet"
    ) in titles
    limit = Question._meta.get_field("title").max_length
    assert limit == importer.TITLE_LENGTH
    assert max(len(q["original_title"]) for q in questions_in(seed_objects)) <= limit
    # Longer, it is cut where a phrase ends, not mid-phrase ("due to different men…").
    assert (
        "I have had two spinal fusions (the second one through the stomach) due to different men"
        " running into me and then I fell down a flight of stairs so I have torn thumb ligaments"
        " and much back pain…"
    ) in titles


def test_a_long_text_is_cut_where_a_phrase_ends_else_at_a_word():
    text = "I have been diagnosed with Spinal Stenosis which gives me intermittent severe pains"
    assert importer.shorten(text, 60) == "I have been diagnosed with Spinal Stenosis…"
    # No phrase ends in the second half of the limit: the last whole word.
    assert importer.shorten("Acupuncture treatment should have no harmful side effects", 48) == (
        "Acupuncture treatment should have no harmful…"
    )
    assert importer.shorten(text, 200) == text


def test_a_page_heading_that_names_the_question_becomes_its_title(seed_objects):
    sources = {q["source"][:3]: q["title"] for q in questions_in(seed_objects)}
    assert sources["001"] == "Pain after acupuncture for lower back pain"
    # 000's heading is only a truncated copy of the question, so the question gives the title.
    assert sources["000"] == "I have trapped nerves in my lower back"


@pytest.mark.parametrize("phrase", FURNITURE)
def test_no_site_furniture_survives(seed_objects, phrase):
    for obj in seed_objects:
        for value in obj["fields"].values():
            if isinstance(value, str):
                assert phrase not in value, f"{phrase!r} left in {obj['model']}"


def test_spacing_is_normalised_but_paragraphs_are_kept(seed_objects, pages):
    for question in questions_in(seed_objects):
        text = question["question"] + question["answer"]
        assert "\u00a0" not in text
        assert "  " not in text
        assert not any(p != p.strip() for p in question["answer"].split("\n\n"))
    assert len(pages["000"].records[0].answer_paragraphs) == 6


def test_a_sentence_split_by_a_removed_link_is_rejoined(pages):
    balance = pages["003"].records[4]
    assert balance.answer.startswith(
        "As you can see from our fact sheet the use of acupuncture treatment"
    )
    epidural = pages["003"].records[2]
    assert "As our factsheet shows there is some evidence" in epidural.answer


def test_the_experts_words_are_not_corrected(pages):
    assert "I have had twp sessions of acupucture" in pages["003"].records[1].question
    assert "the paim will have subsided" in pages["003"].records[1].answer


def test_categories_come_from_headers_and_content(seed_objects):
    categories = {
        o["fields"]["slug"]: o["fields"]["parent"]
        for o in seed_objects
        if o["model"] == "archive.category"
    }
    assert categories == {
        "muscles-and-bones": None,
        "back-spine": ["muscles-and-bones"],
        "lower-back-pain": ["back-spine"],
    }
    filed = {q["source"][:3]: q["category"] for q in questions_in(seed_objects)}
    assert filed["000"] == filed["001"] == filed["003"] == ["lower-back-pain"]
    assert filed["002"] == ["back-spine"]


def test_the_factsheet_keeps_its_text_in_sections_but_not_the_testimonial(seed_objects):
    (factsheet,) = [o["fields"] for o in seed_objects if o["model"] == "factsheets.factsheet"]
    assert factsheet["condition"] == "Sciatica"
    assert "Sciatica is caused by irritation of the sciatic nerve." in factsheet["causes"]
    text = " ".join(v for v in factsheet.values() if isinstance(v, str))
    assert "It has cured my sciatica" not in text
    assert "image of pain down leg" not in text


def test_regenerating_the_fixture_gives_the_committed_file(tmp_path: Path):
    output = tmp_path / "seed.json"
    call_command("import_source_pages", output=output, stdout=io.StringIO())
    assert output.read_bytes() == SEED.read_bytes()


def test_answers_that_cite_a_guideline_or_answer_a_warning_sign_are_imported_for_review(
    seed_objects,
):
    questions = questions_in(seed_objects)
    expected = ["NICE" in q["answer"] or bool(found_in(q["question"])) for q in questions]
    assert [q["marked_for_review"] for q in questions] == expected
    assert sum("NICE" in q["answer"] for q in questions) == 6
    assert sum(expected) == 9  # three answer a question with a sign and cite no guideline


def test_slugs_are_unique_and_cut_at_a_word(seed_objects):
    slugs = [q["slug"] for q in questions_in(seed_objects)]
    assert len(set(slugs)) == 12
    assert all(len(s) <= 70 and not s.endswith("-") for s in slugs)
    assert "i-have-been-diagnosed-with-spinal-stenosis-which-gives-me-intermittent" in slugs
