"""Create (or reset) a demo editor account so that admin can be tried at once. Local mode only.

The demo editor is what a real editor is: staff in the Editors group, not a superuser."""

import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError

USERNAME = "demo-editor"


class Command(BaseCommand):
    help = "Create or reset the local demo editor account and print its password."

    def handle(self, *args, **options):
        if not settings.LOCAL:
            raise CommandError("The demo editor exists only in local mode (ENVIRONMENT=local).")
        password = secrets.token_urlsafe(12)
        user, _ = get_user_model().objects.get_or_create(username=USERNAME)
        user.is_staff = True
        user.is_superuser = False
        user.set_password(password)
        user.save()
        user.groups.add(Group.objects.get(name="Editors"))
        self.stdout.write(f"Admin: log in as {USERNAME} / {password}")
