"""A search of three or more concepts pools a share of the archive, not a fixed number of pages,
and intersects each tier with the pooled pages of its own chunk only.

Migration 0009's pool holds the pages in the upper pages of at least two concepts, each concept
reading its tiers down to about 6,500 pages: 6.5% of 100,000 Q&As, where it finds nine in ten of
the exact top ten of four words, but 0.65% of a million, where it found a third (recall@10 0.326,
docs/benchmarks-large.md). A concept now reads down to 6.5% of the archive's pages (at least
6,500, as before), so that the pool keeps its share as the archive grows, and with it recall; a
search of several words then costs in proportion to the archive, as a search engine's does.

Each stem's tiers are kept by chunk of 65,536 page ids (migration 0007), and every one was
intersected with the whole pool, sorted int arrays both: the pool was read once per tier and
chunk. The upper pages, the pool and its intersections are now per chunk, so that each tier's
chunk meets only the pooled pages of that chunk: half the reading at 100,000 Q&As, a sixteenth
at a million. Rankings are otherwise unchanged.

Measured against migration 0017, alternately, on make bench's 100 four-word searches (PostgreSQL
15, 100,000 Q&As, medians of 3): p50 8.5 to 8.1 ms, p95 13.2 to 12.2 ms, with the same top ten
and count for every one.
"""

import importlib

from django.db import migrations

SEVENTEEN = importlib.import_module(
    "search.migrations.0017_search_estimates_several_concepts_in_one_pass"
)
SEVERAL = SEVENTEEN.SEVERAL
PAIRS = SEVENTEEN.PAIRS
READS_LESS = SEVENTEEN.READS_LESS

# A concept's upper pages, shared among its stems: this share of the archive's pages, and at
# least migration 0009's number.
UPPER_SHARE = 0.065

UPPER_BY_CHUNK = [
    (
        "                SELECT q.concept, q.alternative, q.term_id, q.share, s.documents,\n",
        "                SELECT q.concept, q.alternative, q.term_id, q.share, s.chunk, s.documents,\n",
    ),
    (
        f"""\
                    SELECT *, {SEVERAL.UPPER_PAGES} / count(*) OVER (PARTITION BY concept) AS share
                    FROM unnest(terms, term_concepts, term_alternatives) AS q(term_id, concept, alternative)
""",
        f"""\
                    SELECT q.*, greatest({SEVERAL.UPPER_PAGES}, {UPPER_SHARE} * c.documents)
                                / count(*) OVER (PARTITION BY concept) AS share
                    FROM unnest(terms, term_concepts, term_alternatives)
                        AS q(term_id, concept, alternative), search_corpus AS c
""",
    ),
    (
        "                SELECT concept, search_union(ids) AS ids FROM (\n",
        "                -- Per chunk: an alternative's stems (each once) must all have upper pages in it.\n"
        "                SELECT concept, chunk, search_union(ids) AS ids FROM (\n",
    ),
    (
        "                    SELECT concept, alternative, search_intersection(ids) AS ids FROM (\n",
        "                    SELECT concept, alternative, chunk, search_intersection(ids) AS ids FROM (\n",
    ),
    (
        """\
                        SELECT concept, alternative, term_id, search_union(documents) AS ids FROM stems
                        WHERE reached - cardinality(documents) < share GROUP BY 1, 2, 3
                    ) AS per_stem GROUP BY 1, 2
                ) AS per_alternative GROUP BY 1
""",
        """\
                        SELECT concept, alternative, term_id, chunk, search_union(documents) AS ids
                        FROM stems WHERE reached - cardinality(documents) < share GROUP BY 1, 2, 3, 4
                    ) AS per_stem GROUP BY 1, 2, 3
                    HAVING count(*) = (SELECT count(DISTINCT o.term_id) FROM q AS o
                                       WHERE o.concept = per_stem.concept AND o.alternative = per_stem.alternative)
                ) AS per_alternative GROUP BY 1, 2
""",
    ),
]

POOL_BY_CHUNK = [
    (
        """\
                SELECT search_union(ids) AS ids FROM (
                    SELECT a.ids & b.ids AS ids FROM upper AS a JOIN upper AS b ON a.concept < b.concept
""",
        """\
                SELECT chunk, search_union(ids) AS ids FROM (
                    SELECT a.chunk, a.ids & b.ids AS ids FROM upper AS a
                    JOIN upper AS b ON a.concept < b.concept AND a.chunk = b.chunk
""",
    ),
    (
        "                    SELECT sort(array_agg(l.document_id)) FROM q,\n",
        "                    SELECT l.document_id >> 16, sort(array_agg(l.document_id)) FROM q,\n",
    ),
    (
        f"""\
                             ORDER BY p.impact DESC LIMIT ceil({SEVERAL.TOP_PAGES}::float8 / q.stems)) AS l
                ) AS chosen
""",
        f"""\
                             ORDER BY p.impact DESC LIMIT ceil({SEVERAL.TOP_PAGES}::float8 / q.stems)) AS l
                    GROUP BY 1
                ) AS chosen GROUP BY chunk
""",
    ),
    (
        "                FROM search_tier AS s JOIN q USING (term_id) CROSS JOIN pool\n",
        "                FROM search_tier AS s JOIN q USING (term_id) JOIN pool USING (chunk)\n",
    ),
]


def candidates_changed():
    """The pick of the pages to score exactly, as this migration makes it."""
    return READS_LESS.changed(SEVENTEEN.candidates_changed(), [*UPPER_BY_CHUNK, *POOL_BY_CHUNK])


RANKING_CHANGES = [(SEVENTEEN.candidates_changed(), candidates_changed())]


def previous_changes():
    return [*SEVENTEEN.previous_changes(), *SEVENTEEN.RANKING_CHANGES]


class Migration(migrations.Migration):
    dependencies = [("search", "0017_search_estimates_several_concepts_in_one_pass")]

    operations = [PAIRS.search_top_changed(previous_changes, RANKING_CHANGES)]
