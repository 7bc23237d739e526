"""Build the seed fixture from the archived source pages."""

import json
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.core import serializers
from django.core.management.base import BaseCommand, CommandError

from archive import importer, red_flags
from archive.models import RED_FLAG_FIELDS, Category, Question
from factsheets import importer as factsheet_importer
from factsheets.models import Factsheet

SOURCE_DIR = settings.BASE_DIR / "fixtures" / "source-pages"
OUTPUT = settings.BASE_DIR / "fixtures" / "seed.json"
# The pages carry no dates, so the Q&As have no publication date ("from the earlier archive, date
# not recorded"). Their records were made here when this fixture was built from the pages: that
# is the one date the site knows about them (admin's "created" and "updated", the feeds'
# <updated>, the sitemap's lastmod). Set it to the day you rebuild the fixture from new pages.
IMPORTED_AT = datetime(2026, 11, 30, tzinfo=UTC)


class Command(BaseCommand):
    help = (
        "Read the archived pages in fixtures/source-pages/ and write the seed fixture "
        "(categories, Q&As, factsheets) to fixtures/seed.json. Writes a file; touches no database."
    )

    def add_arguments(self, parser):
        parser.add_argument("--source", type=Path, default=SOURCE_DIR)
        parser.add_argument("--output", type=Path, default=OUTPUT)

    def handle(self, *args, source, output, **options):
        pages = importer.read_pages(source)
        if not pages:
            raise CommandError(f"No .txt pages found in {source}")
        objects, many_to_many = build_objects(pages, log=self.stdout.write)
        output.write_text(to_fixture(objects, many_to_many), encoding="utf-8")
        self.stdout.write(self.style.SUCCESS(f"Wrote {len(objects)} objects to {output}"))


def to_fixture(objects, many_to_many=None):
    """JSON for loaddata, keyed by slugs so that loading again updates rather than duplicates.

    Unsaved objects cannot hold many-to-many values, so `many_to_many` carries them:
    {(model, natural key): {field name: [related objects]}}, written as natural keys."""
    many_to_many = many_to_many or {}
    rows = []
    for model in dict.fromkeys(type(obj) for obj in objects):
        # The database computes generated fields (search vectors) itself, and `seed` finds the
        # red-flag signs a Q&A stores: by the rules of the day it runs, not of this file's. No
        # source page records a review, so there is no reviewed text to key.
        fields = [
            f.name
            for f in model._meta.concrete_fields
            if not f.primary_key
            and not f.generated
            and f.name not in [*RED_FLAG_FIELDS, "reviewed_text_key"]
        ]
        of_model = [obj for obj in objects if type(obj) is model]
        model_rows = json.loads(
            serializers.serialize(
                "json",
                of_model,
                fields=fields,
                use_natural_foreign_keys=True,
                use_natural_primary_keys=True,
            )
        )
        for obj, row in zip(of_model, model_rows, strict=True):
            for name, related in many_to_many.get((model, obj.natural_key()), {}).items():
                row["fields"][name] = [r.natural_key() for r in related]
        rows += model_rows
    return json.dumps(rows, indent=2, ensure_ascii=False) + "\n"


def build_objects(pages, log=print):
    """Unsaved model instances for every category, Q&A and factsheet the pages hold, and the
    factsheets' links to the Q&As about their condition (see `to_fixture`)."""
    report = importer.gather(pages)
    categories, category_slugs = {}, set()
    for entry in report.imported:
        for depth in range(1, len(entry.category_path) + 1):
            key = tuple(entry.category_path[:depth])
            if key not in categories:
                categories[key] = Category(
                    name=key[-1][0].upper() + key[-1][1:],
                    slug=importer.unique_slug(key[-1], category_slugs),
                    parent=categories.get(key[:-1]),
                )
    questions, slugs = [], set()
    for entry in report.imported:
        original_title = entry.original_title
        questions.append(
            Question(
                title=importer.tidy_title(original_title),
                original_title=original_title,
                # From the source's own title, so that addresses stay as they were.
                slug=importer.unique_slug(original_title, slugs),
                category=categories[tuple(entry.category_path)],
                question=entry.record.question,
                question_preserved=entry.record.question_preserved,
                answer=entry.record.answer,
                # An answer citing a guideline may cite one since withdrawn; one written for a
                # question that describes a warning sign was written before the site's urgent
                # advice and may read as contradicting it. Editors check both.
                marked_for_review=importer.cites_guidelines(entry.record.answer)
                or bool(red_flags.found_in(entry.record.question)),
                status=Question.Status.PUBLISHED,
                from_archive=True,
                published_at=None,
                created_at=IMPORTED_AT,
                updated_at=IMPORTED_AT,
                source=entry.sources,
            )
        )
    factsheets = []
    for page in pages:
        if page.factsheet_condition:
            factsheets.append(factsheet_importer.factsheet_from_page(page))
            log(f"{page.name}: factsheet on {page.factsheet_condition}")
        elif page.records:
            log(f"{page.name}: {len(page.records)} Q&As")
    many_to_many = {}
    for factsheet in factsheets:
        about = factsheet_importer.questions_about(factsheet, questions)
        many_to_many[Factsheet, factsheet.natural_key()] = {"questions": about}
        log(f"{factsheet.condition}: linked to {len(about)} Q&As that mention it")
    for line in report.merged:
        log(f"Merged {line}")
    for line in report.skipped:
        log(f"Skipped {line}")
    log(f"{report.summary()} Factsheets: {len(factsheets)}.")
    return [*categories.values(), *questions, *factsheets], many_to_many
