"""The search index: kept in step with every write, exact BM25F, true counts."""

import math
import random
import re
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from archive.models import Question
from search import index
from search.models import Synonym
from search.query import prepare
from search.results import ranked
from tests.factories import make_category, make_factsheet, make_question
from tests.search.conftest import fetch
from tests.searching import found

pytestmark = pytest.mark.django_db

# Made-up words that are their own English stems, so that a test can count them itself.
WORDS = ["zork", "blim", "quax", "frim", "dap", "tov", "wug", "snib"]


def index_state():
    """Everything the index holds that does not depend on row ids."""
    return {
        "terms": fetch("SELECT lexeme, documents FROM search_term WHERE documents > 0 ORDER BY 1"),
        "words": fetch("SELECT word, documents FROM search_word ORDER BY 1"),
        "corpus": fetch(
            "SELECT documents, title_length, question_length, answer_length FROM search_corpus"
        ),
        "postings": fetch(
            "SELECT t.lexeme, d.question_id, d.factsheet_id, d.category_id FROM search_posting p "
            "JOIN search_term t ON t.id = p.term_id JOIN search_document d ON d.id = p.document_id "
            "ORDER BY 1, 2, 3"
        ),
    }


def test_the_impact_function_uses_the_documented_bm25f_numbers():
    [(impact,)] = fetch("SELECT search_impact(2, 1, 3, 5, 20, 100, ARRAY[4, 30, 250]::float8[])")
    w, b, k1 = index.FIELD_WEIGHTS, index.B, index.K1
    tf = (
        w["title"] * 2 / (1 - b + b * 5 / 4)
        + w["question"] * 1 / (1 - b + b * 20 / 30)
        + w["answer"] * 3 / (1 - b + b * 100 / 250)
    )
    assert impact == pytest.approx(tf * (k1 + 1) / (k1 + tf), rel=1e-6)


def test_a_published_qa_is_found_at_once_and_a_draft_never(area):
    draft = make_question(area, published=False, answer="Zork helps.")
    published = make_question(area, answer="Zork helps too.")
    assert found("zork") == [published]
    draft.status, draft.published_at = Question.Status.PUBLISHED, timezone.now()
    draft.save()
    assert set(found("zork")) == {draft, published}


def test_an_edit_replaces_the_old_words_with_the_new(area):
    question = make_question(area, answer="Zork helps.")
    question.answer = "Blim helps."
    question.save()
    assert (found("zork"), found("blim")) == ([], [question])


def test_unpublishing_and_deleting_take_a_qa_out(area):
    kept, unpublished, deleted = (make_question(area, answer="Zork.") for _ in range(3))
    Question.objects.filter(pk=unpublished.pk).update(status=Question.Status.DRAFT)
    deleted.delete()
    assert found("zork") == [kept]


def test_a_qa_published_for_later_waits_until_then(area):
    later = make_question(area, answer="Zork.", published_at=timezone.now().replace(year=2999))
    assert found("zork") == []
    Question.objects.filter(pk=later.pk).update(published_at=timezone.now())
    assert found("zork") == [later]


def test_moving_a_qa_to_another_body_area_moves_it_in_search(area):
    other = make_category()
    question = make_question(area, answer="Zork.")
    question.category = other
    question.save()
    rows, _ = ranked(prepare("zork"), k=10, categories=[other.pk], count_up_to=10)
    assert [row[0] for row in rows] == [question.pk]
    assert ranked(prepare("zork"), k=10, categories=[area.pk]) == ([], 0)


def start_pages_before_a_tier_chunk_ends():
    """Number the next indexed pages from a few short of 65,536, where search_tier's arrays
    split, so that a test's pages lie on both sides."""
    fetch("SELECT setval('search_document_id_seq', 65530)")


def tiers():
    """Each stem's pages per impact tier, as search_tier holds them."""
    return fetch(
        "SELECT term_id, tier, chunk, documents FROM search_tier WHERE documents <> '{}' "
        "ORDER BY 1, 2, 3"
    )


def tiers_from_postings():
    """The same worked out afresh from the postings."""
    return fetch(
        "SELECT term_id, search_tier_of(impact), document_id >> 16, sort(array_agg(document_id)) "
        "FROM search_posting GROUP BY 1, 2, 3 ORDER BY 1, 2, 3"
    )


def document_terms():
    """Each page's stems and impacts, as search_document_terms holds them."""
    return fetch("SELECT document_id, stem_ids, impacts FROM search_document_terms ORDER BY 1")


def document_terms_from_postings():
    """The same worked out afresh from the postings."""
    return fetch(
        "SELECT document_id, array_agg(term_id ORDER BY term_id), array_agg(impact ORDER BY term_id) "
        "FROM search_posting GROUP BY 1 ORDER BY 1"
    )


