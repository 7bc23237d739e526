"""A search of three words or more makes its estimates' rows with unnest() in the select list,
not in FROM. Rankings are unchanged.

Such a search estimates each pooled page from the tiers it is in: a row per page and concept
(about 7,000 for four words at 100,000 Q&As), summed per page (migrations 0009 and 0017). A
set-returning function in FROM is run by a Function Scan, which writes all its rows to a
tuplestore before the first is read; in the select list it is run by a ProjectSet node, which
hands each row on as it is made. The estimates were the costliest step of such a search (about
2.9 ms of 7.9 at p50, measured by leaving them out).

Measured against migration 0031, interleaved with tantivy (PostgreSQL 18, 100,000 Q&As, the
bench's 100 searches of each length, medians of 3 passes, three runs, load average about 1):
four words p50 8.2 / 7.8 / 6.7 to 7.6 / 7.3 / 6.2 ms, p95 12.2 / 11.9 / 9.1 to 11.3 / 11.5 /
8.8 ms; three words p50 4.7 / 4.7 to 4.3 / 4.4 ms; the same top ten and count for every one.
"""

import importlib

from django.db import migrations

THIRTY = importlib.import_module(
    "search.migrations.0030_search_several_concepts_pool_by_their_strong_alternatives"
)
PAIRS = THIRTY.PAIRS

RANKING_CHANGES = [
    (
        """\
                SELECT u.document_id, t.worth FROM tiers AS t, unnest(t.ids) AS u(document_id)
                WHERE t.stems = 1""",
        """\
                SELECT unnest(t.ids) AS document_id, t.worth FROM tiers AS t
                WHERE t.stems = 1""",
    ),
    (
        """\
                SELECT u.document_id, d.worth FROM (""",
        """\
                SELECT unnest(d.ids) AS document_id, d.worth FROM (""",
    ),
    (
        """\
                ) AS d, unnest(d.ids) AS u(document_id)""",
        """\
                ) AS d""",
    ),
    (
        """\
                    SELECT u.document_id, t.concept, sum(t.worth) AS worth
                    FROM tiers AS t, unnest(t.ids) AS u(document_id) WHERE t.longest > 1
                    GROUP BY u.document_id, t.concept, t.alternative, t.size HAVING count(*) = t.size""",
        """\
                    SELECT u.document_id, u.concept, sum(u.worth) AS worth FROM (
                        SELECT unnest(t.ids) AS document_id, t.concept, t.alternative, t.size, t.worth
                        FROM tiers AS t WHERE t.longest > 1
                    ) AS u
                    GROUP BY u.document_id, u.concept, u.alternative, u.size HAVING count(*) = u.size""",
    ),
]


def previous_changes():
    return [*THIRTY.previous_changes(), *THIRTY.RANKING_CHANGES]


class Migration(migrations.Migration):
    dependencies = [("search", "0031_search_document_terms")]

    operations = [PAIRS.search_top_changed(previous_changes, RANKING_CHANGES)]
