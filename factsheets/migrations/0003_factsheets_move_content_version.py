from django.db import migrations

from archive.db import content_version_trigger


class Migration(migrations.Migration):
    dependencies = [
        ("archive", "0012_content_version"),
        ("factsheets", "0002_factsheet_search_vector"),
    ]

    operations = [
        content_version_trigger("factsheets_factsheet"),
        content_version_trigger("factsheets_factsheet_questions"),
    ]
