from django.db import migrations

from archive.db import content_version_trigger


class Migration(migrations.Migration):
    dependencies = [
        ("archive", "0009_content_version"),
        ("search", "0001_synonym_moved_from_archive"),
    ]

    operations = [content_version_trigger("search_synonym")]
