"""An editor notes that an asker cannot be reached at the address of a given-up e-mail: a step
in the history that moves nothing (no to_state), linked from the e-mail."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("ask", "0011_published_qa_deletable"),
    ]

    operations = [
        migrations.AddField(
            model_name="outgoingemail",
            name="unreachable_noted_in",
            field=models.OneToOneField(
                blank=True,
                editable=False,
                help_text="Given up on: the step in the question's history where an editor noted that the asker cannot be reached at this address. Emptied when it is sent again.",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="unreachable_email",
                to="ask.transition",
            ),
        ),
        migrations.AlterField(
            model_name="transition",
            name="to_state",
            field=models.CharField(
                blank=True,
                choices=[
                    ("new", "New"),
                    ("in_review", "In review"),
                    ("answered", "Answered"),
                    ("published", "Published"),
                    ("closed_duplicate", "Closed as a duplicate"),
                    ("rejected", "Rejected"),
                    ("withdrawn", "Withdrawn by the asker"),
                    ("expired", "Closed unanswered: too old"),
                ],
                help_text="Empty: no move.",
                max_length=20,
            ),
        ),
        migrations.AddConstraint(
            model_name="outgoingemail",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("unreachable_noted_in__isnull", True),
                    models.Q(("next_attempt_at__isnull", True), ("sent_at__isnull", True)),
                    _connector="OR",
                ),
                name="outgoing_email_unreachable_only_when_given_up",
                violation_error_message="Only a given-up e-mail is noted as unreachable.",
            ),
        ),
    ]
