"""What the README gives editors besides the queue: they keep the search synonyms and the saved
replies, see the searches that found little, and edit factsheets (marking them reviewed is an
edit). Still no deleting and nothing
about user accounts: those stay with superusers."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Editors"
# Found by codename wherever the model lives, so that moving a model to another app keeps it.
CODENAMES = [
    "view_synonym",
    "add_synonym",
    "change_synonym",
    "view_searchgap",
    "view_factsheet",
    "change_factsheet",
    "view_savedreply",
    "add_savedreply",
    "change_savedreply",
]


def editor_permissions(apps):
    """The permissions this migration gives, one per codename (an error if one is missing)."""
    Permission = apps.get_model("auth", "Permission")
    permissions = list(Permission.objects.filter(codename__in=CODENAMES))
    missing = set(CODENAMES) - {permission.codename for permission in permissions}
    if missing or len(permissions) != len(CODENAMES):
        raise LookupError(f"Expected one permission for each of {sorted(CODENAMES)}.")
    return permissions


def grant(apps, schema_editor):
    # On a fresh database permissions are only made after all migrations; make them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    group, _ = apps.get_model("auth", "Group").objects.get_or_create(name=GROUP)
    group.permissions.add(*editor_permissions(apps))


def revoke(apps, schema_editor):
    group = apps.get_model("auth", "Group").objects.filter(name=GROUP).first()
    if group:
        group.permissions.remove(*editor_permissions(apps))


class Migration(migrations.Migration):
    dependencies = [
        ("ask", "0003_submission_links_and_saved_replies"),
        ("ask", "0002_editors_group"),
        ("archive", "0009_question_review_dates_and_links"),
        ("factsheets", "0002_factsheet_search_vector"),
        ("search", "0003_search_gaps"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
