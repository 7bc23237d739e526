"""A search of three words or more estimates its pooled pages with less array work: a
concept's pages already counted are found per chunk and taken from a tier's own few, and the
pages not shown yet are looked up once. Rankings are unchanged.

Such a search (migrations 0009, 0017, 0030 and 0033) counts a page of a concept of several
one-stem alternatives ("vertigo": dizzy, giddy, unsteady...) at its best tier: the concept's
tiers best first, each without the pages of those before, their union kept as a window runs.
That union held the concept's pooled pages of both chunks, though a tier's pages are all in one,
and each tier took the whole union from its few pages: intarray's `-` sorts and dedupes its
right side whole, about three times the cost of intersecting the same arrays. Now the union runs
per chunk, and a tier takes away only the pages it shares with it (`ids - (ids & before)`: the
same pages).

The k + 40 best estimates were then looked up one by one in search_document, to leave out pages
not shown yet. Those pages are now read once, through the index on published_at (usually none),
and left out of the same k + 40.

Measured against migration 0033 (0034 to 0039 leave search_top as it was), interleaved with
tantivy (PostgreSQL 18, 100,000 Q&As, the bench's 100 searches, medians of 3 passes, load
average 1.2 to 1.5, two runs): four words p50 4.72 / 4.77 to 4.57 / 4.55 ms, p95 6.92 / 6.90 to
6.25 / 6.27 ms (x6.54 / x6.60 to x6.33 / x6.29 tantivy at p50, x6.76 / x6.97 to x6.11 / x6.34
at p95); three words p50 3.33 to 3.18 ms, p95 4.63 to 4.38 ms. The same top ten for every
search; recall@10 against exact BM25F 0.930 (four words) and 0.906 (three) both.

What is left of a four-word search is spread over work each pooled page or tier needs (perf,
share of the backend's time): the tiers' intersections with the pool about a fifth, the upper
tiers' unions and their pairs' intersections a fifth, the estimates' aggregation and top k + 40
a fifth, the exact scores a tenth, the top postings a twentieth. Intersecting a stem's upper
tiers with its own pooled pages first, the top postings read from the stems' top tiers, a page's
best alternative by aggregation instead of the window, an estimate floor before the top k + 40
and unions ordered by size were each no faster. Pooling each concept's upper 4,500 pages, not
6,500, is 18% faster, but recall@10 falls to 0.854 (3,000: 30% faster, 0.723).
"""

import importlib

from django.db import migrations

THIRTYTHREE = importlib.import_module(
    "search.migrations.0033_search_common_stems_estimated_from_their_upper_tiers"
)
PAIRS = THIRTYTHREE.PAIRS

RANKING_CHANGES = [
    (
        """\
                       s.documents & pool.ids AS ids
                FROM stems AS s JOIN pool USING (chunk) LEFT JOIN assumed AS a USING (concept, term_id)""",
        """\
                       s.documents & pool.ids AS ids, chunk
                FROM stems AS s JOIN pool USING (chunk) LEFT JOIN assumed AS a USING (concept, term_id)""",
    ),
    (
        """\
                    SELECT worth, ids - coalesce(search_union(ids) OVER (
                               PARTITION BY concept ORDER BY worth DESC
                               ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), ARRAY[]::int[]) AS ids""",
        """\
                    -- Per chunk (a tier's pages are in one), and less only the pages a tier
                    -- shares with those before: intarray's - sorts its right side whole.
                    SELECT worth, ids - (ids & coalesce(search_union(ids) OVER (
                               PARTITION BY concept, chunk ORDER BY worth DESC
                               ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), ARRAY[]::int[])) AS ids""",
    ),
    (
        """\
                    GROUP BY 1 ORDER BY 2 DESC LIMIT k + 40
                ) AS w JOIN search_document AS d ON d.id = w.document_id
                WHERE d.published_at <= statement_timestamp()""",
        """\
                    GROUP BY 1 ORDER BY 2 DESC LIMIT k + 40
                ) AS w
                -- The pages not shown yet, read once by the index on published_at (usually none).
                WHERE w.document_id <> ALL (ARRAY(SELECT d.id FROM search_document AS d
                                                  WHERE d.published_at > statement_timestamp()))""",
    ),
]


def previous_changes():
    return [*THIRTYTHREE.previous_changes(), *THIRTYTHREE.RANKING_CHANGES]


class Migration(migrations.Migration):
    dependencies = [("search", "0039_backpain_synonym")]

    operations = [PAIRS.search_top_changed(previous_changes, RANKING_CHANGES)]
