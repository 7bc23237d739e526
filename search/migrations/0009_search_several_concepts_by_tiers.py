"""Searches of three or more concepts pick the pages to score exactly by their tiers.

Before, such a search scored exactly the pages with the best impacts summed over what it read
at the top of each list (migration 0005). A page of the true top ten usually holds every word
with middling impacts, in none of the lists' tops, and 59% of them were missed at 100,000
Q&As (recall@10 0.41 for four words).

Now the pool of pages considered is wider and better aimed: each concept's upper pages (per
alternative, the pages in the best tiers of all its stems, a concept's stems sharing about
6,500 pages); the pages in the upper pages of at least two concepts (intarray intersections),
and the top 200 of each concept's lists, for pages that one word alone carries. Each pooled
page's score is estimated from the tiers it is in (per stem, its tier's middle; an alternative
of several stems counts only with all of them), and the k + 90 best estimates are scored
exactly. Still not a proof of the top k, but on the benchmark's four-word searches at 100,000
Q&As it finds nine in ten of the exact top ten.

search_exact_scores() now scores alternatives of several stems too, as this search needs; the
two-concept search (migration 0008) calls it the same way. Searches with a body area, a
phrase, minus words, or Q&As only, and two concepts with an alternative of several stems,
are ranked as before.

Each change is an exact replacement in migration 0008's function, checked to apply.
"""

import importlib

from django.db import migrations

READS_LESS = importlib.import_module("search.migrations.0005_search_top_reads_less")
TIERS = importlib.import_module("search.migrations.0007_search_tiers")
PAIRS = importlib.import_module("search.migrations.0008_search_pairs_read_less")

# A concept's upper pages: per alternative, the pages in the best tiers of all its stems, each
# stem's tiers read down to about this many pages shared among the concept's stems.
UPPER_PAGES = 6500
# How deep each concept's lists are read (shared among its stems) for pages one word carries.
TOP_PAGES = 200
# How many pages beyond k are scored exactly, best estimate first.
RESCORED = 90

INTERSECTION = """
-- The intersection of sorted int arrays (intarray's `&` over rows).
CREATE AGGREGATE search_intersection(int[]) (SFUNC = _int_inter, STYPE = int[]);
"""

EXACT_SCORES = """
-- The exact scores of pages `ids` shown now (Q&As only, if asked): per concept its best
-- alternative that the page holds whole (its stems' weight x impact, summed), summed. Each
-- impact is looked up by index, however long the lists (a join would read them whole).
CREATE FUNCTION search_exact_scores(
    ids int[], terms int[], weights float8[], concepts int[], alternatives int[], sizes int[],
    questions_only boolean
) RETURNS TABLE (id int, score float8) LANGUAGE sql STABLE AS $$
    SELECT id, sum(best) FROM (
        SELECT id, concept, max(score) AS best FROM (
            SELECT id, concept, sum(weight * impact) AS score FROM (
                SELECT d.id, q.concept, q.alternative, q.size, q.weight,
                       (SELECT p.impact FROM search_posting AS p
                        WHERE p.term_id = q.term_id AND p.document_id = d.id) AS impact
                FROM search_document AS d
                CROSS JOIN unnest(terms, weights, concepts, alternatives, sizes)
                    AS q(term_id, weight, concept, alternative, size)
                WHERE d.id = ANY(ids) AND d.published_at <= statement_timestamp()
                  AND (NOT questions_only OR d.question_id IS NOT NULL)
            ) AS per_stem GROUP BY id, concept, alternative, size HAVING count(impact) = size
        ) AS per_alternative GROUP BY id, concept
    ) AS per_concept GROUP BY id HAVING sum(best) > 0
$$;
"""

