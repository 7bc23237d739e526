"""search_top() leaves out alternatives it can never match, and counts a several-word synonym
only by the pages holding all of it.

- An alternative with a stem no page holds (a synonym "herniated disc" over an archive without
  "herniated") can never count. Its other stems stayed in the lists, and the best score a page
  not read yet could have counted them, so a query like "slipped disc" read every list to its
  end (~120 ms at 100,000 Q&As). It is now dropped with its stems.
- "One stem alone is in more pages than are counted" holds only for a stem that is a whole
  alternative on its own: "disc" on 10,000 pages says nothing of how many hold "slipped disc".

Each change is an exact replacement in migration 0005's function, checked to apply.
"""

import importlib

from django.db import migrations

READS_LESS = importlib.import_module("search.migrations.0005_search_top_reads_less")

CHANGES = [
    (
        "    WHERE t.documents > 0;",
        """    WHERE t.documents > 0 AND NOT EXISTS (
        SELECT FROM unnest(lexemes, concepts, alternatives) AS o(lexeme, concept, alternative)
        WHERE (o.concept, o.alternative) = (q.concept, q.alternative) AND NOT EXISTS (
            SELECT FROM search_term AS u WHERE u.lexeme = o.lexeme AND u.documents > 0));""",
    ),
    (
        "ELSIF NOT filtered AND (SELECT max(documents) FROM search_term WHERE id = ANY(lists))",
        """ELSIF NOT filtered AND (SELECT max(t.documents) FROM unnest(terms, sizes) AS u(id, size)
                           JOIN search_term AS t USING (id) WHERE u.size = 1)""",
    ),
]


def ranking():
    """Migration 0005's search_top with CHANGES made."""
    return READS_LESS.changed(READS_LESS.RANKING, CHANGES)


def create_search_top(apps, schema_editor):
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(READS_LESS.formatted(ranking()))


def restore_search_top(apps, schema_editor):
    READS_LESS.create_search_top(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [("search", "0005_search_top_reads_less")]

    operations = [migrations.RunPython(create_search_top, restore_search_top)]
