"""Load the seed archive. Safe to run again: rows already in the database (matched by slug) are
left as they are, so that editors' corrections survive every deploy; only missing ones are
added."""

from pathlib import Path

from django.conf import settings
from django.core import serializers
from django.core.management.base import BaseCommand
from django.db import transaction

from archive.models import Question

SEED = settings.SITE_FILES_DIR / "fixtures" / "seed.json"


class Command(BaseCommand):
    help = (
        "Add the seed categories, Q&As and factsheets from fixtures/seed.json that the database "
        "does not hold yet; rows already there, editors' changes included, stay as they are."
    )

    def add_arguments(self, parser):
        parser.add_argument("--fixture", type=Path, default=SEED)

    def handle(self, *args, fixture, **options):
        added = kept = 0
        with transaction.atomic(), fixture.open(encoding="utf-8") as rows:
            for row in serializers.deserialize("json", rows):
                # Natural keys found in the database give the object its primary key.
                if row.object.pk is not None:
                    kept += 1
                    continue
                row.save()
                added += 1
            # Loaded raw, as the fixture has them: their red-flag signs are found here.
            Question.objects.store_red_flags()
        if options["verbosity"]:
            self.stdout.write(f"Seed: added {added} rows, kept {kept} already there.")
