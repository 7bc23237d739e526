"""search_top() reads only as much of the postings as the query needs.

- One concept whose alternatives are single stems (one word and its one-word synonyms, or words
  joined by `or`): a page's score is its best alternative's idf x impact, so the best pages are
  at the top of the lists themselves. They are read a little deeper than k and the top k is
  proven exact by the lists' last impacts read, or read four times deeper.
- Several concepts: as before (migration 0002), but candidates are picked by a plainer first
  score (the impacts seen, summed), and more of them are scored exactly.
- In both, candidates are taken best first and each page's filters (visible yet, body area,
  Q&As only, phrases, minus words) are looked up only until enough pages pass.
"""

import importlib

from django.db import migrations

# Single-concept queries: how deep each list is read at first (more when filters may drop pages).
FIRST_DEPTH, FILTERED_DEPTH = 50, 1000
# Several concepts: how many candidates beyond the k asked for are scored exactly.
RESCORED = 300
BM25F_INDEX = importlib.import_module("search.migrations.0002_bm25f_index")
# Whether the candidate `best` is shown now under the search's filters: a subquery per
# candidate, not a join, so that it runs only until the LIMIT has its rows.
SHOWN = """(
                    SELECT d.published_at <= statement_timestamp()
                       AND (NOT filtered OR search_admits(d.question_id, d.factsheet_id,
                                d.category_id, categories, questions_only, must))
                    FROM search_document AS d WHERE d.id = best.document_id)"""

