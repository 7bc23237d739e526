"""Editors see the addresses of deleted Q&As (archive.RetiredSlug), which admin refuses for a new
Q&A, so that one whose address is refused finds why. Seeing only: PostgreSQL writes them."""

from importlib import import_module

from django.db import migrations

EDITORS = import_module("ask.migrations.0002_editors_group")
PERMISSIONS = {"archive": ["view_retiredslug"]}


def grant(apps, schema_editor):
    EDITORS.grant_editors(apps, PERMISSIONS)


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    for group in apps.get_model("auth", "Group").objects.filter(name=EDITORS.GROUP):
        group.permissions.remove(
            *(
                Permission.objects.get(content_type__app_label=label, codename=codename)
                for label, codenames in PERMISSIONS.items()
                for codename in codenames
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("ask", "0012_editors_note_unreachable_askers"),
        ("archive", "0016_retiredslug"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
