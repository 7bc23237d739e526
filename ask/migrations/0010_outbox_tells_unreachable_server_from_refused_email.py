"""The outbox tells a mail server that could not be reached from a refusal of one e-mail."""

from django.db import migrations, models


def take_earlier_failures_as_unreachable(apps, schema_editor):
    """E-mails that failed before the two were told apart are each tried once more as soon as the
    mail server answers, as they were before, and are then classed by that attempt."""
    OutgoingEmail = apps.get_model("ask", "OutgoingEmail")
    OutgoingEmail.objects.filter(
        sent_at__isnull=True, next_attempt_at__isnull=False, attempts__gte=1
    ).update(last_failure="unreachable")


class Migration(migrations.Migration):
    dependencies = [
        ("ask", "0009_submission_browser"),
    ]

    operations = [
        migrations.AddField(
            model_name="outgoingemail",
            name="last_failure",
            field=models.CharField(
                blank=True,
                choices=[
                    ("unreachable", "The mail server could not be reached"),
                    ("refused", "The mail server refused this e-mail"),
                ],
                help_text="What its last failed attempt met: an unreachable mail server (it goes as soon as the server answers) or a refusal of this e-mail (it waits its turn).",
                max_length=20,
            ),
        ),
        migrations.RunPython(take_earlier_failures_as_unreachable, migrations.RunPython.noop),
    ]
