"""Queries of two concepts rank exactly: each stem's pages kept by impact tier, as sorted int arrays.

The top of each list alone cannot prove a two-word top k: the best pages for "diabetes knee"
often hold both words with middling impacts, a thousand or more places down either list. A
page's score is at most, per concept, the largest idf x (top of its tier) among the concept's
alternatives, summed. So once a k-th score is known (from the pages at the top of the lists,
scored exactly), the pages that can still reach it are those in pairs of tiers high enough
together: a few dozen at 100,000 Q&As. search_tier holds each stem's pages per tier (impact to
one decimal, rounded down) as one sorted int[], so that search_top finds those pages with
intarray's set operations (intersection and union in C over the arrays), and scores only them.

Kept by statement-level triggers on search_posting, in the same transaction as every write;
search_rebuild() builds it once at the end instead.

Two concepts whose alternatives are single stems (two words, each maybe with one-word synonyms
or `or`), with no body area, phrase or minus word, take this path. Other several-concept
queries are ranked as before (migration 0005).
"""

import importlib

from django.contrib.postgres.operations import CreateExtension
from django.db import migrations

BM25F_INDEX = importlib.import_module("search.migrations.0002_bm25f_index")
READS_LESS = importlib.import_module("search.migrations.0005_search_top_reads_less")
KNOWN_ALTERNATIVES = importlib.import_module("search.migrations.0006_search_top_known_alternatives")

# How deep each list is read for the first k-th score, which decides how many pages the
# tiers leave to score exactly.
FIRST_DEPTH = 150

FILL_TIERS = """INSERT INTO search_tier (term_id, tier, chunk, documents)
    SELECT term_id, search_tier_of(impact), document_id >> 16, sort(array_agg(document_id))
    FROM search_posting GROUP BY 1, 2, 3;"""

TIERS = """
-- An impact's tier: impacts run from 0 to k1 + 1, so tiers from 0 to 22.
CREATE FUNCTION search_tier_of(impact real) RETURNS smallint
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT floor(impact * 10)::smallint $$;

-- The highest impact a tier holds.
CREATE FUNCTION search_tier_top(tier smallint) RETURNS float8
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT (tier + 1) / 10.0::float8 $$;

-- The union of sorted int arrays (intarray's `|` over rows).
CREATE AGGREGATE search_union(int[]) (SFUNC = _int_union, STYPE = int[], INITCOND = '{}');

-- The exact scores of pages `ids` shown now (Q&As only, if asked) for concepts of one-stem
-- alternatives: per concept its best alternative's weight x impact, summed. Each impact is
-- looked up by index, however long the lists (a join would read them whole).
CREATE FUNCTION search_exact_scores(
    ids int[], terms int[], weights float8[], concepts int[], questions_only boolean
) RETURNS TABLE (id int, score float8) LANGUAGE sql STABLE AS $$
    SELECT id, sum(best) FROM (
        SELECT d.id, max(q.weight * (SELECT p.impact FROM search_posting AS p
                                     WHERE p.term_id = q.term_id AND p.document_id = d.id)) AS best
        FROM search_document AS d CROSS JOIN unnest(terms, weights, concepts) AS q(term_id, weight, concept)
        WHERE d.id = ANY(ids) AND d.published_at <= statement_timestamp()
          AND (NOT questions_only OR d.question_id IS NOT NULL)
        GROUP BY d.id, q.concept
    ) AS per_concept GROUP BY id HAVING sum(best) > 0
$$;

-- Split by page id into chunks of 65,536 ids, so that indexing a page rewrites arrays of a
-- bounded size however large the archive grows (new pages land in the last chunk).
CREATE TABLE search_tier (
    term_id int NOT NULL,
    tier smallint NOT NULL,
    chunk int NOT NULL,
    documents int[] NOT NULL,
    PRIMARY KEY (term_id, tier, chunk)
);
-- Read whole by every two-word search: uncompressed, as a sorted id list hardly compresses.
ALTER TABLE search_tier ALTER COLUMN documents SET STORAGE EXTERNAL;

-- Sorted by key, so that concurrent writers lock rows in one order and never deadlock.
CREATE FUNCTION search_posting_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('search.rebuilding', true) = 'on' THEN
        RETURN NULL;
    END IF;
    INSERT INTO search_tier AS t (term_id, tier, chunk, documents)
    SELECT term_id, search_tier_of(impact), document_id >> 16, sort(array_agg(document_id))
    FROM new_rows GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT (term_id, tier, chunk) DO UPDATE SET documents = t.documents | excluded.documents;
    RETURN NULL;
END
$$;

CREATE FUNCTION search_posting_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE search_tier AS t SET documents = t.documents - o.documents
    FROM (SELECT term_id, search_tier_of(impact) AS tier, document_id >> 16 AS chunk,
                 sort(array_agg(document_id)) AS documents
          FROM old_rows GROUP BY 1, 2, 3) AS o
    WHERE (t.term_id, t.tier, t.chunk) = (o.term_id, o.tier, o.chunk);
    RETURN NULL;
END
$$;

CREATE TRIGGER search_posting_inserted AFTER INSERT ON search_posting
REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION search_posting_inserted();
CREATE TRIGGER search_posting_deleted AFTER DELETE ON search_posting
REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION search_posting_deleted();
"""

