"""A Q&A published from a visitor's question, or sent as the answer to duplicates, may be deleted
by an administrator (at its asker's request): the submissions' links to it are emptied, and each
keeps its state."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("ask", "0010_outbox_tells_unreachable_server_from_refused_email"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="submission",
            name="submission_published_iff_linked",
        ),
        migrations.RemoveConstraint(
            model_name="submission",
            name="submission_duplicate_has_original",
        ),
        migrations.AlterField(
            model_name="submission",
            name="duplicate_of",
            field=models.ForeignKey(
                blank=True,
                help_text="To close as a duplicate: the published Q&A that answers this question.",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="duplicate_submissions",
                to="archive.question",
                verbose_name="already answered by",
            ),
        ),
        migrations.AlterField(
            model_name="submission",
            name="published_question",
            field=models.OneToOneField(
                blank=True,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="submission",
                to="archive.question",
                verbose_name="published as",
            ),
        ),
        migrations.AddConstraint(
            model_name="submission",
            constraint=models.CheckConstraint(
                condition=models.Q(("published_question__isnull", True), ("state", "published"), _connector="OR"),
                name="submission_linked_only_when_published",
                violation_error_message="Only a published submission is linked to an archive Q&A.",
            ),
        ),
    ]
