"""search_tier keeps each array's length beside it, so that a search of three words or more
no longer reads every tier of its stems whole to count them.

Such a search takes each concept's upper pages, tier by tier from the top, until it has a share
of the archive (migration 0018). It counted a tier with cardinality(), which reads the whole
array: every tier of every stem of the query, however few it then took. A stem in most pages has
arrays of tens of thousands of ids ("back" 96,221 pages at 100,000 Q&As). The length is now a
generated column, kept by PostgreSQL on every write; rankings are unchanged.

Measured alternately against migration 0022 (PostgreSQL 18, 100,000 Q&As, `make bench`'s 100
four-word queries, medians of 9, the same top ten and count for every one): `ranked()` p50 9.8
to 9.4 ms, p95 15.6 to 15.1 ms.
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
