"""Searches of one or two concepts rank exactly when a synonym has several words.

"stenosis" is looked for as "stenosis", "spinal stenosis", "lumbar canal stenosis" or
"narrowing of the spine"; "lumbar" as "lumbar", "lumbar spine" or "lower back". An alternative
of several stems counts only on a page that holds all of them. Such searches took migration
0005's path, whose candidates (the pages with the most impacts read at the top of the lists)
are mostly pages holding one stem of an alternative: at 100,000 Q&As its top ten shared 3 pages
with the exact top ten for "stenosis", 3 for "lumbar disc", 2 for "sciatica stenosis".

Now they take the two-concept path (migrations 0007 and 0008), which one concept takes too:

- Blocks (search_blocks()): each concept's pages in groups, each worth the most its pages can
  score by that concept. A one-stem alternative's blocks are its tiers, as before. An
  alternative of several stems has a block per pair of tiers of its two rarest stems, holding
  the pages in both (intarray intersection), worth the two tier tops plus, for any further stem,
  its best tier top; blocks within a tenth of each other are joined. The gathered and walked
  tiers of the two-concept search are these blocks.
- The first k-th score: a page read at the top of a stem's list counts the impact read and, for
  each other stem, the bottom of its tier there (a stem in most pages is taken to be there,
  worth nothing); an alternative counts only with all of its stems found. The 2k best such
  pages are scored exactly, and their k-th score is the bound.
- When only pages holding the gathered concept can reach the bound and that concept is in few
  pages, its blocks' pages are the candidates, without walking the other concept.
- Many candidates (over 10k) are ordered by the most their tiers allow (search_most()) and
  scored exactly a batch at a time, until the next cannot reach the k-th score.

Searches with a body area, a phrase or minus words still take migration 0005's path, and three
or more concepts migration 0009's. Each change is an exact replacement in migration 0009's
function, checked to apply.
"""

import importlib

from django.db import migrations

READS_LESS = importlib.import_module("search.migrations.0005_search_top_reads_less")
KNOWN_ALTERNATIVES = importlib.import_module("search.migrations.0006_search_top_known_alternatives")
TIERS = importlib.import_module("search.migrations.0007_search_tiers")
PAIRS = importlib.import_module("search.migrations.0008_search_pairs_read_less")
SEVERAL = importlib.import_module("search.migrations.0009_search_several_concepts_by_tiers")

# Past this many candidates per page of results, they are ordered by their tiers before any is
# scored exactly.
ORDERED_OVER = 10
# A gathered concept in at most this many pages (its stems' pages, summed) has its candidates'
# tiers read page by page rather than walked against the other concept's blocks.
GATHERED_FEW = 3000

BLOCKS = """
-- A concept's pages in blocks, each worth the most its pages can score by that concept, for
-- the concept `walked` (walked_side) or the others, keeping blocks worth at least `at_least`.
-- A one-stem alternative's blocks are its tiers; an alternative of several stems has one per
-- pair of tiers of its two rarest stems (the pages in both), worth both tier tops and, for any
-- further stem, its best tier top. Blocks within a tenth of each other are joined, worth the
-- higher. PL/pgSQL, so that its plan is kept between calls.
CREATE FUNCTION search_blocks(
    terms int[], weights float8[], concepts int[], alternatives int[], sizes int[],
    walked int, walked_side boolean, at_least float8
) RETURNS TABLE (documents int[], worth float8) LANGUAGE plpgsql STABLE
SET plan_cache_mode = force_generic_plan AS $$
#variable_conflict use_column
BEGIN
    RETURN QUERY
    WITH q AS (
        SELECT q.*, row_number() OVER (
                   PARTITION BY q.concept, q.alternative ORDER BY t.documents, q.term_id) AS rank,
               q.weight * search_tier_top(
                   (SELECT max(s.tier) FROM search_tier AS s WHERE s.term_id = q.term_id)) AS highest
        FROM unnest(terms, weights, concepts, alternatives, sizes)
            AS q(term_id, weight, concept, alternative, size)
        JOIN search_term AS t ON t.id = q.term_id
        WHERE (q.concept = walked) = walked_side
    ), rest AS (
        SELECT concept, alternative, coalesce(sum(highest) FILTER (WHERE rank > 2), 0) AS worth
        FROM q GROUP BY 1, 2
    ), tiers AS (
        -- Without their pages: only the blocks worth enough read them.
        SELECT q.concept, q.alternative, q.size, q.rank, q.term_id, s.tier, s.chunk,
               q.weight * search_tier_top(s.tier) AS worth
        FROM q JOIN search_tier AS s USING (term_id) WHERE q.rank <= 2
    )
    SELECT search_union(block.documents), max(block.worth) FROM (
        SELECT s.documents, t.worth
        FROM tiers AS t JOIN search_tier AS s USING (term_id, tier, chunk)
        WHERE t.size = 1 AND t.worth >= at_least
        UNION ALL
        SELECT sa.documents & sb.documents, a.worth + b.worth + r.worth
        FROM tiers AS a JOIN tiers AS b USING (concept, alternative, chunk)
        JOIN rest AS r USING (concept, alternative)
        JOIN search_tier AS sa ON (sa.term_id, sa.tier, sa.chunk) = (a.term_id, a.tier, a.chunk)
        JOIN search_tier AS sb ON (sb.term_id, sb.tier, sb.chunk) = (b.term_id, b.tier, b.chunk)
        WHERE a.rank = 1 AND b.rank = 2 AND a.worth + b.worth + r.worth >= at_least
    ) AS block
    GROUP BY ceil(block.worth * 10);
END
$$;
"""

