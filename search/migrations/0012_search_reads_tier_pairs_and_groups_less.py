"""Two-concept searches of common single words read pairs of tiers best first, and score a
page with the first pair it is in, instead of ordering every candidate by its tiers; searches of
three concepts or more estimate a one-stem alternative without grouping. Rankings are unchanged.

Migration 0010's two-concept path walks one concept's blocks against the other's, collects
every page that can reach the first k-th score, and orders them all by the most their tiers
allow (search_most()) before scoring them a batch at a time. When both words are common the
candidates are many: "session practitioner" had 13,696 at 100,000 Q&As and 159,936 at
1,000,000, and ordering them took 32 and 389 ms of a 42 and 466 ms search, though a few hundred
were scored.

Now, when every alternative is a single stem and the gathered concept is in more than
PAIRED_OVER pages, a block is a stem's tier (its pages in all chunks, worth the tier's top), and
the pairs of a walked and a gathered block, and each block alone, are sorted by their worth
together: the most a page in them can score. A cursor reads them best first; only the pairs read
have their pages intersected (pairs with no page in common are passed over inside the
statement), and their pages not scored yet are scored a batch at a time, until the next pair can
no longer reach the k-th score. The ranking is the same: a page's score is at most the worth of
every pair it is in, and every pair worth the k-th score is read.

Other two-concept searches walk the blocks as before; their candidates, grouped by the most
their tiers allow, feed the same batches. JIT compilation is off in search_top: its statements
take milliseconds, and the pairs' estimated cost (a join of unknown size) made PostgreSQL spend
0.3 s compiling one.

Measured against migration 0011, alternately, on make bench's 100 two-word searches, with the
same top ten and count for every one. PostgreSQL 15, 100,000 Q&As: "session practitioner" 45 to
4.6 ms, p50 3.5 to 3.6 ms, p95 15.0 to 13.7 ms, mean 5.2 to 4.7 ms, the median search 4% slower.
Embedded PostgreSQL 18, 1,000,000 Q&As: "session practitioner" 474 to 45 ms, p50 17.3 to 17.0
ms, p95 116 to 106 ms, mean 37 to 28 ms, the median search 6% faster. The slowest two-word
searches left are those with a synonym of several words, unchanged (at 1,000,000, "stenosis
spine" 180 ms, of which walking its blocks takes 97 ms).

Three concepts or more (migration 0009's pool): each pool page's estimate per alternative was
grouped from its stems' tiers, though most alternatives have one stem and one row per page.
Those rows now skip that grouping (one sort of some 20,000 rows at 100,000 Q&As). On make
bench's 100 four-word searches, same run, PostgreSQL 15, 100,000 Q&As: the same top ten and
count for all, p50 11.2 to 10.4 ms, p95 18.4 to 17.3 ms, the median search 8% faster.

Each change is an exact replacement in migration 0011's function, checked to apply.
"""

import importlib
import textwrap

from django.db import migrations

PAIRS = importlib.import_module("search.migrations.0008_search_pairs_read_less")
SEVERAL_WORD = importlib.import_module(
    "search.migrations.0010_search_several_word_synonyms_exactly"
)
BODY_AREAS = importlib.import_module("search.migrations.0011_search_body_areas_and_phrases_exactly")

# Two concepts of one-stem alternatives are read as pairs of tiers when the gathered one is in
# more pages than this (its stems' pages, summed); fewer make few candidates, which the walk
# finds for less than the pairs cost to read.
PAIRED_OVER = 10000

# Three concepts or more: a one-stem alternative's estimate is its stem's, with no grouping.
ONE_STEM_ESTIMATES = """\
                -- A one-stem alternative is worth its stem's tier: no grouping needed.
                SELECT u.document_id, q.concept, q.weight * (s.tier + 0.5::float8) AS worth
                FROM search_tier AS s
                JOIN unnest(terms, weights, term_concepts, sizes)
                    AS q(term_id, weight, concept, size) USING (term_id)
                JOIN pool USING (chunk),
                LATERAL unnest(s.documents & pool.ids) AS u(document_id)
                WHERE q.size = 1
                UNION ALL
"""
ESTIMATES = "                SELECT u.document_id, q.concept, sum(q.weight * (s.tier + 0.5::float8)) AS worth"

# When every alternative is one stem: the pairs of tiers, read best first.
TIER_PAIRS = """\
        IF (SELECT max(size) FROM unnest(sizes) AS u(size)) = 1 AND gathered_pages > {paired_over} THEN
            -- Every alternative one stem: a block is a stem's tier, worth its top, and the pairs
            -- of a walked and a gathered block (and each block alone) are read best first, the
            -- most a page in them can score. A pair's pages are intersected only when it is
            -- read, and a page is scored with the first pair it is in.
            gathered_ceiling := (SELECT max(q.weight * search_tier_top(
                                     (SELECT max(s.tier) FROM search_tier AS s WHERE s.term_id = q.term_id)))
                                 FROM unnest(terms, weights, term_concepts) AS q(term_id, weight, concept)
                                 WHERE q.concept <> walked);
            OPEN groups FOR
                WITH blocks AS MATERIALIZED (
                    SELECT row_number() OVER () AS i, q.concept = walked AS walked_side,
                           search_union(s.documents) AS documents, q.weight * search_tier_top(s.tier) AS worth
                    FROM unnest(terms, weights, term_concepts) AS q(term_id, weight, concept)
                    JOIN search_tier AS s USING (term_id)
                    WHERE q.weight * search_tier_top(s.tier)
                          >= bound - CASE WHEN q.concept = walked THEN gathered_ceiling ELSE ceiling END
                    GROUP BY q.term_id, q.weight, q.concept, s.tier
                ), pairs AS (
                    -- Sorted by worth alone: pages are read only for the pairs fetched.
                    SELECT w.i AS a, g.i AS b, w.worth + g.worth AS most
                    FROM blocks AS w JOIN blocks AS g ON w.worth + g.worth >= bound
                    WHERE w.walked_side AND NOT g.walked_side
                    UNION ALL
                    SELECT i, NULL, worth FROM blocks WHERE worth >= bound
                    ORDER BY most DESC OFFSET 0
                )
                SELECT x.documents, p.most FROM pairs AS p,
                LATERAL (SELECT CASE WHEN p.b IS NULL THEN (SELECT documents FROM blocks WHERE i = p.a)
                                     ELSE (SELECT documents FROM blocks WHERE i = p.a)
                                          & (SELECT documents FROM blocks WHERE i = p.b) END AS documents
                         OFFSET 0) AS x
                -- Pairs with no page in common are passed over here, not fetched.
                WHERE x.documents <> '{{}}';
        ELSE
"""

