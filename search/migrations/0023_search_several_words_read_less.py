"""A search of three words or more reads less of its stems' tiers. Its rankings of
`make bench`'s queries are unchanged.

Such a search takes each concept's upper pages, tier by tier from the top, until it has a share
of the archive (migration 0018). It counted a tier with cardinality(), which reads the whole
array: every tier of every stem, however few it then took, and a stem in most pages has arrays
of tens of thousands of ids ("back": 96,221 pages at 100,000 Q&As). search_tier now keeps each
array's length in a generated column, written by PostgreSQL on every write.

The pages of the pool are then estimated from every tier of every stem. When one concept alone
has stems in most pages ("needles", "symptoms", "lumbar" as "lower back"), those stems weigh
little (idf under ln 2) and their tiers are the longest to read: they are now left out of the
estimates, and the most they can add (their weight x the top of their highest tier) widens the
margin within which an estimate below the k-th is still scored exactly. With two such concepts
or more, they are read as before: left out, they would decide too much of the order.

Measured alternately against migration 0022 (PostgreSQL 18, 100,000 Q&As, medians of 15):
`make bench`'s 100 four-word queries, `ranked()` p50 9.7 to 9.1 ms, p95 15.3 to 13.9 ms, the
same top ten and count for every one, recall@10 against exact BM25F 0.935 both; 50 four-word
queries with two to four words in most pages, the same top ten for every one.
"""

import importlib

from django.db import migrations

TWENTYTWO = importlib.import_module(
    "search.migrations.0022_search_phrase_blocks_scale_with_their_words"
)
SEVENTEEN = importlib.import_module(
    "search.migrations.0017_search_estimates_several_concepts_in_one_pass"
)
PAIRS = TWENTYTWO.PAIRS

RANKING_CHANGES = [
    (
        """\
                       sum(cardinality(s.documents)) OVER (
                           PARTITION BY q.concept, q.alternative, q.term_id ORDER BY s.tier DESC, s.chunk
                       ) AS reached
""",
        """\
                       sum(s.size) OVER (
                           PARTITION BY q.concept, q.alternative, q.term_id ORDER BY s.tier DESC, s.chunk
                       ) AS reached, s.size
""",
    ),
    (
        "FROM stems WHERE reached - cardinality(documents) < share",
        "FROM stems WHERE reached - size < share",
    ),
    (
        """\
    area_pages int[];
BEGIN
""",
        """\
    area_pages int[];
    assumed int[];
BEGIN
""",
    ),
    (
        """\
        -- (see migration 0009).
        candidates := ARRAY(
"""
        + SEVENTEEN.STEMS,
        """\
        -- (see migration 0009). When one concept alone has stems in most pages, their tiers
        -- are left out of the estimates, as if worth nothing there (they are the longest to
        -- read); the most they can add widens the margin below.
        assumed := (SELECT array_agg(q.term_id) FROM unnest(terms, term_concepts) AS q(term_id, concept)
                    JOIN search_term AS t ON t.id = q.term_id CROSS JOIN search_corpus AS c
                    WHERE t.documents > c.documents / 2 HAVING count(DISTINCT q.concept) = 1);
        candidates := ARRAY(
            WITH q AS (
                SELECT *, count(*) OVER (PARTITION BY concept) AS stems,
                       max(size) OVER (PARTITION BY concept) AS longest,
                       count(*) FILTER (WHERE NOT assumed) OVER (PARTITION BY concept, alternative) AS kept
                FROM (SELECT q.*, q.term_id = ANY(assumed) IS TRUE AS assumed,
                             -- Estimates are ten times the score: the top of its highest tier.
                             CASE WHEN q.term_id = ANY(assumed)
                                  THEN q.weight * ((SELECT max(s.tier) FROM search_tier AS s
                                                    WHERE s.term_id = q.term_id) + 1)
                                  ELSE q.weight END AS spread
                      FROM unnest(terms, weights, term_concepts, term_alternatives, sizes)
                          AS q(term_id, weight, concept, alternative, size)) AS q
            ), stems AS (
""",
    ),
    (
        """\
                SELECT q.concept, q.alternative, q.size, q.stems, q.longest,
                       q.weight * (s.tier + 0.5::float8) AS worth, s.documents & pool.ids AS ids
                FROM search_tier AS s JOIN q USING (term_id) JOIN pool USING (chunk)
""",
        """\
                SELECT q.concept, q.alternative, q.kept AS size, q.stems, q.longest,
                       q.weight * (s.tier + 0.5::float8) AS worth, s.documents & pool.ids AS ids
                FROM search_tier AS s JOIN q USING (term_id) JOIN pool USING (chunk)
                WHERE NOT q.assumed
""",
    ),
    (
        "SELECT concept, sum(weight) AS spread FROM q GROUP BY concept, alternative",
        "SELECT concept, sum(spread) AS spread FROM q GROUP BY concept, alternative",
    ),
]


def previous_changes():
    return [*TWENTYTWO.previous_changes(), *TWENTYTWO.RANKING_CHANGES]


class Migration(migrations.Migration):
    dependencies = [("search", "0022_search_phrase_blocks_scale_with_their_words")]

    operations = [
        migrations.RunSQL(
            "ALTER TABLE search_tier"
            " ADD COLUMN size int GENERATED ALWAYS AS (cardinality(documents)) STORED",
            "ALTER TABLE search_tier DROP COLUMN size",
        ),
        PAIRS.search_top_changed(previous_changes, RANKING_CHANGES),
    ]
