"""Build the seed fixture from the archived source pages."""

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

from django.conf import settings
from django.core import serializers
from django.core.management.base import BaseCommand, CommandError

from archive import importer
from archive.models import Category, Question
from factsheets import importer as factsheet_importer
from factsheets.models import Factsheet

SOURCE_DIR = settings.BASE_DIR / "fixtures" / "source-pages"
OUTPUT = settings.BASE_DIR / "fixtures" / "seed.json"
# The pages carry no dates. Seed Q&As are dated from this moment back, an hour apart, in page
# order, so that "newest first" keeps the order the archive listed them in.
SEED_PUBLISHED_AT = datetime(2026, 11, 1, 12, 0, tzinfo=UTC)


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
        # The database computes generated fields (search vectors) itself.
        fields = [
            f.name for f in model._meta.concrete_fields if not f.primary_key and not f.generated
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
    categories = {}
    known_paths = [p.category_path for p in pages if p.category_path]
    for path in known_paths:
        for depth in range(1, len(path) + 1):
            key = tuple(path[:depth])
            if key not in categories:
                parent = categories.get(key[:-1])
                categories[key] = Category(
                    name=key[-1][0].upper() + key[-1][1:],
                    slug=importer.slugify(key[-1]),
                    parent=parent,
                )
    questions, factsheets, slugs = [], [], set()
    published_at = SEED_PUBLISHED_AT
    for page in pages:
        if page.factsheet_condition:
            factsheets.append(factsheet_importer.factsheet_from_page(page))
            log(f"{page.name}: factsheet on {page.factsheet_condition}")
            continue
        path = page.category_path or importer.category_for_content(page, known_paths)
        for record in page.records:
            title = importer.title_for(record, page)
            questions.append(
                Question(
                    title=title,
                    slug=importer.unique_slug(title, slugs),
                    category=categories[tuple(path)],
                    question=record.question,
                    question_preserved=record.question_preserved,
                    answer=record.answer,
                    status=Question.Status.PUBLISHED,
                    published_at=published_at,
                    created_at=published_at,
                    updated_at=published_at,
                    source=page.name,
                )
            )
            published_at -= timedelta(hours=1)
        log(f"{page.name}: {len(page.records)} Q&As in {' › '.join(path)}")
    many_to_many = {}
    for factsheet in factsheets:
        about = factsheet_importer.questions_about(factsheet, questions)
        many_to_many[Factsheet, factsheet.natural_key()] = {"questions": about}
        log(f"{factsheet.condition}: linked to {len(about)} Q&As that mention it")
    return [*categories.values(), *questions, *factsheets], many_to_many
