"""The words of English and how often each is used, from pyspellchecker's English list, for
spelling correction (search.query.CORRECTION_SQL): a common word of English is never corrected.

The American spelling "disk" joins the synonyms, so that either spelling finds pages with the
other, as "hematoma" does. Unapplying removes that row only if it is as added.
"""

from django.db import migrations, models


def load_english_words(apps, schema_editor):
    from spellchecker import SpellChecker

    counts = {}
    for word, frequency in SpellChecker(language="en").word_frequency.items():
        word = word.lower()
        counts[word] = max(frequency, counts.get(word, 0))
    table = apps.get_model("search", "EnglishWord")._meta.db_table
    # One statement for 160,000 rows: bulk_create would build as many model instances first.
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (word, frequency) "  # noqa: S608 - the model's own table
            "SELECT * FROM unnest(%s::text[], %s::bigint[])",
            [list(counts), list(counts.values())],
        )


DISK = {"lay_term": "disk", "clinical_terms": "disc"}


def adding_synonym(row):
    """RunPython's two functions for a synonym row: add it unless its lay term is listed
    already; remove it only if it is as added."""

    def add(apps, schema_editor):
        Synonym = apps.get_model("search", "Synonym")
        if not Synonym.objects.filter(lay_term__iexact=row["lay_term"]).exists():
            Synonym.objects.create(**row)

    def remove(apps, schema_editor):
        apps.get_model("search", "Synonym").objects.filter(**row).delete()

    return add, remove


class Migration(migrations.Migration):
    dependencies = [("search", "0019_search_admits_is_inlined")]

    operations = [
        migrations.CreateModel(
            name="EnglishWord",
            fields=[
                ("word", models.CharField(max_length=100, primary_key=True, serialize=False)),
                ("frequency", models.PositiveBigIntegerField()),
            ],
        ),
        migrations.RunPython(load_english_words, migrations.RunPython.noop),
        migrations.RunPython(*adding_synonym(DISK)),
    ]
