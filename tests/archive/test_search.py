"""Search in patients' words: ranking, typo correction, synonyms, web-search syntax."""

import pytest

from archive import search
from archive.models import Question, Synonym
from factsheets.models import Factsheet
from tests.factories import make_category, make_question

pytestmark = pytest.mark.django_db


def urls(query, **kwargs):
    """The pages /search/ lists for a query, best first."""
    prepared = search.prepare(query, **kwargs)
    results = search.Results(
        prepared, questions=Question.objects.published(), factsheets=Factsheet.objects.all()
    )
    return [hit.object.get_absolute_url() for hit in results.page(1).object_list]


def titles(queryset):
    return [q.title for q in queryset]


@pytest.fixture
def area():
    return make_category()


def test_a_title_match_ranks_above_a_match_in_the_answer(area):
    in_answer = make_question(area, title="Needles and nerves", answer="It helped my stenosis.")
    in_title = make_question(area, title="Stenosis and needles")
    search.refresh_lexicon()
    assert list(Question.objects.search("stenosis")) == [in_title, in_answer]


def test_a_rare_word_outweighs_a_common_one(area):
    for n in range(6):
        make_question(area, title=f"Acupuncture session {n}", answer="Acupuncture acupuncture.")
    rare = make_question(area, title="Back treatment", answer="Acupuncture for my stenosis.")
    search.refresh_lexicon()
    results = list(Question.objects.search("acupuncture stenosis"))
    assert results[0] == rare


def test_search_results_carry_a_rank_best_first(seeded):
    ranks = [q.rank for q in Question.objects.published().search("sciatica")]
    assert ranks and ranks == sorted(ranks, reverse=True)


def test_search_falls_back_to_some_of_the_words_when_no_qa_has_all(seeded):
    results = titles(Question.objects.published().search("epidural vertigo"))
    assert "I had an epidural when Ihad my son over 2yrs ago" in results


@pytest.mark.parametrize(
    ("typed", "corrected"),
    [
        ("acupunture for sciatca", "acupuncture for sciatica"),
        ("Stenossis", "stenosis"),
        ("dizzyness", "dizziness"),
        ("acupucture", "acupuncture"),
    ],
)
def test_misspelt_words_are_corrected_towards_the_archives_own_words(seeded, typed, corrected):
    assert search.prepare(typed).corrected_text == corrected


def test_a_typo_still_finds_the_sciatica_pages(seeded):
    assert "/factsheets/sciatica/" in urls("acupunture for sciatca")[:3]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("stenossis", "/questions/i-have-been-diagnosed-with-spinal-stenosis-which-gives-me-"),
        ("dizzyness", "/questions/can-acupuncture-for-lower-back-pain-cause-imbalance-and-"),
        ("epidurel", "/questions/i-had-an-epidural-when-ihad-my-son-over-2yrs-ago/"),
    ],
)
def test_a_misspelt_word_finds_its_page_in_the_top_three(seeded, typed, expected):
    assert any(url.startswith(expected) for url in urls(typed)[:3])


def test_correctly_spelt_words_are_left_alone(seeded):
    assert search.prepare("pins and needles").corrected_text == ""
    assert search.prepare("sciatic nerve").corrected_text == ""


def test_searching_as_typed_corrects_nothing(seeded):
    prepared = search.prepare("sciatca", correct_spelling=False)
    assert prepared.corrected_text == ""
    assert urls("sciatca", correct_spelling=False) == []


def test_words_only_in_drafts_are_never_offered_as_corrections(area):
    make_question(area, published=False, answer="Zygapophyseal joints.")
    search.refresh_lexicon()
    assert search.prepare("zygapophyseel").corrected_text == ""


def test_the_lexicon_learns_new_words_when_refreshed(area):
    make_question(area, answer="Acupuncture for coccydynia.")
    assert search.prepare("coccydinia").corrected_text == ""
    search.refresh_lexicon()
    assert search.prepare("coccydinia").corrected_text == "coccydynia"


@pytest.mark.parametrize(
    ("lay", "clinical"),
    [
        ("slipped disc", "a herniated disc"),
        ("dizzy", "vertigo"),
        ("bum", "the buttock"),
        ("pins and needles", "tingling"),
        ("trapped nerve", "nerve impingement"),
    ],
)
def test_lay_words_find_clinical_ones_and_back(area, lay, clinical):
    says_clinical = make_question(area, title="One", answer=f"Acupuncture for {clinical}.")
    says_lay = make_question(area, title="Two", answer=f"Acupuncture for {lay}.")
    search.refresh_lexicon()
    assert says_clinical in Question.objects.search(lay)
    assert says_lay in Question.objects.search(clinical)


def test_synonyms_editors_add_are_used_at_once(area):
    stiff_neck = make_question(area, answer="Acupuncture may ease torticollis.")
    search.refresh_lexicon()
    assert list(Question.objects.search("crick in the neck")) == []
    Synonym.objects.create(lay_term="crick in the neck", clinical_terms="torticollis, wry neck")
    assert list(Question.objects.search("crick in the neck")) == [stiff_neck]


def test_quoted_words_must_stand_together(area):
    together = make_question(area, answer="Pain in the lower back.")
    make_question(area, answer="The back of the lower leg.")
    search.refresh_lexicon()
    assert list(Question.objects.search('"lower back"')) == [together]


def test_a_minus_word_leaves_out_pages_with_it(area):
    kept = make_question(area, answer="Sciatica in the leg.")
    make_question(area, answer="Sciatica in pregnancy.")
    search.refresh_lexicon()
    assert list(Question.objects.search("sciatica -pregnancy")) == [kept]


def test_or_finds_either_word(area):
    epidural = make_question(area, answer="After an epidural.")
    vertigo = make_question(area, answer="Vertigo after treatment.")
    make_question(area, answer="Nothing of the kind.")
    search.refresh_lexicon()
    assert set(Question.objects.search("epidural or vertigo")) == {epidural, vertigo}


@pytest.mark.parametrize("query", ["", "   ", "the and of", "?! ...", "-sciatica"])
def test_a_query_with_nothing_to_look_for_is_empty(seeded, query):
    assert search.prepare(query).is_empty
    assert list(Question.objects.search(query)) == []


def test_similar_to_reads_quotes_and_minus_signs_as_plain_text(seeded):
    text = 'My "lower back" hurts - is it normal - or not?'
    assert Question.objects.similar_to(text).exists()


def test_search_reaches_factsheets_too(seeded):
    assert urls("slipped disc")[0] == "/factsheets/sciatica/"
