"""Load the seed archive. Safe to run again: rows already in the database (matched by slug) are
left as they are, so that editors' corrections survive every deploy; only missing ones are
added, and seed Q&As no one has touched since they were loaded are marked for review when the
importer now marks them."""

from pathlib import Path

from django.conf import settings
from django.core import serializers
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from archive.models import Question

SEED = settings.SITE_FILES_DIR / "fixtures" / "seed.json"


class Command(BaseCommand):
    help = (
        "Add the seed categories, Q&As and factsheets from fixtures/seed.json that the database "
        "does not hold yet; rows already there, editors' changes included, stay as they are, "
        "except that a seed Q&A never saved since it was loaded is marked for review when the "
        "fixture marks it."
    )

    def add_arguments(self, parser):
        parser.add_argument("--fixture", type=Path, default=SEED)

    def handle(self, *args, fixture, **options):
        added = kept = marked = 0
        with transaction.atomic(), fixture.open(encoding="utf-8") as rows:
            for row in serializers.deserialize("json", rows):
                # Natural keys found in the database give the object its primary key.
                if row.object.pk is not None:
                    kept += 1
                    marked += mark_for_review_if_untouched(row.object)
                    continue
                row.save()
                added += 1
            # Loaded raw, as the fixture has them: their red-flag signs are found here.
            Question.objects.store_red_flags()
        if options["verbosity"]:
            self.stdout.write(
                f"Seed: added {added} rows, kept {kept} already there, "
                f"marked {marked} Q&As for review."
            )


def mark_for_review_if_untouched(seed):
    """Mark for review a Q&A the fixture marks (a newer importer's finding) but an older seed
    loaded unmarked, only while its row is as that seed loaded it: never saved since (every save,
    and both review actions in admin, move `updated_at` on) and never reviewed. An editor's own
    decision, or their edits, are never overwritten. Returns how many rows it marked (0 or 1)."""
    if not isinstance(seed, Question) or not seed.marked_for_review:
        return 0
    return Question.objects.filter(
        pk=seed.pk,
        marked_for_review=False,
        last_reviewed__isnull=True,
        updated_at=seed.updated_at,
    ).update(marked_for_review=True, updated_at=timezone.now())