RANKING = """
-- The k best pages for a query, and (when count_up_to > 0) how many pages match it, counted
-- up to count_up_to + 1.
--
-- The query is a list of concepts, each a list of alternatives (a word and its synonyms, or
-- words joined by `or`), each a list of English stems that must all be in a page for the
-- alternative to count (a synonym of several words). A page's score is the sum over concepts
-- of its best alternative's sum of idf(stem) x impact(stem, page): plain BM25F when every
-- concept is one word.
--
-- One concept of one-stem alternatives: the top k of the merged lists (each page at its best
-- alternative), read `depth` deep. Exact when the k-th score is at least the best score a page
-- not yet read could have (the largest idf x last impact read); otherwise read deeper.
--
-- Several concepts: candidates come from the top of each stem's impact-ordered list (`depth`
-- postings, by index only): the impacts seen there give a page a first score, and the
-- `rescored` best by that score are scored exactly (their impact for every stem, by index) and
-- ranked. A page of the true top k with only middling impacts for each word can be missed, the
-- more so the more words and the longer the lists: `make bench` measures how often (recall@10
-- against exact BM25F, docs/benchmarks.md). While filters (body area, phrases, minus words)
-- leave fewer than k candidates, the lists are read four times deeper, to their end if need be.
CREATE OR REPLACE FUNCTION search_top(
    lexemes text[], concepts int[], alternatives int[], k int,
    categories bigint[] DEFAULT NULL, questions_only boolean DEFAULT false,
    must tsquery DEFAULT NULL, count_up_to int DEFAULT 0
) RETURNS TABLE (document_id int, question_id bigint, factsheet_id bigint, score float8, total int)
LANGUAGE plpgsql STABLE AS $$
#variable_conflict use_column
DECLARE
    terms int[];
    weights float8[];
    term_concepts int[];
    term_alternatives int[];
    sizes int[];
    lists int[];
    filtered boolean := categories IS NOT NULL OR questions_only OR must IS NOT NULL;
    single boolean;
    depth int;
    rescored int := k + {rescored};
    ranked int[];
    scores float8[];
    seen int;
    bound float8;
    exhausted boolean;
    complete boolean := false;
    counted int;
BEGIN
    -- Stems the index knows, weighed by idf; alternatives with an unknown stem can never count.
    SELECT array_agg(t.id ORDER BY q.n),
           array_agg(ln(1 + (c.documents - t.documents + 0.5) / (t.documents + 0.5)) ORDER BY q.n),
           array_agg(q.concept ORDER BY q.n), array_agg(q.alternative ORDER BY q.n),
           array_agg(q.size ORDER BY q.n)
    INTO terms, weights, term_concepts, term_alternatives, sizes
    FROM (SELECT *, count(*) OVER (PARTITION BY concept, alternative) AS size
          FROM unnest(lexemes, concepts, alternatives) WITH ORDINALITY AS q(lexeme, concept, alternative, n)) AS q
    JOIN search_term AS t ON t.lexeme = q.lexeme CROSS JOIN search_corpus AS c
    WHERE t.documents > 0;
    IF terms IS NULL THEN
        RETURN;
    END IF;
    lists := ARRAY(SELECT DISTINCT unnest(terms));
    single := (SELECT count(DISTINCT c) = 1 AND max(s) = 1 FROM unnest(term_concepts, sizes) AS u(c, s));
    IF single THEN
        -- Body areas, phrases and minus words may leave out most pages; Q&As only, few.
        depth := greatest(2 * k, CASE WHEN categories IS NOT NULL OR must IS NOT NULL
                                      THEN {filtered_depth} ELSE {first_depth} END);
        LOOP
            SELECT array_agg(id ORDER BY score DESC, id DESC), array_agg(score ORDER BY score DESC, id DESC)
            INTO ranked, scores FROM (
                SELECT best.document_id AS id, best.score FROM (
                    SELECT p.document_id, max(q.weight * p.impact) AS score
                    FROM unnest(terms, weights) AS q(term_id, weight),
                    LATERAL (SELECT p.document_id, p.impact FROM search_posting AS p
                             WHERE p.term_id = q.term_id ORDER BY p.impact DESC LIMIT depth) AS p
                    GROUP BY p.document_id ORDER BY score DESC, p.document_id DESC
                    -- Sorted before the filters, which OFFSET 0 keeps from being pushed down.
                    OFFSET 0
                ) AS best
                WHERE {shown}
                LIMIT k
            ) AS top;
            -- The best score a page not read yet can have: 0 once every list is read to its end.
            SELECT coalesce(max(q.weight * (
                SELECT p.impact FROM search_posting AS p WHERE p.term_id = q.term_id
                ORDER BY p.impact DESC OFFSET depth - 1 LIMIT 1)), 0)
            INTO bound FROM unnest(terms, weights) AS q(term_id, weight);
            EXIT WHEN bound = 0 OR cardinality(scores) = k AND scores[k] >= bound;
            depth := depth * 4;
        END LOOP;
    ELSE
        depth := greatest(2 * k, {depth});
        LOOP
            WITH q AS (
                SELECT * FROM unnest(terms, weights, term_concepts, term_alternatives, sizes)
                    AS q(term_id, weight, concept, alternative, size)
            ), top AS (
                SELECT l.term_id, p.document_id, p.impact FROM unnest(lists) AS l(term_id),
                LATERAL (SELECT p.document_id, p.impact FROM search_posting AS p
                         WHERE p.term_id = l.term_id ORDER BY p.impact DESC LIMIT depth) AS p
            ), floor AS (
                SELECT term_id, CASE WHEN count(*) < depth THEN 0 ELSE min(impact) END AS impact
                FROM top GROUP BY term_id
            ), first AS (
                -- A first score, only to pick the candidates: the impacts seen, summed (a page
                -- seen for two alternatives of a concept counts both).
                SELECT top.document_id, sum(q.weight * top.impact) AS score
                FROM top JOIN q USING (term_id) GROUP BY top.document_id
            ), candidate AS (
                SELECT best.document_id AS id FROM (
                    SELECT document_id, score FROM first ORDER BY score DESC OFFSET 0
                ) AS best
                WHERE {shown}
                LIMIT rescored
            ), part AS (
                SELECT c.id, q.concept, sum(q.weight * p.impact) AS score
                FROM candidate AS c CROSS JOIN q
                JOIN search_posting AS p ON p.term_id = q.term_id AND p.document_id = c.id
                GROUP BY c.id, q.concept, q.alternative, q.size HAVING count(*) = q.size
            ), scored AS (
                SELECT id, sum(score) AS score
                FROM (SELECT id, concept, max(score) AS score FROM part GROUP BY 1, 2) AS per_concept
                GROUP BY id
            ), best AS (
                SELECT id, score FROM scored ORDER BY score DESC, id DESC LIMIT k
            )
            SELECT (SELECT array_agg(id ORDER BY score DESC, id DESC) FROM best),
                   (SELECT array_agg(score ORDER BY score DESC, id DESC) FROM best),
                   (SELECT count(*) FROM scored),
                   (SELECT coalesce(sum(score), 0) FROM (
                        SELECT max(score) AS score FROM (
                            SELECT q.concept,
                                   CASE WHEN min(f.impact) = 0 THEN 0 ELSE sum(q.weight * f.impact) END AS score
                            FROM q JOIN floor AS f USING (term_id) GROUP BY q.concept, q.alternative
                        ) AS per_alternative GROUP BY concept) AS per_concept),
                   (SELECT bool_and(impact = 0) FROM floor)
            INTO ranked, scores, seen, bound, exhausted;
            EXIT WHEN exhausted OR seen >= k OR bound = 0;
            depth := depth * 4;
            rescored := rescored * 4;
        END LOOP;
        -- Every page that can score was seen, and scored.
        complete := (exhausted OR bound = 0) AND seen < rescored;
    END IF;
    IF count_up_to <= 0 THEN
        counted := NULL;
    ELSIF complete THEN
        counted := least(seen, count_up_to + 1);
    ELSIF NOT filtered AND (SELECT max(documents) FROM search_term WHERE id = ANY(lists))
          - (SELECT count(*) FROM search_document WHERE published_at > statement_timestamp())
          > count_up_to THEN
        -- One stem alone is in more visible pages than are counted.
        counted := count_up_to + 1;
    ELSE
        -- Pages holding every stem of some alternative of some concept, from the postings (by
        -- index only: each list here is short, or the filters cut it down page by page).
        SELECT count(*) INTO counted FROM (
            SELECT 1 FROM (
                SELECT DISTINCT p.document_id FROM (
                    SELECT p.document_id, q.concept, q.alternative, q.size
                    FROM unnest(terms, term_concepts, term_alternatives, sizes)
                        AS q(term_id, concept, alternative, size)
                    JOIN search_posting AS p USING (term_id)
                ) AS p GROUP BY p.document_id, p.concept, p.alternative, p.size
                HAVING count(*) = p.size
            ) AS match
            JOIN search_document AS d ON d.id = match.document_id
            WHERE d.published_at <= statement_timestamp()
              AND (NOT filtered OR search_admits(d.question_id, d.factsheet_id, d.category_id,
                                                 categories, questions_only, must))
            LIMIT count_up_to + 1) AS counted;
    END IF;
    RETURN QUERY
        SELECT r.id, d.question_id, d.factsheet_id, r.score, counted
        FROM unnest(ranked, scores) WITH ORDINALITY AS r(id, score, n)
        JOIN search_document AS d ON d.id = r.id ORDER BY r.n;
END
$$;
"""


