"""A search of three words or more no longer reads every tier of its stems whole to count them.
Rankings are unchanged.

Such a search takes each concept's upper pages, tier by tier from the top, until it has a share
of the archive (migration 0018). It counted a tier with cardinality(), which reads the whole
array: every tier of every stem, however few it then took, and a stem in most pages has arrays
of tens of thousands of ids ("back": 96,221 pages at 100,000 Q&As). search_tier now keeps each
array's length in a generated column, written by PostgreSQL on every write.

Measured alternately against migration 0022 (PostgreSQL 18, 100,000 Q&As, medians of 9, the
same top ten and count for every query): `make bench`'s 100 four-word queries, `ranked()` p50
9.8 to 9.4 ms, p95 15.6 to 15.1 ms.
"""

import importlib

from django.db import migrations

TWENTYTWO = importlib.import_module(
    "search.migrations.0022_search_phrase_blocks_scale_with_their_words"
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
