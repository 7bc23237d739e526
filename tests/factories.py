"""Small builders for test data, so each test states only what matters to it."""

import itertools

from django.utils import timezone

from archive.models import Category, Question
from factsheets.models import Factsheet

_numbers = itertools.count(1)


def make_category(name=None, parent=None, **fields):
    n = next(_numbers)
    name = name or f"Area {n}"
    return Category.objects.create(name=name, slug=f"area-{n}", parent=parent, **fields)


def make_question(category, title=None, published=True, **fields):
    n = next(_numbers)
    defaults = {
        "title": title or f"Question {n}",
        "slug": f"question-{n}",
        "question": "Can acupuncture help my back?",
        "answer": "It may help; talk to your practitioner.",
    }
    if published:
        defaults |= {"status": Question.Status.PUBLISHED, "published_at": timezone.now()}
    return Question.objects.create(category=category, **(defaults | fields))


def make_factsheet(condition=None, **fields):
    n = next(_numbers)
    condition = condition or f"Condition {n}"
    defaults = {"title": f"Acupuncture for {condition}", "slug": f"condition-{n}"}
    return Factsheet.objects.create(condition=condition, **(defaults | fields))