MOST = """
-- The most pages `ids` can score, from their tiers: per stem its tier top, per alternative
-- summed over all its stems, per concept the best alternative, summed.
CREATE FUNCTION search_most(
    ids int[], terms int[], weights float8[], concepts int[], alternatives int[], sizes int[]
) RETURNS TABLE (id int, most float8) LANGUAGE plpgsql STABLE
SET plan_cache_mode = force_generic_plan AS $$
#variable_conflict use_column
BEGIN
    RETURN QUERY
    SELECT id, sum(worth) FROM (
        SELECT id, concept, max(worth) AS worth FROM (
            SELECT u.id, q.concept, sum(q.weight * search_tier_top(s.tier)) AS worth
            FROM unnest(terms, weights, concepts, alternatives, sizes)
                AS q(term_id, weight, concept, alternative, size)
            JOIN search_tier AS s USING (term_id),
            LATERAL unnest(s.documents & ids) AS u(id)
            GROUP BY u.id, q.concept, q.alternative, q.size HAVING count(*) = q.size
        ) AS per_alternative GROUP BY 1, 2
    ) AS per_concept GROUP BY 1;
END
$$;
"""

# Migration 0008's read of the top of each list, kept per stem instead of per concept.
READ = PAIRS.FIRST_BOUND[
    PAIRS.FIRST_BOUND.index("        WITH read AS (") : PAIRS.FIRST_BOUND.index("        ), pages AS (")
].replace("SELECT l.document_id, t.concept, max(", "SELECT l.document_id, t.term_id, max(")

