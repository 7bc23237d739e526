"""A search of three or more concepts estimates its pooled pages in one pass, and scores exactly
only those whose estimate can reach the k-th. Rankings are unchanged.

Migration 0009's path: a pool of pages (those in the upper pages of two concepts, and the top
of each concept's lists), each pooled page's score estimated from the tiers it is in, and the
k + 90 best estimates scored exactly. The pool was split into rows and grouped again by chunk,
and the estimate was grouped twice (per page and concept, then per page) over every tier row.

Now:
- The pool is one sorted array (intarray unions), intersected with every tier of the query's
  stems, without a row per pooled page.
- A page's worth for a concept needs no grouping when the concept is one stem (the page is in
  one of its tiers) or several one-stem alternatives: their tiers are taken best first, each
  without the pages of those before (a running union), so a page keeps its best alternative.
  Only a concept with an alternative of several stems is grouped, as before. One grouping per
  page then sums its concepts.
- An estimate (per stem, its tier's middle) is within half the stem's weight of ten times the
  score's share. So among the k + 90 best estimates (pages shown now), one lower than the k-th
  best by more than the query's spread (per concept, its widest alternative's weights, summed)
  cannot reach the k-th score, and is not scored.
- search_exact_scores() looks each impact up once (a join), not twice (the same subquery in
  both a sum and a count).

Measured against migration 0016, alternately, on make bench's 100 four-word searches
(PostgreSQL 15, 100,000 Q&As, medians of 3): p50 28.3 to 21.9 ms, p95 50.9 to 38.8 ms, with
the same top ten and count for every one (recall@10 against every page scored: 0.929 both).
Two words (the exact scores only): p50 6.1 to 6.0 ms, p95 11.5 to 10.9 ms, the same results.
"""

import importlib

from django.db import migrations

SIXTEEN = importlib.import_module("search.migrations.0016_search_counts_a_body_area_from_its_pages")
SEVERAL = importlib.import_module("search.migrations.0009_search_several_concepts_by_tiers")
READS_LESS = SIXTEEN.READS_LESS
PAIRS = SIXTEEN.PAIRS


def previous():
    """Migration 0016's search_top before its numbers are filled in."""
    return READS_LESS.changed(SIXTEEN.previous(), SIXTEEN.RANKING_CHANGES)


def candidates():
    """Migration 0009's pick of the pages to score exactly, as 0016 has it."""
    text = previous()
    start = text.index("        candidates := ARRAY(\n            WITH stems AS (")
    last = f"LIMIT k + {SEVERAL.RESCORED});\n"
    return text[start : text.index(last, start) + len(last)]


# The query's stems, each with how many its concept has and its concept's longest alternative.
STEMS = """\
            WITH q AS (
                SELECT *, count(*) OVER (PARTITION BY concept) AS stems,
                       max(size) OVER (PARTITION BY concept) AS longest
                FROM unnest(terms, weights, term_concepts, term_alternatives, sizes)
                    AS q(term_id, weight, concept, alternative, size)
            ), stems AS (
"""

