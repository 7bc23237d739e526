"""Editors change the site's pages' text in admin, and see which pages readers found least
helpful."""

from importlib import import_module

from django.db import migrations

EDITORS = import_module("ask.migrations.0002_editors_group")
GROUP = EDITORS.GROUP
PERMISSIONS = {
    "flatpages": ["view_flatpage", "change_flatpage"],
    "feedback": ["view_feedbackpage", "view_dailyfeedback"],
}


def grant(apps, schema_editor):
    EDITORS.grant_editors(apps, PERMISSIONS)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name=GROUP):
        group.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label__in=PERMISSIONS,
                codename__in=[c for codenames in PERMISSIONS.values() for c in codenames],
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("pages", "0001_about_pages"),
        ("feedback", "0001_helpfulness_counts"),
        ("ask", "0002_editors_group"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
