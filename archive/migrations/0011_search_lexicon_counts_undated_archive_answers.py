"""The search lexicon's views count every published Q&A, the undated ones from the earlier
archive included (0003 counted only those with a publication date). The views are re-created
from 0003's statements with the new condition."""

from importlib import import_module

from django.db import migrations

LEXICON = import_module("archive.migrations.0003_search_lexicon")
PUBLISHED = (
    "status = 'published' AND (published_at IS NULL OR published_at <= statement_timestamp())"
)


def create_views(published):
    def create(apps, schema_editor):
        with schema_editor.connection.cursor() as cursor:
            cursor.execute("SELECT current_schema()")
            schema = schema_editor.quote_name(cursor.fetchone()[0])
            cursor.execute(LEXICON.DROP)
            cursor.execute(
                LEXICON.CREATE.format(
                    schema=schema, published=published, factsheet_text=LEXICON.FACTSHEET_TEXT
                )
            )

    return create


class Migration(migrations.Migration):
    dependencies = [("archive", "0010_question_provenance_and_original_title")]

    operations = [
        migrations.RunPython(create_views(PUBLISHED), create_views(LEXICON.PUBLISHED)),
    ]