def test_after_any_writes_the_index_is_what_a_rebuild_makes(area):
    start_pages_before_a_tier_chunk_ends()
    questions = [
        make_question(area, title=f"Zork {n}", answer=" ".join(WORDS[: n + 1])) for n in range(6)
    ]
    make_question(area, published=False, answer="Snib snib.")
    factsheet = make_factsheet("Wug", summary="Wug and tov.")
    questions[0].answer = "Quax frim."
    questions[0].save()
    questions[1].delete()
    Question.objects.filter(pk=questions[2].pk).update(status=Question.Status.DRAFT)
    factsheet.summary = "Dap."
    factsheet.save()
    Question.objects.filter(pk__in=[q.pk for q in questions[3:]]).update(answer="Blim blim zork.")
    kept = index_state()
    assert tiers() == tiers_from_postings()
    assert document_terms() == document_terms_from_postings()
    index.rebuild()
    assert index_state() == kept
    assert tiers() == tiers_from_postings()
    assert document_terms() == document_terms_from_postings()


def phrases():
    """The stems of the synonyms of several words whose tiers are kept."""
    return [lexemes for (lexemes,) in fetch("SELECT lexemes FROM search_phrase ORDER BY 1")]


def phrase_tiers():
    """Each such synonym's pages per tier of each of its stems, as search_phrase_tier holds them
    (its packed key read back, five bits a stem)."""
    return fetch(
        "SELECT p.lexemes, ARRAY(SELECT (t.tiers >> (5 * (n - 1))) & 31 "
        "                        FROM generate_series(1, cardinality(p.lexemes)) AS n), "
        "       t.chunk, t.documents "
        "FROM search_phrase_tier AS t JOIN search_phrase AS p ON p.id = t.phrase_id "
        "WHERE t.documents <> '{}' ORDER BY 1, 2, 3"
    )


def phrase_tiers_from_postings():
    """The same worked out afresh from the postings: the pages holding every stem."""
    return fetch(
        "SELECT lexemes, tiers, document_id >> 16, sort(array_agg(document_id)) FROM ("
        "    SELECT p.lexemes, s.document_id,"
        "           array_agg(search_tier_of(s.impact)::int ORDER BY t.lexeme) AS tiers"
        "    FROM search_phrase AS p JOIN search_term AS t ON t.lexeme = ANY(p.lexemes)"
        "    JOIN search_posting AS s ON s.term_id = t.id"
        "    GROUP BY 1, 2 HAVING count(*) = cardinality(p.lexemes)"
        ") AS pages GROUP BY 1, 2, 3 ORDER BY 1, 2, 3"
    )


def test_the_tiers_of_several_word_synonyms_follow_every_write(area):
    start_pages_before_a_tier_chunk_ends()
    Synonym.objects.all().delete()
    synonym = Synonym.objects.create(lay_term="zork", clinical_terms="quax frim, dap tov wug")
    texts = [
        "Quax frim.",
        "Frim quax quax dap.",
        "Dap tov wug frim.",
        "Tov wug.",
        "Blim snib quax.",
    ]
    questions = [
        make_question(area, title=f"Zork {n}", answer=text) for n, text in enumerate(texts * 2)
    ]
    make_question(area, published=False, answer="Quax frim, never shown.")
    questions[0].answer = "Quax quax quax frim, said again."
    questions[0].save()
    questions[1].delete()
    Question.objects.filter(pk=questions[2].pk).update(status=Question.Status.DRAFT)
    Question.objects.filter(pk__in=[q.pk for q in questions[6:]]).update(answer="Wug dap tov quax.")
    # Editors add a synonym whose words pages already hold, and take a term out of another.
    Synonym.objects.create(lay_term="blim snib", clinical_terms="snib")
    synonym.clinical_terms = "quax frim"
    synonym.save()
    assert phrases() == [["blim", "snib"], ["frim", "quax"]]
    assert phrase_tiers() == phrase_tiers_from_postings()
    assert {tuple(lexemes) for lexemes, *_ in phrase_tiers()} == {
        ("blim", "snib"),
        ("frim", "quax"),
    }
    index.rebuild()
    assert phrase_tiers() == phrase_tiers_from_postings()
    synonym.delete()
    assert phrases() == [["blim", "snib"]]
    assert phrase_tiers() == phrase_tiers_from_postings()


def test_the_drift_of_average_lengths_shows_and_a_rebuild_clears_it(area):
    make_question(area, answer="Zork.")
    index.rebuild()
    assert index.drift() == 0
    make_question(area, answer=" ".join(["blim"] * 200))
    assert index.drift() > index.DRIFT_LIMIT
    index.rebuild()
    assert index.drift() == pytest.approx(0)


def test_the_rebuild_command_says_what_it_indexes_how_long_it_took_and_why(area):
    make_question(area, answer="Zork.")
    make_question(area, answer="Blim.", published=False)
    make_factsheet()
    out = StringIO()
    call_command("rebuild_search_index", stdout=out)
    said = out.getvalue()
    assert "Rebuilding the search index for 1 Q&A and 1 factsheet;" in said
    # Pages indexed as they were written, never weighed by a rebuild: no percentage made up.
    assert re.search(r"Search index rebuilt in \d+ s \(it had never been rebuilt\)\.", said)
    make_question(area, answer=" ".join(["blim"] * 200))
    out = StringIO()
    call_command("rebuild_search_index", if_drifted=True, stdout=out)
    assert "for 2 Q&As and 1 factsheet;" in out.getvalue()
    assert re.search(r"\(averages had moved \d+\.\d%\)", out.getvalue())


