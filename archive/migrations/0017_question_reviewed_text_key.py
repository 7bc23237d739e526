"""A Q&A keeps a key of the question and answer its last review checked, so that an edit since
is told apart on its page. A Q&A reviewed before today is taken to have been reviewed as it
reads now: the site knows of no edit since."""

import hashlib

from django.db import migrations, models


def note_reviewed_texts(apps, schema_editor):
    Question = apps.get_model("archive", "Question")
    reviewed = Question.objects.filter(last_reviewed__isnull=False).only("question", "answer")
    batch = []
    for question in reviewed.iterator(chunk_size=1000):
        # As Question.text_key, which a migration's historical model does not have.
        text = f"{question.question}\0{question.answer}"
        question.reviewed_text_key = hashlib.sha256(text.encode()).hexdigest()
        batch.append(question)
        if len(batch) == 1000:
            Question.objects.bulk_update(batch, ["reviewed_text_key"])
            batch = []
    Question.objects.bulk_update(batch, ["reviewed_text_key"])


class Migration(migrations.Migration):
    dependencies = [
        ("archive", "0016_retiredslug"),
    ]

    operations = [
        migrations.AddField(
            model_name="question",
            name="reviewed_text_key",
            field=models.CharField(
                blank=True, db_default="", default="", editable=False, max_length=64
            ),
        ),
        migrations.RunPython(note_reviewed_texts, migrations.RunPython.noop, elidable=True),
    ]
