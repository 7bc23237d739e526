"""Each question keeps a key of the browser it was sent from, so that the same words sent again
from that browser (its form page opened again with Back, with a new token) find it."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("ask", "0008_editors_add_body_areas_and_factsheets"),
    ]

    operations = [
        migrations.AddField(
            model_name="submission",
            name="browser",
            field=models.CharField(blank=True, default="", editable=False, max_length=64),
        ),
        migrations.AddIndex(
            model_name="submission",
            index=models.Index(
                condition=models.Q(("browser", ""), _negated=True),
                fields=["browser", "created_at"],
                name="submission_browser",
            ),
        ),
    ]