def brute_force_bm25f(pages, query):
    """BM25F over (title, question, answer) word lists, as the index defines it, page by page."""
    fields = list(index.FIELD_WEIGHTS)
    averages = {f: sum(len(page[f]) for page in pages) / len(pages) for f in fields}
    scores = []
    for page in pages:
        score = 0.0
        for word in query:
            df = sum(any(word in p[f] for f in fields) for p in pages)
            if not df:
                continue
            idf = math.log(1 + (len(pages) - df + 0.5) / (df + 0.5))
            tf = sum(
                index.FIELD_WEIGHTS[f]
                * page[f].count(word)
                / (1 - index.B + index.B * len(page[f]) / averages[f])
                for f in fields
            )
            score += idf * tf * (index.K1 + 1) / (index.K1 + tf) if tf else 0
        scores.append(score)
    return scores


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_ranking_is_exact_bm25f_over_the_whole_text(area, seed):
    rng = random.Random(seed)  # noqa: S311 - test data, not secrets
    weights = [1 / (n + 1) for n in range(len(WORDS))]

    def words(low, high):
        return rng.choices(WORDS, weights, k=rng.randint(low, high))

    pages = [
        {"title": words(1, 4), "question": words(3, 12), "answer": words(5, 40)} for _ in range(60)
    ]
    ids = [
        make_question(
            area,
            title=" ".join(p["title"]),
            question=" ".join(p["question"]),
            answer=" ".join(p["answer"]),
        ).pk
        for p in pages
    ]
    index.rebuild()
    for size in (1, 2, 4):
        query = rng.sample(WORDS, size)
        expected = brute_force_bm25f(pages, query)
        rows, total = ranked(prepare(" ".join(query)), k=25, count_up_to=100)
        best = sorted(expected, reverse=True)[:25]
        assert [score for _, _, score in rows] == pytest.approx(best, rel=1e-5)
        assert all(
            score == pytest.approx(expected[ids.index(pk)], rel=1e-5) for pk, _, score in rows
        )
        assert total == sum(score > 0 for score in expected)


@pytest.mark.parametrize("k", [3, 30, 70])
def test_one_word_or_words_joined_by_or_rank_exactly_however_deep_the_best_are(area, k):
    # One concept of one-word alternatives is read from the top of the lists, deeper while what
    # was read does not prove the top k: here the 60 best pages for "zork" are not visible until
    # tomorrow. With "or", a page counts at its best word.
    rng = random.Random(k)  # noqa: S311 - test data, not secrets
    later = timezone.now() + timezone.timedelta(days=1)
    pages = [
        {
            "title": ["zork"] * 3 if n < 60 else rng.choices(WORDS[1:], k=rng.randint(1, 4)),
            "question": rng.choices(WORDS, k=rng.randint(3, 12)),
            "answer": rng.choices(WORDS, k=rng.randint(5, 40)),
        }
        for n in range(160)
    ]
    for n, page in enumerate(pages):
        make_question(
            area, title=" ".join(page["title"]), question=" ".join(page["question"]),
            answer=" ".join(page["answer"]), **({"published_at": later} if n < 60 else {}),
        )  # fmt: skip
    index.rebuild()
    zork, dap = (brute_force_bm25f(pages, [word])[60:] for word in ("zork", "dap"))
    for query, visible in [("zork", zork), ("zork or dap", list(map(max, zork, dap)))]:
        rows, total = ranked(prepare(query), k=k, count_up_to=200)
        assert [score for _, _, score in rows] == pytest.approx(sorted(visible, reverse=True)[:k])
        assert total == sum(score > 0 for score in visible)


def publish_words_alone_and_together(area, words, together):
    """1,100 pages for each of `words` holding it alone, high up its list (in the title too), and
    five holding them all once each in `together`, a longer text: below all of those in every
    list. Returns the five's ids."""
    now = timezone.now()
    alone = "{0}. {0} is on this page."
    texts = [alone.format(word.title()) for word in words for _ in range(1100)] + [together] * 5
    Question.objects.bulk_create(
        Question(
            category=area, title="Other things" if text == together else text, slug=f"page-{n}",
            question=text, answer=text, status=Question.Status.PUBLISHED, published_at=now,
        )
        for n, text in enumerate(texts)
    )  # fmt: skip
    return set(Question.objects.filter(title="Other things").values_list("pk", flat=True))


def list_places(lexeme, question_ids):
    """Where the pages of these Q&As stand in the list of `lexeme`, best impact first."""
    return [
        place
        for (place,) in fetch(
            "SELECT place FROM (SELECT d.question_id, row_number() OVER (ORDER BY p.impact DESC) "
            "AS place FROM search_posting p JOIN search_document d ON d.id = p.document_id "
            "JOIN search_term t ON t.id = p.term_id WHERE t.lexeme = %s) AS list "
            "WHERE question_id = ANY(%s)",
            [lexeme, list(question_ids)],
        )
    ]


def test_two_words_rank_exactly_however_deep_in_both_lists_the_best_pages_are(area):
    start_pages_before_a_tier_chunk_ends()
    both = "Zork and blim are both on this page, with other words about other things."
    both_ids = publish_words_alone_and_together(area, ["zork", "blim"], both)
    deepest = min(list_places("zork", both_ids) + list_places("blim", both_ids))
    assert deepest > 1100
    rows, total = ranked(prepare("zork blim"), k=5, count_up_to=5000)
    assert {question_id for question_id, _, _ in rows} == both_ids
    assert total == 2205


