"""The day from which a page's votes count: an editor who changed the page counts afresh, as
the old text's "No"s say nothing of the new."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('feedback', '0002_forget_made_up_addresses'),
    ]

    operations = [
        migrations.AddField(
            model_name='feedbackpage',
            name='counted_from',
            field=models.DateField(blank=True, help_text='Votes before this day are not counted: the page was changed that day.', null=True),
        ),
    ]
