"""Editors add a body area (and correct its name) and add a factsheet, as they add Q&As. Still no
deleting and nothing about user accounts."""

from importlib import import_module

from django.db import migrations

EDITORS = import_module("ask.migrations.0002_editors_group")
PERMISSIONS = {
    "archive": ["add_category", "change_category"],
    "factsheets": ["add_factsheet"],
}


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
        ("ask", "0007_outbox_backs_off_joiners_allowed"),
        ("archive", "0013_question_red_flags_stored"),
        ("factsheets", "0003_factsheets_move_content_version"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