# From the pool on (migration 0009's `chosen`, `pool` and estimates), rewritten.
ESTIMATES = """\
            ), pool AS (
                SELECT search_union(ids) AS ids FROM (
                    SELECT a.ids & b.ids AS ids FROM upper AS a JOIN upper AS b ON a.concept < b.concept
                    UNION ALL
                    SELECT sort(array_agg(l.document_id)) FROM q,
                    LATERAL (SELECT p.document_id FROM search_posting AS p WHERE p.term_id = q.term_id
                             ORDER BY p.impact DESC LIMIT ceil({top_pages}::float8 / q.stems)) AS l
                ) AS chosen
            ), tiers AS (
                SELECT q.concept, q.alternative, q.size, q.stems, q.longest,
                       q.weight * (s.tier + 0.5::float8) AS worth, s.documents & pool.ids AS ids
                FROM search_tier AS s JOIN q USING (term_id) CROSS JOIN pool
            ), worths AS (
                -- A page's worth per concept: in one tier of a one-stem concept; at the best of
                -- several one-stem alternatives, their tiers taken best first, each without the
                -- pages of those before; grouped where an alternative has several stems.
                SELECT u.document_id, t.worth FROM tiers AS t, unnest(t.ids) AS u(document_id)
                WHERE t.stems = 1
                UNION ALL
                SELECT u.document_id, d.worth FROM (
                    SELECT worth, ids - coalesce(search_union(ids) OVER (
                               PARTITION BY concept ORDER BY worth DESC
                               ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), ARRAY[]::int[]) AS ids
                    FROM tiers WHERE stems > 1 AND longest = 1
                ) AS d, unnest(d.ids) AS u(document_id)
                UNION ALL
                SELECT document_id, max(worth) FROM (
                    SELECT u.document_id, t.concept, sum(t.worth) AS worth
                    FROM tiers AS t, unnest(t.ids) AS u(document_id) WHERE t.longest > 1
                    GROUP BY u.document_id, t.concept, t.alternative, t.size HAVING count(*) = t.size
                ) AS per_alternative GROUP BY document_id, concept
            ), best AS (
                SELECT w.document_id, w.worth FROM (
                    SELECT document_id, sum(worth) AS worth FROM worths
                    GROUP BY 1 ORDER BY 2 DESC LIMIT k + {rescored}
                ) AS w JOIN search_document AS d ON d.id = w.document_id
                WHERE d.published_at <= statement_timestamp()
            )
            -- Per concept, an estimate is within half its alternative's weights of ten times the
            -- score: one below the k-th best by the widest alternatives' weights, summed, cannot
            -- reach the k-th score (a margin for rounding: tiers are taken from real impacts).
            SELECT document_id FROM best
            WHERE worth >= (SELECT min(worth) FROM (SELECT worth FROM best ORDER BY worth DESC LIMIT k) AS top)
                           - (SELECT sum(spread) FROM (
                                  SELECT concept, max(spread) AS spread FROM (
                                      SELECT concept, sum(weight) AS spread FROM q GROUP BY concept, alternative
                                  ) AS per_alternative GROUP BY concept
                              ) AS per_concept) * (1 + 1e-5)
            ORDER BY worth DESC);
"""  # noqa: S608 - numbers of migration 0009


def candidates_changed():
    """The pick of the pages to score exactly, as this migration makes it."""
    old = candidates()
    estimates = ESTIMATES.format(top_pages=SEVERAL.TOP_PAGES, rescored=SEVERAL.RESCORED)
    return READS_LESS.changed(
        old,
        [
            ("            WITH stems AS (\n", STEMS),
            (old[old.index("            ), chosen AS (\n") :], estimates),
        ],
    )


RANKING_CHANGES = [(candidates(), candidates_changed())]

EXACT_SCORES = """
CREATE OR REPLACE FUNCTION search_exact_scores(
    ids int[], terms int[], weights float8[], concepts int[], alternatives int[], sizes int[],
    questions_only boolean
) RETURNS TABLE (id int, score float8) LANGUAGE sql STABLE AS $$
    SELECT id, sum(best) FROM (
        SELECT id, concept, max(score) AS best FROM (
            SELECT d.id, q.concept, sum(q.weight * p.impact) AS score
            FROM search_document AS d
            CROSS JOIN unnest(terms, weights, concepts, alternatives, sizes)
                AS q(term_id, weight, concept, alternative, size)
            JOIN search_posting AS p ON p.term_id = q.term_id AND p.document_id = d.id
            WHERE d.id = ANY(ids) AND d.published_at <= statement_timestamp()
              AND (NOT questions_only OR d.question_id IS NOT NULL)
            GROUP BY d.id, q.concept, q.alternative, q.size HAVING count(*) = q.size
        ) AS per_alternative GROUP BY id, concept
    ) AS per_concept GROUP BY id HAVING sum(best) > 0
$$;
"""


def previous_changes():
    return [*SIXTEEN.previous_changes(), *SIXTEEN.RANKING_CHANGES]


def create_search_top(apps, schema_editor):
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(EXACT_SCORES)
        cursor.execute(PAIRS.ranking([*previous_changes(), *RANKING_CHANGES]))


def restore_search_top(apps, schema_editor):
    exact_scores = READS_LESS.created(SEVERAL.EXACT_SCORES, "search_exact_scores")
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(exact_scores.replace("CREATE FUNCTION", "CREATE OR REPLACE FUNCTION", 1))
        cursor.execute(PAIRS.ranking(previous_changes()))


class Migration(migrations.Migration):
    dependencies = [("search", "0016_search_counts_a_body_area_from_its_pages")]

    operations = [migrations.RunPython(create_search_top, restore_search_top)]
