"""The synonym list moves from the archive app to the search app, rows and all: the table is
renamed, not copied, and the content type follows so that admin permissions and log entries
still point at it."""

import django.db.models.functions.text
from django.db import migrations, models

RENAME = """
ALTER TABLE archive_synonym RENAME TO search_synonym;
ALTER SEQUENCE archive_synonym_id_seq RENAME TO search_synonym_id_seq;
ALTER INDEX archive_synonym_pkey RENAME TO search_synonym_pkey;
"""
RENAME_BACK = """
ALTER TABLE search_synonym RENAME TO archive_synonym;
ALTER SEQUENCE search_synonym_id_seq RENAME TO archive_synonym_id_seq;
ALTER INDEX search_synonym_pkey RENAME TO archive_synonym_pkey;
"""


def move_content_type(apps, schema_editor, old="archive", new="search"):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label=old, model="synonym").update(app_label=new)


def move_content_type_back(apps, schema_editor):
    move_content_type(apps, schema_editor, old="search", new="archive")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("archive", "0007_question_title_vector"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[migrations.RunSQL(RENAME, RENAME_BACK)],
            state_operations=[
                migrations.CreateModel(
                    name="Synonym",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("lay_term", models.CharField(help_text="How patients say it, e.g. “slipped disc” or “dizzy”.", max_length=100)),
                        ("clinical_terms", models.CharField(help_text="What the answers may call it, separated by commas, e.g. “herniated disc, prolapsed disc”.", max_length=300)),
                    ],
                    options={
                        "ordering": ["lay_term"],
                        "constraints": [
                            models.UniqueConstraint(django.db.models.functions.text.Lower("lay_term"), name="synonym_lay_term_unique"),
                            models.CheckConstraint(condition=models.Q(models.Q(("lay_term", ""), _negated=True), models.Q(("clinical_terms", ""), _negated=True)), name="synonym_has_both_sides"),
                        ],
                    },
                ),
            ],
        ),
        migrations.RunPython(move_content_type, move_content_type_back),
    ]