DROP_TIERS = """
DROP TRIGGER search_posting_inserted ON search_posting;
DROP TRIGGER search_posting_deleted ON search_posting;
DROP FUNCTION search_posting_inserted, search_posting_deleted;
DROP TABLE search_tier;
DROP AGGREGATE search_union(int[]);
DROP FUNCTION search_tier_of, search_tier_top, search_exact_scores;
"""

# search_rebuild() of migration 0002: the triggers stand aside and the tiers are built at the end.
REBUILD_CHANGES = [
    (
        "    TRUNCATE search_posting, search_document, search_term, search_word;",
        """    PERFORM set_config('search.rebuilding', 'on', true);
    TRUNCATE search_posting, search_document, search_term, search_word, search_tier;""",
    ),
    (
        "    UPDATE search_corpus SET rebuilt_averages = final;",
        """    PERFORM set_config('search.rebuilding', 'off', true);
    """
        + FILL_TIERS
        + """
    UPDATE search_corpus SET rebuilt_averages = final;""",
    ),
]

RANKING_CHANGES = [
    (
        "    counted int;\n",
        """    counted int;
    pair boolean;
    step record;
    need float8;
    reached int[];
    reached_down_to float8;
    highest float8;
    candidates int[];
""",
    ),
    (
        "    IF single THEN\n",
        """    pair := NOT single AND categories IS NULL AND must IS NULL
            AND (SELECT count(DISTINCT c) = 2 AND max(s) = 1 FROM unnest(term_concepts, sizes) AS u(c, s));
    IF single THEN
""",
    ),
    (
        "    ELSE\n        depth := greatest(2 * k, {depth});\n",
        """    ELSIF pair THEN
        -- Two concepts: a first k-th score from the pages at the top of each concept's lists
        -- (shared among its alternatives), scored exactly (0 when fewer than k are shown).
        SELECT CASE WHEN count(*) < k THEN 0 ELSE min(score) END INTO bound FROM (
            SELECT score FROM search_exact_scores(ARRAY(
                SELECT DISTINCT l.document_id FROM unnest(terms, term_concepts) AS t(term_id, concept),
                LATERAL (SELECT p.document_id FROM search_posting AS p WHERE p.term_id = t.term_id
                         ORDER BY p.impact DESC
                         LIMIT ceil({pair_depth}::float8 / cardinality(array_positions(term_concepts, t.concept)))) AS l),
                terms, weights, term_concepts, questions_only)
            ORDER BY score DESC LIMIT k) AS first;
        bound := bound * (1 - 1e-9);  -- rounding must never leave a page out
        -- A page's score is at most, per concept, the largest weight x tier top among its
        -- alternatives' tiers it is in. Every page that can reach the bound is in a tier of the
        -- second concept high enough alone...
        candidates := (SELECT search_union(s.documents) FROM search_tier AS s
                       JOIN unnest(terms, weights, term_concepts) AS q(term_id, weight, concept) USING (term_id)
                       WHERE q.concept <> term_concepts[1] AND q.weight * search_tier_top(s.tier) >= bound);
        -- ...or in a tier of the first worth v, and in tiers of the second worth at least
        -- bound - v. As v rises that need falls, so the second's tiers are gathered once, best first.
        highest := (SELECT coalesce(max(q.weight * search_tier_top(s.tier)), 0) FROM search_tier AS s
                    JOIN unnest(terms, weights, term_concepts) AS q(term_id, weight, concept) USING (term_id)
                    WHERE q.concept <> term_concepts[1]);
        reached := '{{}}';
        reached_down_to := 'infinity';
        FOR step IN SELECT search_union(s.documents) AS documents, q.weight * search_tier_top(s.tier) AS worth
                    FROM search_tier AS s
                    JOIN unnest(terms, weights, term_concepts) AS q(term_id, weight, concept) USING (term_id)
                    WHERE q.concept = term_concepts[1] AND q.weight * search_tier_top(s.tier) + highest >= bound
                    GROUP BY q.term_id, q.weight, s.tier ORDER BY worth LOOP
            need := bound - step.worth;
            IF need <= 0 THEN
                candidates := candidates | step.documents;
                CONTINUE;
            END IF;
            IF need < reached_down_to THEN
                reached := reached | (SELECT search_union(s.documents) FROM search_tier AS s
                    JOIN unnest(terms, weights, term_concepts) AS q(term_id, weight, concept) USING (term_id)
                    WHERE q.concept <> term_concepts[1]
                      AND q.weight * search_tier_top(s.tier) >= need
                      AND q.weight * search_tier_top(s.tier) < reached_down_to);
                reached_down_to := need;
            END IF;
            candidates := candidates | (step.documents & reached);
        END LOOP;
        SELECT array_agg(id ORDER BY score DESC, id DESC), array_agg(score ORDER BY score DESC, id DESC)
        INTO ranked, scores FROM (
            SELECT id, score FROM search_exact_scores(candidates, terms, weights, term_concepts, questions_only)
            ORDER BY score DESC, id DESC LIMIT k) AS best;
    ELSE
        depth := greatest(2 * k, {depth});
""",
    ),
]


