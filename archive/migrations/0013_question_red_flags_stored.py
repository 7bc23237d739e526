"""Each Q&A keeps the red-flag signs its question shows, and the key they were found under (the
rules' file and the question's text): its page reads them instead of matching every pattern. Rows
here before it have none stored, and their pages match afresh until `manage.py store_red_flags`
stores them."""

import django.contrib.postgres.fields
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('archive', '0012_content_version'),
    ]

    operations = [
        migrations.AddField(
            model_name='question',
            name='red_flags_found',
            field=django.contrib.postgres.fields.ArrayField(base_field=models.CharField(max_length=40), blank=True, default=list, editable=False, size=None),
        ),
        migrations.AddField(
            model_name='question',
            name='red_flags_key',
            field=models.CharField(blank=True, default='', editable=False, max_length=64),
        ),
    ]
