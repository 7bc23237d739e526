"""The index forgets a stem once no indexed page holds it, as it already forgot such a word.

search_forget() (migration 0002) deleted a word as written (search_word) when its last page left
the index, but kept the stem (search_term) with a count of 0 until the next `manage.py
rebuild_search_index`. A place or a person an editor took out of a Q&A, or a Q&A unpublished,
stayed in the database that way, and spelling correction read such a stem as the archive's own:
"sheffeld" was still shown as "Showing results for sheffield" (the English word whose stem it
was). Now the stems that a forgotten page held and that no page holds any more are deleted in
the same transaction, with their tiers (search_tier, empty by then), so the index holds what a
rebuild would make; stems left at 0 by the earlier function are deleted once here.

Only the stems of the pages forgotten are looked at, by the unique index on search_term.lexeme:
no statement reads the whole table. A page indexed meanwhile with such a stem waits for this
transaction (its insert meets the stem's row, locked by the update), then adds it afresh.
"""

import importlib

from django.db import migrations

SEVEN = importlib.import_module("search.migrations.0007_search_tiers")

FORGET_STEMS = [
    (
        "    DELETE FROM search_word WHERE documents <= 0;\n",
        """    DELETE FROM search_word WHERE documents <= 0;
    -- Stems no indexed page holds any more go too, and their tiers (emptied with the postings).
    WITH gone AS (
        DELETE FROM search_term AS t
        WHERE t.documents <= 0 AND t.lexeme IN (
            SELECT l.lexeme FROM unnest(pages) AS p, unnest(tsvector_to_array(p.vector)) AS l(lexeme))
        RETURNING t.id
    )
    DELETE FROM search_tier WHERE term_id IN (SELECT id FROM gone);
""",
    ),
]

# What the earlier search_forget() left behind.
FORGET_LEFT_OVER_STEMS = """
WITH gone AS (DELETE FROM search_term WHERE documents <= 0 RETURNING id)
DELETE FROM search_tier WHERE term_id IN (SELECT id FROM gone);
"""


def forget_function(changes=()):
    """search_forget() as migration 0002 created it, with `changes` made."""
    return SEVEN.function_of_0002("search_forget", changes)


def forget_stems(apps, schema_editor):
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(forget_function(FORGET_STEMS))
        cursor.execute(FORGET_LEFT_OVER_STEMS)


def keep_stems(apps, schema_editor):
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(forget_function())


class Migration(migrations.Migration):
    dependencies = [("search", "0026_search_gap_missing_words")]

    operations = [migrations.RunPython(forget_stems, keep_stems)]
