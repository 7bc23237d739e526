"""Create (or reset) a demo editor account so that admin can be tried at once. Local mode only."""

import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
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
        user.is_superuser = True
        user.set_password(password)
        user.save()
        self.stdout.write(f"Admin: log in as {USERNAME} / {password}")