def function_of_0002(name, changes=()):
    """Function `name` as migration 0002 created it, with `changes` made, to replace it."""
    functions = BM25F_INDEX.FUNCTIONS.format(
        posting_indexes=BM25F_INDEX.POSTING_INDEXES, k1=BM25F_INDEX.K1, b=BM25F_INDEX.B,
        **BM25F_INDEX.WEIGHTS,
    )  # fmt: skip
    text = READS_LESS.changed(READS_LESS.created(functions, name), changes)
    return text.replace("CREATE FUNCTION", "CREATE OR REPLACE FUNCTION", 1)


def rebuild_function(changes=()):
    """search_rebuild() as migration 0002 created it, with `changes` made."""
    return function_of_0002("search_rebuild", changes)


def ranking(changes=(), pair_depth=FIRST_DEPTH):
    """Migration 0006's search_top with RANKING_CHANGES, then `changes`, made, its numbers
    filled in."""
    changed = READS_LESS.changed(KNOWN_ALTERNATIVES.ranking(), [*RANKING_CHANGES, *changes])
    return READS_LESS.formatted(changed, pair_depth=pair_depth)


def create_tiers(apps, schema_editor):
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(TIERS)
        cursor.execute(FILL_TIERS)
        cursor.execute(rebuild_function(REBUILD_CHANGES))
        cursor.execute(ranking())


def drop_tiers(apps, schema_editor):
    KNOWN_ALTERNATIVES.create_search_top(apps, schema_editor)
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(rebuild_function())
        cursor.execute(DROP_TIERS)


class Migration(migrations.Migration):
    dependencies = [("search", "0006_search_top_known_alternatives")]

    operations = [
        CreateExtension("intarray"),
        migrations.RunPython(create_tiers, drop_tiers),
    ]