def test_four_words_find_the_pages_holding_all_of_them_below_every_lists_top(area):
    words = ["zork", "blim", "quax", "frim"]
    every = "Zork, blim, quax and frim are all on this page, with other words about other things."
    every_ids = publish_words_alone_and_together(area, words, every)
    rows, _ = ranked(prepare(" ".join(words)), k=5)
    assert {question_id for question_id, _, _ in rows} == every_ids


def test_three_words_count_a_several_word_synonym_only_on_pages_holding_all_of_it(area):
    # "zork" stands for "quax frim" too: pages with "quax" alone score by "blim dap" only.
    Synonym.objects.create(lay_term="zork", clinical_terms="quax frim")
    make_question(area, answer="Zork, among other words.")
    partial = [make_question(area, answer=f"Quax, blim and dap {n}.").pk for n in range(3)]
    whole = [make_question(area, answer=f"Quax frim, blim and dap {n}.").pk for n in range(2)]
    three = {pk: score for pk, _, score in ranked(prepare("zork blim dap"), k=10)[0]}
    two = {pk: score for pk, _, score in ranked(prepare("blim dap"), k=10)[0]}
    assert all(three[pk] == pytest.approx(two[pk]) for pk in partial)
    assert all(three[pk] > two[pk] for pk in whole)
    assert set(sorted(three, key=three.get, reverse=True)[:2]) == set(whole)


def test_a_several_word_synonym_ranks_exactly_however_deep_its_words_are(area):
    # "zork" stands for "quax frim" too. The five pages holding both lie below 1,100 holding
    # either alone (which do not count for it) in both lists; above them all in the list of
    # "quax", ten pages hold "frim" too, once in a long text: they count, but less.
    Synonym.objects.create(lay_term="zork", clinical_terms="quax frim")
    together = "Quax frim is on this page, with other words about other things."
    together_ids = publish_words_alone_and_together(area, ["quax", "frim"], together)
    weaker = "Quax quax quax. " + "Other words about other things. " * 12 + "Frim."
    for _ in range(10):
        make_question(area, title="Quax quax", question="Quax quax quax.", answer=weaker)
    rows, total = ranked(prepare("zork"), k=5, count_up_to=100)
    assert ({question_id for question_id, _, _ in rows}, total) == (together_ids, 15)


def test_two_words_one_with_a_several_word_synonym_rank_exactly_however_deep(area):
    # The best pages for "zork dap" hold "quax frim" (for "zork") and "dap", each lower in its
    # list than 1,100 pages holding one of the words alone.
    Synonym.objects.create(lay_term="zork", clinical_terms="quax frim")
    together = "Quax frim and dap are on this page, with other words about other things."
    together_ids = publish_words_alone_and_together(area, ["quax", "frim", "dap"], together)
    rows, _ = ranked(prepare("zork dap"), k=5)
    assert {question_id for question_id, _, _ in rows} == together_ids


# Every page's score from all of its postings, as search_top defines it: per concept its best
# alternative whose stems the page all holds (their idf x impact, summed), summed. Pages of
# body areas `categories` only, unless that is null.
SCORED_FROM_POSTINGS = """
WITH q AS (
    SELECT t.id AS term_id, q.concept, q.alternative, q.size,
           ln(1 + (c.documents - t.documents + 0.5) / (t.documents + 0.5)) AS weight
    FROM (SELECT *, count(*) OVER (PARTITION BY concept, alternative) AS size
          FROM unnest(%(lexemes)s::text[], %(concepts)s::int[], %(alternatives)s::int[])
              AS q(lexeme, concept, alternative)) AS q
    JOIN search_term AS t ON t.lexeme = q.lexeme CROSS JOIN search_corpus AS c
)
SELECT id, sum(best) FROM (
    SELECT id, concept, max(score) AS best FROM (
        SELECT p.document_id AS id, q.concept, sum(q.weight * p.impact) AS score
        FROM q JOIN search_posting AS p USING (term_id)
        JOIN search_document AS d ON d.id = p.document_id
        WHERE %(categories)s::bigint[] IS NULL OR d.category_id = ANY(%(categories)s::bigint[])
        GROUP BY 1, 2, q.alternative, q.size HAVING count(*) = q.size
    ) AS per_alternative GROUP BY 1, 2
) AS per_concept GROUP BY id ORDER BY 2 DESC, 1 DESC
"""


def scored_from_postings(query, categories=None):
    """(search_document id, score) of every page scoring for `query`, best first."""
    lexemes, concepts, alternatives = prepare(query).terms()
    # Statistics of the pages this test made (ANALYZE counts its own transaction's rows): after an
    # autovacuum has found the tables empty between tests, PostgreSQL plans for no rows, and the
    # nested loops it picks over thousands of pages take minutes.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE search_posting, search_document, search_term")
    return fetch(
        SCORED_FROM_POSTINGS,
        {"lexemes": lexemes, "concepts": concepts, "alternatives": alternatives,
         "categories": categories},
    )  # fmt: skip


