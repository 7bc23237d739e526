"""Load the seed archive. Safe to run again: rows already in the database (matched by slug) are
left as they are, so that editors' corrections survive every deploy; only missing ones are
added, and a seed Q&A no one has touched since it was loaded is brought up to date with the
fixture (a newer importer's texts, and its marking for review). A seed Q&A an administrator deleted
stays deleted: its address is retired (archive.RetiredSlug). A run that wrote pages ends by
weighing the search index afresh if the average field lengths drifted."""

import json
from io import StringIO
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from archive.models import Question, RetiredSlug

SEED = settings.SITE_FILES_DIR / "fixtures" / "seed.json"
# What the importer writes of a seed Q&A from its source page: a newer importer's (titles grew
# to a whole first sentence) replace an older one's on a row no one has touched since.
IMPORTED_TEXTS = ("title", "original_title", "question", "answer")


class Command(BaseCommand):
    help = (
        "Add the seed categories, Q&As and factsheets from fixtures/seed.json that the database "
        "does not hold yet; rows already there, editors' changes included, stay as they are, "
        "except that a seed Q&A never saved since it was loaded takes the fixture's texts and "
        "its marking for review. Then, if it wrote pages, rebuild_search_index --if-drifted."
    )

    def add_arguments(self, parser):
        parser.add_argument("--fixture", type=Path, default=SEED)

    def handle(self, *args, fixture, verbosity, **options):
        # One transaction: a run that fails anywhere, the index's weighing included, leaves
        # nothing half done, and the next run does it all again.
        with transaction.atomic():
            added, kept, updated, deleted = load(fixture)
            if verbosity:
                self.stdout.write(
                    f"Seed: added {added} rows, kept {kept} already there, "
                    f"brought {updated} untouched seed Q&As up to date, "
                    f"left out {deleted} deleted ones."
                )
            self.store_red_flags(verbosity)
            if added or updated:
                self.weigh_index(verbosity)

    def store_red_flags(self, verbosity):
        """Rows are loaded raw, as the fixture has them: their red-flag signs are found here.
        Every Q&A is looked at, so a large archive shows how far it has got."""

        def report(looked, stored):
            self.stderr.write(f"  {looked:,} Q&As looked at for red-flag signs, {stored:,} stored")

        Question.objects.store_red_flags(report=report if verbosity else None)

    def weigh_index(self, verbosity):
        """Pages loaded into a small archive were weighed by the few loaded before them. Called
        by name: archive sits below search (tests/test_app_dependencies.py) and imports none of
        it. Only after writing pages, so that a deploy that adds nothing leaves the drift of
        editors' pages to the nightly job, at a quiet hour (searches wait while it runs)."""
        out = self.stdout if verbosity else StringIO()
        call_command("rebuild_search_index", if_drifted=True, verbosity=verbosity, stdout=out)


def load(fixture):
    """Save the fixture's rows the database lacks and bring untouched seed Q&As up to date.
    Returns how many rows were added, kept, brought up to date, and left out as deleted."""
    rows = json.loads(fixture.read_text(encoding="utf-8"))
    kept_rows = without_deleted_questions(rows)
    added = kept = updated = 0
    now = timezone.now()
    for row in serializers.deserialize("python", kept_rows):
        # Natural keys found in the database give the object its primary key.
        if row.object.pk is None:
            if isinstance(row.object, Question):
                # Dated when added here, not when the fixture was built: readers' pages, the
                # sitemap and the feeds say when a record last changed here.
                row.object.created_at = row.object.updated_at = now
            row.save()
            added += 1
        else:
            kept += 1
            updated += bring_up_to_date_if_untouched(row.object)
    return added, kept, updated, len(rows) - len(kept_rows)


def without_deleted_questions(rows):
    """The fixture's rows without the Q&As an administrator deleted (their addresses are
    retired), nor links to them from other rows: a deleted Q&A stays deleted."""
    retired = set(RetiredSlug.objects.values_list("slug", flat=True))
    kept = []
    for row in rows:
        model = apps.get_model(row["model"])
        if model is Question and row["fields"]["slug"] in retired:
            continue
        for field in model._meta.many_to_many:
            if field.related_model is Question and field.name in row["fields"]:
                links = row["fields"][field.name]
                row["fields"][field.name] = [key for key in links if key[0] not in retired]
        kept.append(row)
    return kept


def bring_up_to_date_if_untouched(seed):
    """Give a seed Q&A an older seed loaded the fixture's texts, and mark it for review if the
    fixture marks it (a newer importer's finding), only while its row is as that seed loaded it:
    never saved since (a seed dates a Q&A it adds once, `created_at` and `updated_at` alike, and
    every save, and both review actions in admin, move `updated_at` on) and never reviewed. An
    editor's edits, or own decision, are never overwritten, and a mark is never taken off.
    Returns how many rows it changed (0 or 1)."""
    if not isinstance(seed, Question):
        return 0
    fresh = {field: getattr(seed, field) for field in IMPORTED_TEXTS}
    if seed.marked_for_review:
        fresh["marked_for_review"] = True
    untouched = Question.objects.filter(
        pk=seed.pk, last_reviewed__isnull=True, updated_at=F("created_at")
    )
    # Changed, like any save: readers' pages, the sitemap and the feeds show the new text.
    return untouched.exclude(**fresh).update(**fresh, updated_at=timezone.now())