FIRST_BOUND = """        -- A first k-th score: a page read at the top of a stem's list (each concept's depth
        -- shared among its stems) counts the impact read and, for the other stems, the bottom
        -- of its tier there; an alternative counts only with all its stems found. The 2k best
        -- are scored exactly (0 when fewer than k are shown).
""" + READ + """        ), pages AS (
            SELECT q.concept, sort(array_agg(DISTINCT r.document_id)) AS ids
            FROM read AS r JOIN unnest(terms, term_concepts) AS q(term_id, concept) USING (term_id)
            GROUP BY 1
        ), stems AS (
            -- A stem of the concept a page was read for counts by its tier only where its
            -- alternative has other stems: else the impact read is the page's worth there.
            SELECT DISTINCT q.term_id, q.weight, q.concept, q.size > 1 AS joined,
                   t.documents > c.documents / 2 AS common
            FROM unnest(terms, weights, term_concepts, sizes) AS q(term_id, weight, concept, size)
            JOIN search_term AS t ON t.id = q.term_id CROSS JOIN search_corpus AS c
        ), tiered AS (
            SELECT u.document_id, q.term_id, max(q.weight * search_tier_bottom(s.tier)) AS worth
            FROM search_tier AS s JOIN stems AS q USING (term_id)
            JOIN pages ON pages.concept <> q.concept OR q.joined,
            LATERAL unnest(s.documents & pages.ids) AS u(document_id)
            WHERE NOT q.common
            GROUP BY 1, 2
        ), assumed AS (
            -- A stem in most pages is taken to be on every page read, worth nothing more: the
            -- estimate only picks the pages scored exactly, and reading its tiers would cost
            -- more than that.
            SELECT u.document_id, q.term_id, 0::float8 AS worth
            FROM stems AS q JOIN pages ON pages.concept <> q.concept OR q.joined,
            LATERAL unnest(pages.ids) AS u(document_id)
            WHERE q.common
        ), per_stem AS (
            SELECT document_id, term_id, max(worth) AS worth
            FROM (SELECT * FROM read UNION ALL SELECT * FROM tiered UNION ALL SELECT * FROM assumed) AS w
            GROUP BY 1, 2
        ), lowest AS (
            SELECT document_id, sum(worth) AS score FROM (
                SELECT document_id, concept, max(worth) AS worth FROM (
                    SELECT s.document_id, q.concept, q.alternative, sum(s.worth) AS worth
                    FROM per_stem AS s JOIN unnest(terms, term_concepts, term_alternatives, sizes)
                        AS q(term_id, concept, alternative, size) USING (term_id)
                    GROUP BY 1, 2, 3, q.size HAVING count(*) = q.size
                ) AS per_alternative GROUP BY 1, 2
            ) AS per_concept GROUP BY 1
        )
        SELECT array_agg(document_id) INTO candidates FROM (
            SELECT document_id FROM lowest ORDER BY score DESC LIMIT 2 * k) AS first;
        SELECT CASE WHEN count(*) < k THEN 0 ELSE min(score) END INTO bound FROM (
            SELECT score FROM search_exact_scores(
                candidates, terms, weights, term_concepts, term_alternatives, sizes, questions_only)
            ORDER BY score DESC LIMIT k) AS first;
"""

GATHERED = """        -- The most the walked concept can add: its best alternative, each stem at its best tier.
        ceiling := (SELECT max(worth) FROM (
            SELECT sum(q.weight * search_tier_top(
                       (SELECT max(s.tier) FROM search_tier AS s WHERE s.term_id = q.term_id))) AS worth
            FROM unnest(terms, weights, term_concepts, term_alternatives)
                AS q(term_id, weight, concept, alternative)
            WHERE q.concept = walked GROUP BY q.alternative) AS per_alternative);
        gathered_pages := (SELECT coalesce(sum(t.documents), 0)
                           FROM unnest(terms, term_concepts) AS q(term_id, concept)
                           JOIN search_term AS t ON t.id = q.term_id WHERE q.concept <> walked);
        -- A page's score is at most, per concept, the worth of its best block there. The
        -- gathered concept's blocks are read best first...
        OPEN gathered FOR SELECT documents, worth FROM search_blocks(
            terms, weights, term_concepts, term_alternatives, sizes, walked, false, bound - ceiling)
            ORDER BY worth DESC;
"""

WALKED = """        IF bound > ceiling AND gathered_pages <= {gathered_few} THEN
            -- Every page that can reach the bound holds the gathered concept, in one of the
            -- blocks read: when that concept is in few pages, they are all candidates, ordered
            -- by their tiers below, and the walked concept's blocks are not needed.
            WHILE next_tier.worth IS NOT NULL LOOP
                candidates := candidates | next_tier.documents;
                FETCH gathered INTO next_tier;
            END LOOP;
        ELSE
            -- ...as can a page in a walked block worth v and in gathered blocks worth at least
            -- bound - v. As v rises that need falls, so the gathered blocks are read on only as
            -- far as it does.
            FOR step IN SELECT documents, worth FROM search_blocks(
                            terms, weights, term_concepts, term_alternatives, sizes, walked, true, bound - highest)
                        ORDER BY worth LOOP
                need := bound - step.worth;
                IF need <= 0 THEN
                    candidates := candidates | step.documents;
                    CONTINUE;
                END IF;
                WHILE next_tier.worth >= need LOOP
                    reached := reached | next_tier.documents;
                    FETCH gathered INTO next_tier;
                END LOOP;
                candidates := candidates | (step.documents & reached);
            END LOOP;
        END IF;
""".replace("{gathered_few}", str(GATHERED_FEW))

