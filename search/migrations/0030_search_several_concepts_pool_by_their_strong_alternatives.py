"""A search of three words or more picks the pages it scores by each concept's strong
alternatives only, and scores k + 40 of them exactly, not k + 90. A page's score is
unchanged; which pages are scored changes a little.

Such a search pools each concept's upper pages and estimates the pooled pages from their tiers
(migrations 0009, 0017 and 0018), then scores the best estimates exactly. A concept widened by a
synonym of common words read every tier of those words too: "lumbar" is also "lower back", and
"back" is in 96% of pages, "lower" in 77% (at 100,000 Q&As). Those stems weigh little (idf 0.04
and 0.26, against 1.7 for "lumbar"), so a page that holds the concept only through them can gain
little from it. The slowest tenth of make bench's four-word searches were such searches.

Now an alternative weighing less than WEAK_SHARE of its concept's heaviest (its stems' weights
summed) is left out of the pool and the estimates; every alternative still counts in the exact
scores, so a page's score is what it was. An estimate without such an alternative may fall short
of the page's score by up to its weights x the most impact a stem can have, so the margin by
which an estimate may trail the k-th best and still be scored grows by that much (on few pages,
where every page is pooled, the ranking stays exact: tests/search/test_index.py). Among the best
estimates, k + 40 pages are scored exactly: on make bench's queries the same top ten as k + 90.

Measured against migration 0023, interleaved with tantivy (PostgreSQL 18, 100,000 Q&As, the
bench's 100 four-word and 100 three-word searches, medians of 3 passes, load average about 3):
- four words: p50 7.6 to 7.3 ms, p95 12.3 to 10.8 ms (x7.2 to x6.9 and x8.5 to x7.4 tantivy),
  recall@10 against exact BM25F 0.921 both;
- three words: p50 4.9 to 4.8 ms, p95 8.2 to 8.5 ms (within the noise), recall@10 0.916 to 0.917;
- the top ten changed for 8 of the four-word searches and 9 of the three-word ones.
"""

import importlib

from django.db import migrations

TWENTYTHREE = importlib.import_module("search.migrations.0023_search_several_words_read_less")
PAIRS = TWENTYTHREE.PAIRS

# An alternative lighter than this share of its concept's heaviest does not pick pages.
WEAK_SHARE = 0.3
# Pages scored exactly beyond k, best estimate first.
RESCORED = 40
# Ten times the most a stem's impact can be (k1 + 1, search/index.py): an estimate's units.
LIGHT_MOST = 22

RANKING_CHANGES = [
    (
        """\
            WITH q AS (
                SELECT *, count(*) OVER (PARTITION BY concept) AS stems,
                       max(size) OVER (PARTITION BY concept) AS longest
                FROM unnest(terms, weights, term_concepts, term_alternatives, sizes)
                    AS q(term_id, weight, concept, alternative, size)
            ), stems AS (""",
        f"""\
            WITH weighed AS (
                SELECT *, sum(weight) OVER (PARTITION BY concept, alternative) AS heft
                FROM unnest(terms, weights, term_concepts, term_alternatives, sizes)
                    AS u(term_id, weight, concept, alternative, size)
            ), alternatives AS (
                -- A light alternative (common words) adds little to any page's score: it picks
                -- no pages, is left out of the estimates, and counts in the exact scores alone.
                SELECT DISTINCT concept, alternative, heft,
                       heft < {WEAK_SHARE} * max(heft) OVER (PARTITION BY concept) AS light
                FROM weighed
            ), strong AS (
                SELECT w.term_id, w.weight, w.concept, w.alternative, w.size
                FROM weighed AS w JOIN alternatives AS a USING (concept, alternative)
                WHERE NOT a.light
            ), q AS (
                SELECT *, count(*) OVER (PARTITION BY concept) AS stems,
                       max(size) OVER (PARTITION BY concept) AS longest
                FROM strong
            ), stems AS (""",  # noqa: S608 - a number of this module
    ),
    (
        """\
                    FROM unnest(terms, term_concepts, term_alternatives)
                        AS q(term_id, concept, alternative), search_corpus AS c""",
        """\
                    FROM strong AS q, search_corpus AS c""",
    ),
    (
        # An estimate leaves a light alternative out: a page may score up to its weights x the
        # most impact above it (ten times, as estimates are).
        """\
                           - (SELECT sum(spread) FROM (
                                  SELECT concept, max(spread) AS spread FROM (
                                      SELECT concept, sum(weight) AS spread FROM q GROUP BY concept, alternative
                                  ) AS per_alternative GROUP BY concept
                              ) AS per_concept) * (1 + 1e-5)""",
        f"""\
                           - (SELECT sum(spread) FROM (
                                  SELECT concept, max(heft) FILTER (WHERE NOT light)
                                         + coalesce({LIGHT_MOST} * max(heft) FILTER (WHERE light), 0)
                                         AS spread
                                  FROM alternatives GROUP BY concept
                              ) AS per_concept) * (1 + 1e-5)""",  # noqa: S608 - a number of this module
    ),
    ("LIMIT k + 90", f"LIMIT k + {RESCORED}"),
]


def previous_changes():
    return [*TWENTYTHREE.previous_changes(), *TWENTYTHREE.RANKING_CHANGES]


class Migration(migrations.Migration):
    dependencies = [("search", "0029_search_gap_dealt_with_at")]

    operations = [PAIRS.search_top_changed(previous_changes, RANKING_CHANGES)]
