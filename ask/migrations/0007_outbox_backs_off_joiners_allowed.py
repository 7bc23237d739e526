"""The outbox backs off: each e-mail waits longer after each failed attempt and is tried for
three days. Names and questions may hold joiners and direction marks."""

from datetime import timedelta

import ask.models
import django.core.validators
import django.utils.timezone
from django.db import migrations, models
from django.db.models import F

OLD_MAX_ATTEMPTS = 50  # given up after this many attempts before this migration


def schedule_existing(apps, schema_editor):
    """Each e-mail is tried for three days from when it was queued; one given up already stays
    given up, for an editor to send again."""
    OutgoingEmail = apps.get_model("ask", "OutgoingEmail")
    OutgoingEmail.objects.update(retry_until=F("created_at") + timedelta(days=3))
    OutgoingEmail.objects.filter(sent_at__isnull=True, attempts__gte=OLD_MAX_ATTEMPTS).update(
        next_attempt_at=None
    )


class Migration(migrations.Migration):

    dependencies = [
        ('ask', '0006_editors_accounts_removable'),
    ]

    operations = [
        migrations.AddField(
            model_name='outgoingemail',
            name='next_attempt_at',
            field=models.DateTimeField(blank=True, default=django.utils.timezone.now, help_text='When it is tried next; empty once given up on.', null=True),
        ),
        migrations.AddField(
            model_name='outgoingemail',
            name='retry_until',
            field=models.DateTimeField(default=ask.models.retry_deadline, help_text='A failed attempt after this is the last.'),
        ),
        migrations.RunPython(schedule_existing, migrations.RunPython.noop),
        migrations.AlterField(
            model_name='submission',
            name='name',
            field=models.CharField(blank=True, help_text='Never published. Erased a set time after the question is closed.', max_length=100, validators=[django.core.validators.RegexValidator('[\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f-\\x9f]', code='control_characters', inverse_match=True, message='Please remove the invisible control characters from this text (they can come from copying and pasting).'), django.core.validators.RegexValidator('[\u061c\u200b\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]', code='invisible_formatting', inverse_match=True, message='Please remove the invisible formatting characters from this text (they can come from copying and pasting).'), django.core.validators.RegexValidator('[\\r\\n\\t\\u2028\\u2029\\x85]', code='line_break', inverse_match=True, message='Please write this on one line.')], verbose_name="asker's name"),
        ),
        migrations.AlterField(
            model_name='submission',
            name='question',
            field=models.TextField(max_length=5000, validators=[django.core.validators.MinLengthValidator(20), django.core.validators.MaxLengthValidator(5000), django.core.validators.RegexValidator('[\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f-\\x9f]', code='control_characters', inverse_match=True, message='Please remove the invisible control characters from this text (they can come from copying and pasting).'), django.core.validators.RegexValidator('[\u061c\u200b\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]', code='invisible_formatting', inverse_match=True, message='Please remove the invisible formatting characters from this text (they can come from copying and pasting).')], verbose_name='question as asked'),
        ),
    ]