def make_random_pages(area, seed, count, *, title_words, answer_words):
    """`count` Q&As of WORDS drawn at random, as many in each field as the (low, high) allow."""
    rng = random.Random(seed)  # noqa: S311 - test data, not secrets
    for _ in range(count):
        make_question(
            area,
            title=" ".join(rng.choices(WORDS, k=rng.randint(*title_words))),
            answer=" ".join(rng.choices(WORDS, k=rng.randint(*answer_words))),
        )


@pytest.mark.parametrize("k", [3, 10])
def test_words_with_several_word_synonyms_rank_as_every_page_scored_would(area, k):
    # Many pages hold every word, with any impacts: the pages that may reach the k-th score are
    # more than are scored exactly at once, and are scored best first by their tiers.
    Synonym.objects.create(lay_term="zork", clinical_terms="quax frim")
    Synonym.objects.create(lay_term="blim", clinical_terms="dap tov wug")
    make_random_pages(area, k, 400, title_words=(1, 4), answer_words=(5, 60))
    for query in ("zork", "blim", "zork snib", "blim zork"):
        rows, _ = ranked(prepare(query), k=k)
        expected = scored_from_postings(query)[:k]
        assert [score for _, _, score in rows] == pytest.approx([s for _, s in expected])


@pytest.mark.parametrize("k", [3, 10])
def test_three_or_four_words_rank_the_pages_shown_as_every_page_scored_would(area, k):
    # Few pages, on both sides of a tier chunk: every one is in the pool of a search of three or
    # more words, and the pages scored exactly are those whose estimate can reach the k-th shown.
    # "zork" is also "quax" (a page holding both counts its better), "blim" also "dap tov"
    # (counted with both only); the best pages by far are published tomorrow: their estimates
    # must not set the k-th.
    Synonym.objects.create(lay_term="zork", clinical_terms="quax")
    Synonym.objects.create(lay_term="blim", clinical_terms="dap tov")
    start_pages_before_a_tier_chunk_ends()
    later = timezone.now() + timezone.timedelta(days=1)
    best = "Zork wug snib frim blim. " * 3
    hidden = {
        make_question(area, title=best[:23], question=best, answer=best, published_at=later).pk
        for _ in range(k)
    }
    make_random_pages(area, k, 300, title_words=(1, 3), answer_words=(3, 10))
    shown_by_document = dict(
        fetch(
            "SELECT id, coalesce(question_id <> ALL(%s), true) FROM search_document", [list(hidden)]
        )
    )
    for query in ("zork wug snib", "blim zork frim wug", "quax tov snib frim"):
        rows, _ = ranked(prepare(query), k=k)
        expected = [s for pk, s in scored_from_postings(query) if shown_by_document[pk]][:k]
        assert not hidden & {question_id for question_id, _, _ in rows}
        assert [score for _, _, score in rows] == pytest.approx(expected)


@pytest.mark.parametrize("k", [3, 10])
def test_several_words_some_in_most_pages_rank_as_every_page_scored_would(area, k):
    # "blim", "wug" and "dap" are each in most pages, weigh little and have the longest tiers:
    # one, two or three of a search's concepts in most pages still rank every page as exactly
    # as the rarer words do.
    rng = random.Random(k)  # noqa: S311 - test data, not secrets
    shares = {"blim": 0.7, "wug": 0.6, "dap": 0.65, "zork": 0.2, "snib": 0.2, "frim": 0.2}
    for _ in range(300):
        words = [
            w
            for w, share in shares.items()
            if rng.random() < share
            for _ in range(rng.randint(1, 4))
        ]
        rng.shuffle(words)
        make_question(area, title=" ".join(words[:2]) or "snib", answer=" ".join(words) or "frim")
    for query in ("blim zork snib", "zork snib frim dap", "blim wug zork", "blim wug dap"):
        rows, _ = ranked(prepare(query), k=k)
        expected = scored_from_postings(query)[:k]
        assert [score for _, _, score in rows] == pytest.approx([s for _, s in expected]), query


@pytest.mark.parametrize("k", [3, 10])
def test_a_concepts_light_alternative_still_counts_in_the_scores_of_several_words(area, k):
    # "zork" is also "blim wug", two words in most pages: too light to pick the pages a search of
    # three words scores, but a page holding them and not "zork" still scores them, and ranks so.
    Synonym.objects.create(lay_term="zork", clinical_terms="blim wug")
    rng = random.Random(k)  # noqa: S311 - test data, not secrets
    shares = {"blim": 0.8, "wug": 0.8, "zork": 0.1, "snib": 0.3, "frim": 0.3, "dap": 0.3}
    for _ in range(300):
        words = [w for w, share in shares.items() if rng.random() < share]
        words = [w for w in words for _ in range(rng.randint(1, 4))]
        rng.shuffle(words)
        make_question(area, title=" ".join(words[:2]) or "tov", answer=" ".join(words) or "tov")
    for query in ("zork snib frim", "snib zork frim dap"):
        rows, _ = ranked(prepare(query), k=k)
        expected = scored_from_postings(query)[:k]
        assert [score for _, _, score in rows] == pytest.approx([s for _, s in expected]), query