def formatted(ranking, **numbers):
    """`ranking` (RANKING, or a later migration's change of it) with this migration's numbers,
    and any `numbers` a later change adds."""
    return ranking.format(
        depth=BM25F_INDEX.TOP_DEPTH,
        rescored=RESCORED,
        first_depth=FIRST_DEPTH,
        filtered_depth=FILTERED_DEPTH,
        shown=SHOWN,
        **numbers,
    )


def changed(text, changes):
    """`text` with each (old, new) of `changes` made, each old found exactly once: a later
    migration's exact replacements in a function this one (or an earlier one) wrote."""
    for old, new in changes:
        if text.count(old) != 1:
            raise ValueError(f"No single {old[:60]!r} to change")
        text = text.replace(old, new)
    return text


def created(sql, name):
    """The `CREATE FUNCTION name(...` statement of `sql` (a migration's text creating several),
    for a later migration to restate or restore one of them."""
    start = sql.index(f"CREATE FUNCTION {name}(")
    return sql[start : sql.index("$$;", start) + len("$$;")]


def create_search_top(apps, schema_editor):
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(formatted(RANKING))


def restore_search_top(apps, schema_editor):
    ranking = BM25F_INDEX.RANKING.format(depth=BM25F_INDEX.TOP_DEPTH, rescored=BM25F_INDEX.RESCORED)
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("DROP FUNCTION search_top")
        cursor.execute(created(ranking, "search_top"))


class Migration(migrations.Migration):
    dependencies = [("search", "0004_synonyms_move_content_version")]

    operations = [migrations.RunPython(create_search_top, restore_search_top)]