# Otherwise the candidates (migration 0010's walk, as it was) are grouped by the most their
# tiers allow; and either way the groups are scored exactly a batch at a time, best first.
GROUPS = """\
            -- Many candidates are grouped by the most their tiers allow, best first; a few are
            -- scored at once.
            IF cardinality(candidates) > {ordered_over} * k OR bound > ceiling AND gathered_pages <= {gathered_few} THEN
                OPEN groups FOR SELECT array_agg(id) AS documents, most FROM search_most(
                    candidates, terms, weights, term_concepts, term_alternatives, sizes)
                    GROUP BY most ORDER BY most DESC;
            ELSE
                OPEN groups FOR SELECT candidates AS documents, 'Infinity'::float8 AS most;
            END IF;
        END IF;
        -- The groups' pages not scored yet are scored exactly, a batch at a time, until the next
        -- group can no longer reach the k-th score.
        ranked := '{{}}';
        scores := '{{}}';
        scored := '{{}}';
        FETCH groups INTO grp;
        LOOP
            fresh := '{{}}';
            WHILE grp.most IS NOT NULL AND (cardinality(scores) < k OR grp.most >= scores[k])
                  AND cardinality(fresh) < 2 * k LOOP
                IF categories IS NULL THEN
                    fresh := fresh | (grp.documents - scored);
                ELSE
                    fresh := fresh | ARRAY(SELECT d.id FROM unnest(grp.documents - scored) AS u(id)
                                           JOIN search_document AS d ON d.id = u.id
                                           WHERE d.category_id = ANY(categories));
                END IF;
                FETCH groups INTO grp;
            END LOOP;
            EXIT WHEN cardinality(fresh) = 0;
            scored := scored | fresh;
"""
GROUPS_END = """\
        END LOOP;
        CLOSE groups;
"""


MERGED = "            SELECT coalesce(array_agg(id ORDER BY score DESC, id DESC), '{{}}'),"


def numbered(text):
    """`text` with migration 0010's numbers and this one's filled in."""
    return (
        text.replace("{gathered_few}", str(SEVERAL_WORD.GATHERED_FEW))
        .replace("{ordered_over}", str(SEVERAL_WORD.ORDERED_OVER))
        .replace("{paired_over}", str(PAIRED_OVER))
    )


def previous():
    """Migration 0011's search_top before its numbers are filled in."""
    return SEVERAL_WORD.READS_LESS.changed(
        SEVERAL_WORD.previous(), [*SEVERAL_WORD.RANKING_CHANGES, *BODY_AREAS.RANKING_CHANGES]
    )


def between(start, end):
    """Migration 0011's search_top's text from `start` up to `end`."""
    text = previous()
    return text[text.index(start) : text.index(end, text.index(start))]


def previous_changes():
    return [*BODY_AREAS.previous_changes(), *BODY_AREAS.RANKING_CHANGES]


RANKING_CHANGES = [
    (
        between(ESTIMATES, "            )\n            SELECT document_id FROM ("),
        ONE_STEM_ESTIMATES
        + between(ESTIMATES, "            )\n            SELECT document_id FROM (").replace(
            "                GROUP BY u.document_id",
            "                WHERE q.size > 1\n                GROUP BY u.document_id",
        ),
    ),
    (
        "SET plan_cache_mode = force_generic_plan AS $$",
        "SET plan_cache_mode = force_generic_plan SET jit = off AS $$",
    ),
    (
        "    ordered int[];\n    mosts float8[];\n    n int;\n    batch int;\n",
        "    gathered_ceiling float8;\n",
    ),
    (
        "    next_tier record;\n",
        "    next_tier record;\n    groups refcursor;\n    grp record;\n    fresh int[];\n"
        "    scored int[];\n",
    ),
    (
        between("        -- A page's score is at most", "    ELSIF several THEN"),
        numbered(TIER_PAIRS)
        + textwrap.indent(
            between("        -- A page's score is at most", "        CLOSE gathered;\n")
            + "        CLOSE gathered;\n",
            "    ",
        )
        + numbered(GROUPS)
        # The scores of a batch merged with the best so far, as migration 0010 wrote it.
        + between(MERGED, "            n := n + batch;").replace("ordered[n:n + batch - 1]", "fresh")
        + GROUPS_END,
    ),
]


class Migration(migrations.Migration):
    dependencies = [("search", "0011_search_body_areas_and_phrases_exactly")]

    operations = [PAIRS.search_top_changed(previous_changes, RANKING_CHANGES)]