def test_the_word_in_most_pages_fills_the_ranking_when_the_others_are_in_few(area):
    # "zork" and "snib" are in two pages each: the other eight of the top ten hold "blim" alone,
    # so its tiers count in the estimates however little it weighs.
    rng = random.Random(1)  # noqa: S311 - test data, not secrets
    for n in range(200):
        rare = ["zork", "snib"][n % 2] if n < 4 else ""
        blim = " ".join(["blim"] * rng.randint(1, 4)) if n % 3 else "frim"
        make_question(area, title=f"{rare} wug".strip(), answer=f"{blim} dap")
    rows, _ = ranked(prepare("blim zork snib"), k=10)
    expected = scored_from_postings("blim zork snib")[:10]
    assert [score for _, _, score in rows] == pytest.approx([s for _, s in expected])


@pytest.mark.parametrize("k", [3, 10])
def test_two_single_words_read_as_pairs_of_tiers_rank_as_every_page_scored_would(area, k):
    # Two words of one stem each, in thousands of pages with any impacts: pairs of their tiers
    # are read best first. "blim" is on nearly every page, worth little; a few short pages hold
    # "zork" alone and score more than those holding both: each is in a pair of one block.
    rng = random.Random(k)  # noqa: S311 - test data, not secrets
    now = timezone.now()
    texts = ["Zork zork zork"] * 6
    for n in range(6100):
        words = rng.choices(WORDS[2:], k=rng.randint(20, 80)) + ["blim"]
        if n < 3100:
            words += ["zork"] * rng.choice([1, 1, 2])
        rng.shuffle(words)
        texts.append(" ".join(words))
    Question.objects.bulk_create(
        Question(
            category=area, title=text[:40], slug=f"page-{n}", question=text, answer=text,
            status=Question.Status.PUBLISHED, published_at=now,
        )
        for n, text in enumerate(texts)
    )  # fmt: skip
    rows, total = ranked(prepare("zork blim"), k=k, count_up_to=7000)
    expected = scored_from_postings("zork blim")
    assert [score for _, _, score in rows] == pytest.approx([s for _, s in expected[:k]])
    assert total == len(expected)


def test_a_small_body_area_ranks_and_counts_exactly_however_deep_its_pages_lie(area):
    # The small area's best pages for "zork blim" hold both words, below 1,100 pages of another
    # area holding one of them in both lists; its pages holding "zork" alone stand at the top.
    small = make_category()
    together = "Zork and blim are both on this page, with other words about other things."
    publish_words_alone_and_together(area, ["zork", "blim"], together)
    strong = [
        make_question(small, title="Zork", question="Zork zork.", answer="Zork zork.").pk
        for _ in range(6)
    ]  # fmt: skip
    both = [make_question(small, title="Zork, blim", answer=together).pk for _ in range(5)]
    assert max(list_places("zork", strong)) <= 6
    assert min(list_places("zork", both) + list_places("blim", both)) > 1100
    expected = scored_from_postings("zork blim", [small.pk])
    both_documents = fetch("SELECT id FROM search_document WHERE question_id = ANY(%s)", [both])
    assert {d for d, _ in expected[:5]} == {d for (d,) in both_documents}
    rows, total = ranked(prepare("zork blim"), k=5, categories=[small.pk], count_up_to=100)
    assert [score for _, _, score in rows] == pytest.approx([s for _, s in expected[:5]])
    assert {question_id for question_id, _, _ in rows} == set(both)
    assert total == len(expected) == 11
    # Minus words and phrases are checked on the pages that score.
    rows, total = ranked(prepare("zork -blim"), k=10, categories=[small.pk], count_up_to=100)
    assert ({question_id for question_id, _, _ in rows}, total) == (set(strong), 6)
    rows, total = ranked(prepare('"zork and blim"'), k=10, categories=[small.pk], count_up_to=100)
    assert ({question_id for question_id, _, _ in rows}, total) == (set(both), 5)


def test_a_large_body_area_ranks_two_words_exactly_from_its_own_pages(area):
    # In an area too large to score whole, the best pages for "zork blim" lie below 1,100 of its
    # pages holding one of the words in both lists; another area's pages score higher still.
    elsewhere = make_category()
    together = "Zork and blim are both on this page, with other words about other things."
    together_ids = publish_words_alone_and_together(area, ["zork", "blim"], together)
    for _ in range(10):
        make_question(elsewhere, title="Zork blim", question="Zork, blim.", answer="Zork, blim.")
    rows, total = ranked(prepare("zork blim"), k=5, categories=[area.pk], count_up_to=5000)
    expected = scored_from_postings("zork blim", [area.pk])
    assert [score for _, _, score in rows] == pytest.approx([s for _, s in expected[:5]])
    assert ({question_id for question_id, _, _ in rows}, total) == (together_ids, 2205)


