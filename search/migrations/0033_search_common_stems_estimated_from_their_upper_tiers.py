"""A search of three words or more estimates a concept of one stem in most pages from that stem's
upper tiers only; rankings change a little.

Such a search estimates each pooled page from the tiers it is in, a row per page and concept
(migrations 0009, 0017 and 0030), and every tier of every stem is read and intersected with the
pool. A stem in most pages ("symptom" is in 84% of them at 100,000 Q&As, "session" in 67%) has
long lower tiers: reading them costs the most of any stem's, yet they add least, as such a stem
weighs little (idf under ln 2) and most pooled pages hold it somewhere in them.

Now a concept whose one strong stem is in more than half the pages reads that stem's lower tiers'
sizes only (stored beside them: no page ids). A pooled page in none of its upper tiers is taken
to hold it at the lower tiers' mean worth, counting pages without it as 0; as that is the same
for every such page, each page in an upper tier is estimated at its tier's worth less that mean,
and the others at 0 for the concept, which ranks the pool alike. Every stem still counts in the
exact scores, so a page's score is what it was. An estimate may then be off for that concept by
up to the stem's weight x the most impact a stem can have, so the margin by which an estimate
may trail the k-th best and still be scored grows by that much, as for a light alternative
(migration 0030). On few pages, where every page is in a stem's upper tiers, nothing changes
and the ranking stays exact (tests/search/test_index.py).

Measured against migration 0032, interleaved with tantivy (PostgreSQL 18, 100,000 Q&As, the
bench's 100 searches of each length, medians of 3 passes, load average 1.6 to 2.2, four runs of
four words and three of three): four words p50 7.67 / 9.95 / 9.20 / 9.66 to 7.34 / 9.71 / 8.64
/ 9.42 ms, p95 11.2 / 14.8 / 13.2 / 14.1 to 11.7 / 14.6 / 12.3 / 13.9 ms (x6.31 / x6.65 / x5.97
/ x6.31 to x6.03 / x6.48 / x5.61 / x6.16 tantivy at p50), recall@10 against exact BM25F 0.930
both; three words p50 7.25 / 8.10 / 7.87 to 6.95 / 7.87 / 7.69 ms, recall@10 0.915 to 0.906.
This machine ran about 1.5 times slower than on the day of docs/benchmarks.md.
Taking a concept as common from 40% of the pages, not half, was no faster and lost recall
(0.902 at three words); from 30%, 0.901 at four words and 0.884 at three.
"""

import importlib

from django.db import migrations

THIRTYTWO = importlib.import_module(
    "search.migrations.0032_search_estimates_set_returning_in_the_select_list"
)
PAIRS = THIRTYTWO.PAIRS

# Ten times the most a stem's impact can be, as for a light alternative: an estimate's units.
MOST_IMPACT = THIRTYTWO.THIRTY.LIGHT_MOST

RANKING_CHANGES = [
    (
        """\
            ), q AS (
                SELECT *, count(*) OVER (PARTITION BY concept) AS stems,
                       max(size) OVER (PARTITION BY concept) AS longest
                FROM strong
            ), stems AS (
                SELECT q.concept, q.alternative, q.term_id, q.share, s.chunk, s.documents,
                       sum(s.size) OVER (
                           PARTITION BY q.concept, q.alternative, q.term_id ORDER BY s.tier DESC, s.chunk
                       ) AS reached, s.size
                FROM search_tier AS s JOIN (
                    SELECT q.*, greatest(6500, 0.065 * c.documents)
                                / count(*) OVER (PARTITION BY concept) AS share
                    FROM strong AS q, search_corpus AS c
                ) AS q USING (term_id)
            ), upper AS (""",
        """\
            ), counted AS (
                SELECT *, count(*) OVER (PARTITION BY concept) AS stems,
                       max(size) OVER (PARTITION BY concept) AS longest
                FROM strong
            ), q AS (
                -- A concept of one stem in most pages (idf under ln 2) is common.
                SELECT *, stems = 1 AND weight < ln(2) AS common FROM counted
            ), stems AS (
                SELECT q.concept, q.alternative, q.term_id, q.share, s.chunk, s.documents,
                       sum(s.size) OVER (
                           PARTITION BY q.concept, q.alternative, q.term_id ORDER BY s.tier DESC, s.chunk
                       ) AS reached, s.size, s.tier, q.weight, q.size AS alternative_size, q.stems,
                       q.longest, q.common
                FROM search_tier AS s JOIN (
                    SELECT q.*, greatest(6500, 0.065 * c.documents) / q.stems AS share
                    FROM q, search_corpus AS c
                ) AS q USING (term_id)
            ), assumed AS (
                -- A common concept's lower tiers are not read: a page in none of its upper tiers
                -- is taken to be at their mean worth (0 where the stem is not), from their sizes.
                SELECT s.concept, s.term_id,
                       sum(s.weight * (s.tier + 0.5::float8) * s.size)
                           FILTER (WHERE s.reached - s.size >= s.share)
                       / greatest(1, max(c.documents) - coalesce(
                           sum(s.size) FILTER (WHERE s.reached - s.size < s.share), 0)) AS worth
                FROM stems AS s, search_corpus AS c WHERE s.common GROUP BY s.concept, s.term_id
            ), upper AS (""",
    ),
    (
        """\
            ), tiers AS (
                SELECT q.concept, q.alternative, q.size, q.stems, q.longest,
                       q.weight * (s.tier + 0.5::float8) AS worth, s.documents & pool.ids AS ids
                FROM search_tier AS s JOIN q USING (term_id) JOIN pool USING (chunk)
            ), worths AS (""",
        """\
            ), tiers AS (
                -- That mean is the same for every such page: an upper tier's pages count what
                -- they have above it, and the others 0, which ranks the pages alike.
                SELECT s.concept, s.alternative, s.alternative_size AS size, s.stems, s.longest,
                       s.weight * (s.tier + 0.5::float8) - coalesce(a.worth, 0) AS worth,
                       s.documents & pool.ids AS ids
                FROM stems AS s JOIN pool USING (chunk) LEFT JOIN assumed AS a USING (concept, term_id)
                WHERE NOT s.common OR s.reached - s.size < s.share
            ), worths AS (""",
    ),
    (
        """\
                                  FROM alternatives GROUP BY concept
                              ) AS per_concept) * (1 + 1e-5)""",
        f"""\
                                  FROM alternatives GROUP BY concept
                                  UNION ALL
                                  -- A common concept's estimate may be off by its weight x the
                                  -- most impact.
                                  SELECT concept, {MOST_IMPACT} * weight FROM q WHERE common
                              ) AS per_concept) * (1 + 1e-5)""",  # noqa: S608 - a number of this module
    ),
]


def previous_changes():
    return [*THIRTYTWO.previous_changes(), *THIRTYTWO.RANKING_CHANGES]


class Migration(migrations.Migration):
    dependencies = [("search", "0032_search_estimates_set_returning_in_the_select_list")]

    operations = [PAIRS.search_top_changed(previous_changes, RANKING_CHANGES)]
