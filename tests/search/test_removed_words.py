"""Words taken out of the archive leave the search index at once: an editor who removes a place
or a person's name from a Q&A, or unpublishes it, leaves none of its words or stems behind, and
search never offers them as a spelling correction."""

import pytest
from django.urls import reverse

from archive.models import Question
from search import index
from tests.factories import make_factsheet, make_question
from tests.search.conftest import fetch

pytestmark = pytest.mark.django_db

SEARCH = reverse("search:search")
# A place an editor takes out: a word of English (so that a typo of it is corrected towards it
# by its stem alone) that no other page holds.
PLACE = "sheffield"
WITH_PLACE = "The clinic in Sheffield near Hebden Bridge can advise. Rest, then move gently."
WITHOUT_PLACE = "The clinic can advise. Rest, then move gently."


def kept(words):
    """Those of `words` the index keeps, as a stem or as written, with their page counts."""
    return fetch(
        "SELECT lexeme, documents FROM search_term WHERE lexeme = ANY(%(words)s) "
        "UNION ALL SELECT word, documents FROM search_word WHERE word = ANY(%(words)s) ORDER BY 1",
        {"words": words},
    )


def whole_index():
    """Every stem and word the index holds, with its page count, and the tiers' stems."""
    return {
        "terms": fetch("SELECT lexeme, documents FROM search_term ORDER BY 1"),
        "words": fetch("SELECT word, documents FROM search_word ORDER BY 1"),
        "tiers": fetch(
            "SELECT DISTINCT t.lexeme FROM search_tier s "
            "LEFT JOIN search_term t ON t.id = s.term_id ORDER BY 1"
        ),
    }


def shown_for(client, typed):
    return client.get(SEARCH, {"q": typed}).content.decode()


def take_the_place_out(question, how):
    if how == "edited":
        question.answer = WITHOUT_PLACE
        question.save()
    elif how == "unpublished":
        question.status = Question.Status.DRAFT
        question.save()
    else:
        question.delete()


@pytest.mark.parametrize("how", ["edited", "unpublished", "deleted"])
def test_a_place_taken_out_of_the_archive_is_neither_kept_nor_offered(client, area, how):
    make_question(area, answer=WITHOUT_PLACE)
    question = make_question(area, answer=WITH_PLACE)
    assert "Showing results for <strong>sheffield clinic</strong>" in shown_for(
        client, "sheffeld clinic"
    )

    take_the_place_out(question, how)

    assert PLACE not in shown_for(client, "sheffeld clinic")
    assert "Showing results for" not in shown_for(client, "hebdem bridge")
    assert kept([PLACE, "hebden", "bridg", "bridge"]) == []


def test_a_stem_another_page_still_holds_is_kept_with_its_count(area):
    make_question(area, answer="Ask the clinic in Sheffield.")
    question = make_question(area, answer=WITH_PLACE)
    question.answer = WITHOUT_PLACE
    question.save()
    assert kept([PLACE]) == [(PLACE, 1), (PLACE, 1)]


def test_after_edits_and_removals_the_index_holds_what_a_rebuild_makes(area):
    factsheet = make_factsheet(summary="Seen at the Halifax clinic.")
    kept_page, edited, unpublished, deleted = (
        make_question(area, answer=f"{WITH_PLACE} Zork {n}.") for n in range(4)
    )
    kept_page.answer = "Rest, then move gently."
    kept_page.save()
    edited.answer = WITHOUT_PLACE
    edited.save()
    Question.objects.filter(pk=unpublished.pk).update(status=Question.Status.DRAFT)
    deleted.delete()
    factsheet.summary = "Seen at the clinic."
    factsheet.save()

    incremental = whole_index()
    assert "halifax" not in str(incremental) and "zork" not in str(incremental)
    index.rebuild()
    assert incremental == whole_index()