@pytest.mark.parametrize("count_up_to", [100, 200, 5000])
def test_a_mid_size_body_area_counts_exactly_however_few_of_the_matches_it_holds(area, count_up_to):
    # 3,000 pages of another area hold "zork" and come first; the area's 2,100 pages (too many to
    # score whole), 90 of them holding it, come after, with five published for later. The count
    # looks up the first matches, then reads the area's pages (up to 20 times the cap: with a
    # cap of 201, not 101) and intersects them with the matches, or, past that, looks up the rest.
    now, later = timezone.now(), timezone.now().replace(year=2999)
    elsewhere = make_category()
    pages = [(elsewhere, "Zork is on this page.", now)] * 3000
    pages += [(area, "Zork is here too.", now)] * 90 + [(area, "Zork, later.", later)] * 5
    pages += [(area, "Blim is on this page.", now)] * 2005
    Question.objects.bulk_create(
        Question(
            category=category, title=text, slug=f"page-{n}", question=text, answer=text,
            status=Question.Status.PUBLISHED, published_at=published_at,
        )
        for n, (category, text, published_at) in enumerate(pages)
    )  # fmt: skip
    _, total = ranked(prepare("zork"), k=3, categories=[area.pk], count_up_to=count_up_to)
    assert total == 90


def test_a_large_body_area_takes_its_first_k_th_score_from_its_own_pages(area):
    # Another area's pages hold "zork" alone and score more than any page of this one, whose
    # best pages for "zork blim" hold both words, weakly: a first k-th score taken from the
    # other area would leave them out.
    now = timezone.now()
    Question.objects.bulk_create(
        Question(category=area, title="Other things", slug=f"other-{n}", question="Other words.",
                 answer="Other words.",
                 status=Question.Status.PUBLISHED, published_at=now)
        for n in range(2100)
    )  # fmt: skip
    weak = "Zork and blim are on this page, with many other words about many other things."
    both = [make_question(area, title="Other things", answer=weak).pk for _ in range(5)]
    elsewhere = make_category()
    for _ in range(20):
        make_question(elsewhere, title="Zork", question="Zork, zork.", answer="Zork, zork.")
    rows, total = ranked(prepare("zork blim"), k=5, categories=[area.pk], count_up_to=100)
    assert ({question_id for question_id, _, _ in rows}, total) == (set(both), 5)


def test_a_quoted_phrase_ranks_and_counts_exactly_however_deep_its_pages_lie(area):
    # The best pages holding "zork blim" lie below 1,100 pages holding one of the words in both
    # lists; pages holding the phrase once in a long text, with "zork" often, stand at the top.
    together = "Zork blim is on this page, with other words about other things."
    together_ids = publish_words_alone_and_together(area, ["zork", "blim"], together)
    strong_text = "Zork zork. " + "Other words about other things. " * 6 + "Zork blim."
    strong = [
        make_question(area, title="Zork zork", question="Zork zork zork.", answer=strong_text).pk
        for _ in range(6)
    ]
    assert max(list_places("zork", strong)) <= 6
    assert min(list_places("zork", together_ids) + list_places("blim", together_ids)) > 1100
    holding = fetch(
        "SELECT d.id FROM search_document d JOIN archive_question q ON q.id = d.question_id "
        "WHERE q.search_vector @@ %s::tsquery",
        [prepare('"zork blim"').must()],
    )
    expected = [(d, score) for d, score in scored_from_postings("zork blim") if (d,) in holding]
    rows, total = ranked(prepare('"zork blim"'), k=5, count_up_to=100)
    assert [score for _, _, score in rows] == pytest.approx([s for _, s in expected[:5]])
    assert ({question_id for question_id, _, _ in rows}, total) == (together_ids, 11)
    # Narrowed to the body area, a better page holding it in another area is left out.
    other = make_question(make_category(), title="Zork blim", answer="Zork blim.").pk
    assert ranked(prepare('"zork blim"'), k=1)[0][0][0] == other
    rows, total = ranked(prepare('"zork blim"'), k=5, categories=[area.pk], count_up_to=100)
    assert ({question_id for question_id, _, _ in rows}, total) == (together_ids, 11)


def test_two_words_rank_only_what_is_shown_however_well_hidden_pages_score(area):
    # The best pages for "zork blim" are a Q&A published tomorrow and factsheets: a first k-th
    # score taken from them would leave out every page that may be shown.
    later = timezone.now() + timezone.timedelta(days=1)
    for n in range(3):
        make_question(area, title="Zork blim", question="Zork blim.", published_at=later)
        make_factsheet(f"Zork blim {n}", summary="Zork blim, zork blim.")
    # Answers of one length, holding the words 1 to 4 times each: the more, the better.
    shown = [
        make_question(area, title=f"Page {n}", answer="zork blim " * n + "other " * (8 - 2 * n)).pk
        for n in range(1, 5)
    ]
    rows, _ = ranked(prepare("zork blim"), k=3, questions_only=True)
    assert [question_id for question_id, _, _ in rows] == shown[:0:-1]


def test_a_page_holding_one_of_two_words_ranks_by_it_alone(area):
    # "blim" is in few pages, "zork" in many; the best page for "zork blim" holds only "blim".
    for n in range(30):
        make_question(area, answer=f"Zork, among other words about other things {n}.")
    for n in range(3):
        make_question(area, answer=f"Zork and blim, among other words about other things {n}.")
    best = make_question(area, title="Blim", question="Blim, blim.", answer="Blim.").pk
    rows, _ = ranked(prepare("zork blim"), k=3)
    assert rows[0][0] == best


