"""The synonym list now belongs to the search app (search/0001 renames the table and keeps its
rows); here it only leaves the archive's model state."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("archive", "0007_question_title_vector")]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[migrations.DeleteModel("Synonym")])
    ]