EXACT = """        CLOSE gathered;
        -- Many candidates are ordered best first by the most their tiers allow, and scored
        -- exactly a batch at a time until the next can no longer reach the k-th score.
        IF cardinality(candidates) > {ordered_over} * k OR bound > ceiling AND gathered_pages <= {gathered_few} THEN
            SELECT array_agg(id ORDER BY most DESC, id DESC), array_agg(most ORDER BY most DESC, id DESC)
            INTO ordered, mosts
            FROM search_most(candidates, terms, weights, term_concepts, term_alternatives, sizes);
            batch := 2 * k;
        ELSE
            ordered := candidates;
            mosts := array_fill('Infinity'::float8, ARRAY[cardinality(candidates)]);
            batch := greatest(cardinality(candidates), 1);
        END IF;
        ranked := '{{}}';
        scores := '{{}}';
        n := 1;
        WHILE n <= coalesce(cardinality(ordered), 0) AND (cardinality(scores) < k OR mosts[n] >= scores[k]) LOOP
            SELECT coalesce(array_agg(id ORDER BY score DESC, id DESC), '{{}}'),
                   coalesce(array_agg(score ORDER BY score DESC, id DESC), '{{}}')
            INTO ranked, scores FROM (
                SELECT id, score FROM (
                    SELECT * FROM unnest(ranked, scores) AS r(id, score)
                    UNION ALL
                    SELECT id, score FROM search_exact_scores(
                        ordered[n:n + batch - 1], terms, weights, term_concepts, term_alternatives, sizes,
                        questions_only)
                ) AS s ORDER BY score DESC, id DESC LIMIT k) AS best;
            n := n + batch;
        END LOOP;
""".replace("{ordered_over}", str(ORDERED_OVER)).replace("{gathered_few}", str(GATHERED_FEW))


def previous():
    """Migration 0009's search_top before its numbers are filled in."""
    return READS_LESS.changed(
        KNOWN_ALTERNATIVES.ranking(),
        [*TIERS.RANKING_CHANGES, *PAIRS.RANKING_CHANGES, *SEVERAL.RANKING_CHANGES],
    )


def between(start, end):
    """Migration 0009's search_top's text from `start` up to `end`."""
    text = previous()
    begin = text.index(start)
    return text[begin : text.index(end, begin)]


RANKING_CHANGES = [
    (
        "    several boolean;\n",
        "    several boolean;\n    ceiling float8;\n    ordered int[];\n    mosts float8[];\n"
        "    n int;\n    batch int;\n    gathered_pages bigint;\n",
    ),
    (
        """            AND (SELECT count(DISTINCT c) = 2 AND max(s) = 1 FROM unnest(term_concepts, sizes) AS u(c, s));""",
        """            AND (SELECT count(DISTINCT c) <= 2 FROM unnest(term_concepts) AS u(c));""",
    ),
    (between("        -- A first k-th score from the pages", "        bound := bound"), FIRST_BOUND),
    (
        between("        -- A page's score is at most", "        FETCH gathered INTO next_tier;\n        highest"),
        GATHERED,
    ),
    (between("        -- ...as can a page in a walked tier worth v", "        CLOSE gathered;\n"), WALKED),
    (between("        CLOSE gathered;\n", "    ELSIF several THEN"), EXACT),
]


def create_search_top(apps, schema_editor):
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(BLOCKS)
        cursor.execute(MOST)
        cursor.execute(PAIRS.ranking([*SEVERAL.RANKING_CHANGES, *RANKING_CHANGES]))


def restore_search_top(apps, schema_editor):
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(PAIRS.ranking(SEVERAL.RANKING_CHANGES))
        cursor.execute("DROP FUNCTION search_most")
        cursor.execute("DROP FUNCTION search_blocks")


class Migration(migrations.Migration):
    dependencies = [("search", "0009_search_several_concepts_by_tiers")]

    operations = [migrations.RunPython(create_search_top, restore_search_top)]
