from django.db import migrations

from archive.db import content_version_trigger


class Migration(migrations.Migration):
    dependencies = [
        ("archive", "0012_content_version"),
        ("flatpages", "0001_initial"),
        ("pages", "0002_editors_edit_pages"),
    ]

    operations = [
        content_version_trigger("django_flatpage"),
        content_version_trigger("django_flatpage_sites"),
    ]
