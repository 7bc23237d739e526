"""A factsheet keeps a key of the summary and sections its last review checked, so that an edit
since is told apart on its page. A factsheet reviewed before today is taken to have been reviewed
as it reads now: the site knows of no edit since."""

import hashlib

from django.db import migrations, models

# Its summary and sections in page order, as Factsheet.reviewed_texts gives them.
TEXTS = [
    "summary",
    "what_it_is",
    "symptoms",
    "causes",
    "how_acupuncture_may_help",
    "evidence",
    "references",
]


def note_reviewed_texts(apps, schema_editor):
    Factsheet = apps.get_model("factsheets", "Factsheet")
    reviewed = list(Factsheet.objects.filter(last_reviewed__isnull=False).only(*TEXTS))
    for factsheet in reviewed:
        # As ReviewedText.text_key, which a migration's historical model does not have.
        text = "\0".join(getattr(factsheet, name) for name in TEXTS)
        factsheet.reviewed_text_key = hashlib.sha256(text.encode()).hexdigest()
    Factsheet.objects.bulk_update(reviewed, ["reviewed_text_key"])


class Migration(migrations.Migration):
    dependencies = [
        ("factsheets", "0004_forget_guessed_author"),
    ]

    operations = [
        migrations.AddField(
            model_name="factsheet",
            name="reviewed_text_key",
            field=models.CharField(
                blank=True, db_default="", default="", editable=False, max_length=64
            ),
        ),
        migrations.RunPython(note_reviewed_texts, migrations.RunPython.noop, elidable=True),
    ]
