"""Two concepts of one-stem alternatives are read as pairs of tiers from the start, with no
first k-th score, and a tier's pages are read when a pair first needs them. Rankings are
unchanged.

Before, every two-concept search began by estimating a first k-th score: the top 200 postings
of each concept, the tiers of the other concept's stems on those pages, and the 2k best of
them scored exactly. Migration 0012 then used that score to leave out the tiers that could not
reach it, read the pages of those left (every chunk of every one) and, when the smaller
concept was in more than 10,000 pages, read the pairs of tiers best first; otherwise it walked
the tiers and grouped the candidates by their tiers (search_most()).

Now, when every alternative is one stem, the pairs are listed from the tiers alone (their
worth needs no page), and read best first through a cursor as before. A tier's pages are read
the first time a pair holds it, kept for the pairs after, and a tier no pair read reaches is
never read; the k-th score comes from the pairs' own pages, scored a batch at a time, and
reading stops when the next pair can no longer reach it. The ranking is the same: a page's
score is at most the worth of every pair it is in, and every pair worth the k-th score is read.
Body areas and questions-only searches take this path too (their pages are filtered batch by
batch, as before). Searches with a synonym of several words keep migration 0012's path.

Measured against migration 0013, alternately, on make bench's 100 two-word searches
(PostgreSQL 15, 100,000 Q&As, medians of 3), with the same top ten and count for every one:
p50 11.6 to 6.1 ms, mean 14.4 to 9.6 ms, 95 of 100 faster; the slowest (synonyms of several
words, unchanged) p95 40.7 to 38.4 ms.
"""

import importlib
import textwrap

from django.db import migrations

TWELVE = importlib.import_module("search.migrations.0012_search_reads_tier_pairs_and_groups_less")
READS_LESS = TWELVE.SEVERAL_WORD.READS_LESS

LAZY_PAIRS = """\
        IF (SELECT max(size) FROM unnest(sizes) AS u(size)) = 1 THEN
            -- Every alternative one stem: a block is a stem's tier, worth its top, and the pairs
            -- of a block of each concept (and each block alone) are read best first, the most a
            -- page in them can score. A block's pages are read when a pair first needs them and
            -- kept, a pair's are intersected when it is read, and a page is scored with the
            -- first pair it is in; reading stops when the next pair cannot reach the k-th score.
            OPEN groups FOR
                WITH blocks AS MATERIALIZED (
                    SELECT row_number() OVER (ORDER BY q.weight * search_tier_top(s.tier) DESC) AS i,
                           q.concept, q.term_id, s.tier, q.weight * search_tier_top(s.tier) AS worth
                    FROM unnest(terms, weights, term_concepts) AS q(term_id, weight, concept)
                    JOIN (SELECT DISTINCT term_id, tier FROM search_tier WHERE term_id = ANY(terms)) AS s
                        USING (term_id)
                ), pages AS MATERIALIZED (
                    -- Made a row at a time as the look-ups below reach it (best blocks first):
                    -- the blocks no pair read reaches are never read.
                    SELECT b.i, (SELECT search_union(s.documents) FROM search_tier AS s
                                 WHERE s.term_id = b.term_id AND s.tier = b.tier) AS documents
                    FROM (SELECT * FROM blocks ORDER BY i OFFSET 0) AS b
                ), pairs AS (
                    SELECT w.i AS a, g.i AS b, w.worth + g.worth AS most
                    FROM blocks AS w JOIN blocks AS g ON w.concept < g.concept
                    UNION ALL
                    SELECT i, NULL, worth FROM blocks
                    ORDER BY most DESC OFFSET 0
                )
                SELECT x.documents, p.most FROM pairs AS p,
                LATERAL (SELECT CASE WHEN p.b IS NULL THEN (SELECT documents FROM pages WHERE i = p.a LIMIT 1)
                                     ELSE (SELECT documents FROM pages WHERE i = p.a LIMIT 1)
                                          & (SELECT documents FROM pages WHERE i = p.b LIMIT 1) END AS documents
                         OFFSET 0) AS x
                -- Pairs with no page in common are passed over here, not fetched.
                WHERE x.documents <> '{{}}';
        ELSE
"""
FIRST_BOUND = "        -- A first k-th score: a page read at the top of a stem's list"


def previous():
    """Migration 0012's search_top before its numbers are filled in."""
    return READS_LESS.changed(TWELVE.previous(), TWELVE.RANKING_CHANGES)


def first_bound():
    """Migration 0012's two-concept path from its first k-th score up to its pairs of tiers."""
    text = previous()
    return text[text.index(FIRST_BOUND) : text.index(TWELVE.numbered(TWELVE.TIER_PAIRS))]


# The first k-th score moves into the branch for synonyms of several words, after the new one;
# migration 0012's pairs of tiers give way to it.
RANKING_CHANGES = [
    ("    gathered_ceiling float8;\n", ""),
    (
        first_bound() + TWELVE.numbered(TWELVE.TIER_PAIRS),
        LAZY_PAIRS + textwrap.indent(first_bound(), "    "),
    ),
]


def previous_changes():
    return [*TWELVE.previous_changes(), *TWELVE.RANKING_CHANGES]


class Migration(migrations.Migration):
    dependencies = [("search", "0013_search_snippet_stops_at_its_second_sentence")]

    operations = [TWELVE.PAIRS.search_top_changed(previous_changes, RANKING_CHANGES)]
