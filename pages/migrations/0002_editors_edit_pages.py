"""Editors change the site's pages' text in admin, and see which pages readers found least
helpful."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Editors"
PERMISSIONS = {
    "flatpages": ["view_flatpage", "change_flatpage"],
    "feedback": ["view_feedbackpage", "view_dailyfeedback"],
}


def grant(apps, schema_editor):
    # On a fresh database permissions are only made after all migrations; make them now.
    for label in PERMISSIONS:
        app_config = apps.get_app_config(label)
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=GROUP)
    group.permissions.add(
        *(
            Permission.objects.get(content_type__app_label=label, codename=codename)
            for label, codenames in PERMISSIONS.items()
            for codename in codenames
        )
    )


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
