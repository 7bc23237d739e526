from django.db import migrations

from archive.db import content_version_trigger


class Migration(migrations.Migration):
    dependencies = [
        ("archive", "0012_content_version"),
        ("search", "0003_search_gaps"),
    ]

    operations = [content_version_trigger("search_synonym")]