SEVERAL_BRANCH = """    ELSIF several THEN
        -- Three or more concepts: pages estimated from their tiers, the best scored exactly
        -- (see migration 0009).
        candidates := ARRAY(
            WITH stems AS (
                SELECT q.concept, q.alternative, q.term_id, q.share, s.documents,
                       sum(cardinality(s.documents)) OVER (
                           PARTITION BY q.concept, q.alternative, q.term_id ORDER BY s.tier DESC, s.chunk
                       ) AS reached
                FROM search_tier AS s JOIN (
                    SELECT *, {upper_pages} / count(*) OVER (PARTITION BY concept) AS share
                    FROM unnest(terms, term_concepts, term_alternatives) AS q(term_id, concept, alternative)
                ) AS q USING (term_id)
            ), upper AS (
                SELECT concept, search_union(ids) AS ids FROM (
                    SELECT concept, alternative, search_intersection(ids) AS ids FROM (
                        SELECT concept, alternative, term_id, search_union(documents) AS ids FROM stems
                        WHERE reached - cardinality(documents) < share GROUP BY 1, 2, 3
                    ) AS per_stem GROUP BY 1, 2
                ) AS per_alternative GROUP BY 1
            ), chosen AS (
                SELECT search_union(a.ids & b.ids) AS ids FROM upper AS a JOIN upper AS b ON a.concept < b.concept
                UNION ALL
                SELECT sort(array_agg(l.document_id)) FROM unnest(terms, term_concepts) AS t(term_id, concept),
                LATERAL (SELECT p.document_id FROM search_posting AS p WHERE p.term_id = t.term_id
                         ORDER BY p.impact DESC
                         LIMIT ceil({top_pages}::float8 / cardinality(array_positions(term_concepts, t.concept)))) AS l
            ), pool AS (
                SELECT d >> 16 AS chunk, uniq(sort(array_agg(d))) AS ids FROM chosen, unnest(chosen.ids) AS d
                GROUP BY 1
            ), per_alternative AS (
                SELECT u.document_id, q.concept, sum(q.weight * (s.tier + 0.5::float8)) AS worth
                FROM search_tier AS s
                JOIN unnest(terms, weights, term_concepts, term_alternatives, sizes)
                    AS q(term_id, weight, concept, alternative, size) USING (term_id)
                JOIN pool USING (chunk),
                LATERAL unnest(s.documents & pool.ids) AS u(document_id)
                GROUP BY u.document_id, q.concept, q.alternative, q.size HAVING count(*) = q.size
            )
            SELECT document_id FROM (
                SELECT document_id, concept, max(worth) AS worth FROM per_alternative GROUP BY 1, 2
            ) AS per_concept GROUP BY 1 ORDER BY sum(worth) DESC LIMIT k + {rescored});
        SELECT array_agg(id ORDER BY score DESC, id DESC), array_agg(score ORDER BY score DESC, id DESC)
        INTO ranked, scores FROM (
            SELECT id, score FROM search_exact_scores(
                candidates, terms, weights, term_concepts, term_alternatives, sizes, questions_only)
            ORDER BY score DESC, id DESC LIMIT k) AS best;
    ELSE
        depth := greatest(2 * k, {{depth}});
"""

RANKING_CHANGES = [
    ("    walked int;\n", "    walked int;\n    several boolean;\n"),
    (
        "    IF single THEN\n",
        """    several := NOT filtered AND (SELECT count(DISTINCT c) >= 3 FROM unnest(term_concepts) AS u(c));
    IF single THEN
""",
    ),
    (
        "search_exact_scores(candidates, terms, weights, term_concepts, questions_only)",
        """search_exact_scores(
                candidates, terms, weights, term_concepts, term_alternatives, sizes, questions_only)""",
    ),
    (
        "    ELSE\n        depth := greatest(2 * k, {depth});\n",
        SEVERAL_BRANCH.format(upper_pages=UPPER_PAGES, top_pages=TOP_PAGES, rescored=RESCORED),
    ),
]


def create_search_top(apps, schema_editor):
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(INTERSECTION)
        cursor.execute("DROP FUNCTION search_exact_scores")
        cursor.execute(EXACT_SCORES)
        cursor.execute(PAIRS.ranking(RANKING_CHANGES))


def restore_search_top(apps, schema_editor):
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("DROP FUNCTION search_exact_scores")
        cursor.execute(READS_LESS.created(TIERS.TIERS, "search_exact_scores"))
        cursor.execute(PAIRS.ranking())
        cursor.execute("DROP AGGREGATE search_intersection(int[])")


class Migration(migrations.Migration):
    dependencies = [("search", "0008_search_pairs_read_less")]

    operations = [migrations.RunPython(create_search_top, restore_search_top)]
