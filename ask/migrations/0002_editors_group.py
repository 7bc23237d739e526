"""The Editors group, with exactly the permissions the queue needs: see and work on submissions,
add and correct archive Q&As, see categories. No deleting, and nothing about user accounts."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Editors"
PERMISSIONS = {
    "ask": ["view_submission", "change_submission", "view_transition"],
    "archive": ["view_question", "add_question", "change_question", "view_category"],
}


def create_editors_group(apps, schema_editor):
    grant_editors(apps, PERMISSIONS)


def grant_editors(apps, permissions):
    """Give the Editors group (made if missing) `permissions`: {app label: [codenames]}. Later
    migrations that give editors more call this too."""
    # On a fresh database permissions are only made after all migrations; make them now.
    for label in permissions:
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
            for label, codenames in permissions.items()
            for codename in codenames
        )
    )


def remove_editors_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("ask", "0001_initial"),
        ("archive", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_editors_group, remove_editors_group)]