def test_the_count_is_true_up_to_its_cap_and_says_more_beyond(area):
    for n in range(12):
        make_question(area, answer="Zork." if n % 2 else "Blim.")
    assert ranked(prepare("zork"), k=3, count_up_to=100)[1] == 6
    assert ranked(prepare("zork blim"), k=3, count_up_to=100)[1] == 12
    assert ranked(prepare("zork"), k=3, count_up_to=4)[1] == 5
    assert ranked(prepare("zork blim"), k=3, count_up_to=4)[1] == 5
    assert ranked(prepare("zork -blim"), k=3, count_up_to=100)[1] == 6
    assert ranked(prepare("zork"), k=3, categories=[make_category().pk], count_up_to=9) == ([], 0)


def test_a_several_word_synonym_counts_only_pages_holding_all_of_an_alternative(area):
    # "zork blim" is one concept whose alternatives need both their words. Each word alone is on
    # more pages than the count's cap and than the lists are first read (in longer texts, so
    # lower in them), both on five.
    Synonym.objects.create(lay_term="zork blim", clinical_terms="quax frim")
    now = timezone.now()
    alone = "{} is on this page with other words about other things."
    texts = ["Zork blim."] * 5 + [alone.format("Zork")] * 1100 + [alone.format("Blim")] * 1100
    Question.objects.bulk_create(
        Question(
            category=area, title=text, slug=f"page-{n}", question=text, answer=text,
            status=Question.Status.PUBLISHED, published_at=now,
        )
        for n, text in enumerate(texts)
    )  # fmt: skip
    rows, total = ranked(prepare("zork blim"), k=3, count_up_to=100)
    assert (len(rows), total) == (3, 5)
    assert ranked(prepare("quax frim"), k=3, count_up_to=100) == ranked(
        prepare("zork blim"), k=3, count_up_to=100
    )


def publish_pages(area, texts, *, published_at=None):
    """A Q&A for each of `texts` (its answer), published at once or at `published_at`."""
    start = Question.objects.count()
    Question.objects.bulk_create(
        Question(
            category=area, title=f"Page {start + n}", slug=f"page-{start + n}",
            question="Other things?", answer=text, status=Question.Status.PUBLISHED,
            published_at=published_at or timezone.now(),
        )
        for n, text in enumerate(texts)
    )  # fmt: skip


@pytest.mark.parametrize("k", [3, 10])
def test_a_synonym_of_words_on_every_page_ranks_as_every_page_scored_would(area, k):
    # "zork" is also "quax frim", and every page holds both, as nearly every page of the archive
    # holds "back pain": the stems weigh next to nothing and their tiers' worths lie close
    # together, so that the synonym's tiers make blocks far narrower than a rarer one's.
    Synonym.objects.create(lay_term="zork", clinical_terms="quax frim")
    rng = random.Random(k)  # noqa: S311 - test data, not secrets
    publish_pages(
        area,
        [
            "Quax frim. " * rng.randint(1, 4) + "Other words about things. " * rng.randint(0, 9)
            for _ in range(1200)
        ],
    )
    rows, total = ranked(prepare("zork"), k=k, count_up_to=100)
    expected = scored_from_postings("zork")[:k]
    assert [score for _, _, score in rows] == pytest.approx([s for _, s in expected])
    assert total == 101


def test_a_several_word_synonym_counts_more_than_the_cap_only_from_pages_shown(area):
    # Its tiers hold 110 pages, 20 of them to be published tomorrow: 90 show, fewer than the cap.
    Synonym.objects.create(lay_term="zork", clinical_terms="quax frim")
    publish_pages(area, ["Quax frim."] * 90)
    publish_pages(area, ["Quax frim."] * 20, published_at=timezone.now() + timedelta(days=1))
    assert ranked(prepare("zork"), k=3, count_up_to=100)[1] == 90
    publish_pages(area, ["Quax frim."] * 20)
    assert ranked(prepare("zork"), k=3, count_up_to=100)[1] == 101


def test_factsheets_are_ranked_with_the_qas(area):
    make_question(area, answer="Zork once, in a long answer about other things entirely.")
    factsheet = make_factsheet("Zork", summary="Zork, zork.")
    rows, total = ranked(prepare("zork"), k=10, count_up_to=10)
    assert (rows[0][1], total) == (factsheet.pk, 2)
    assert ranked(prepare("zork"), k=10, questions_only=True)[0][0][1] is None


def test_a_pages_row_of_stems_follows_postings_removed_a_stem_at_a_time(area):
    for n in range(3):
        make_question(area, title=f"Zork {n}", answer=" ".join(WORDS[: n + 2]))
    with connection.cursor() as cursor:
        cursor.execute(
            "DELETE FROM search_posting WHERE term_id IN "
            "(SELECT id FROM search_term WHERE lexeme IN ('blim', 'quax'))"
        )
        assert document_terms() == document_terms_from_postings()
        cursor.execute(
            "INSERT INTO search_posting SELECT t.id, d.id, 0.5 FROM search_term AS t, "
            "search_document AS d WHERE t.lexeme = 'blim'"
        )
    assert document_terms() == document_terms_from_postings()
