"""“Was this helpful?”: one count per page per day, and nothing about who answered."""

import operator
import re
from collections.abc import Callable
from functools import reduce
from typing import NamedTuple

from django.db import models, transaction
from django.db.models import CharField, Exists, F, FloatField, Func, OuterRef, Q, Sum, Value
from django.db.models.functions import Cast, Coalesce, Concat, NullIf, Sqrt
from django.urls import resolve, reverse
from django.utils import timezone

from archive.models import Question, RetiredSlug
from factsheets.models import Factsheet

# 95% confidence, for the lower bound of the share of "no" (see with_totals).
Z = 1.96
# A page is unhelpful when, however few voted, at least this share of readers surely said "no".
UNHELPFUL_SHARE = 1 / 3

# The least helpful pages first: the surest large share of "no", then the most "no"s.
LEAST_HELPFUL_FIRST = (
    F("not_helpful_low").desc(nulls_last=True),
    F("not_helpful").desc(),
    "path",
)

# The pages that ask "Was this helpful?" (URL names), each with the pages of its kind a reader can
# open now (as its view finds them, by slug).
ASKING_PAGES = {
    "archive:question": lambda: Question.objects.published(),
    "factsheets:detail": lambda: Factsheet.objects.all(),
}


def _around_a_slug(view_name):
    """What an address `view_name` makes from a slug has before and after it."""
    before, _, after = reverse(view_name, args=["x"]).rpartition("x")
    return before, after


def _at_the_address(pages, view_name):
    """Whether one of `pages` is at the address of the page annotated, as `view_name` makes it
    from a slug: an Exists for a query of FeedbackPage, which stays one query however many."""
    before, after = _around_a_slug(view_name)
    path = OuterRef("path")
    # Looked up by the slug's index, as there may be as many pages as Q&As: a slug holds no "/",
    # so it is the part of the address after as many "/" as come before it. The whole address is
    # compared too, as that part of another page's address may be a slug.
    slug = Func(
        path,
        Value("/"),
        Value(before.count("/") + 1),
        function="SPLIT_PART",
        output_field=CharField(),
    )
    address = Concat(Value(before), "slug", Value(after), output_field=CharField())
    return Exists(pages.alias(address=address).filter(slug=slug, address=path))


def _an_address_of(view_name):
    """Whether the page annotated is at an address `view_name` makes from a slug, whether or not
    a page has that slug now (a slug holds no "/")."""
    before, after = _around_a_slug(view_name)
    return Q(path__regex=f"^{re.escape(before)}[^/]+{re.escape(after)}$")


def _deleted_qas():
    """Q&As since deleted: a deleted Q&A's address is kept, and never given to another
    (archive.RetiredSlug); it says only that the answer was removed (410 Gone). Not a Q&A set
    back to draft or published for later, which an editor can still change."""
    return _at_the_address(RetiredSlug.objects.all(), "archive:question")


def _gone_factsheets():
    """Factsheets since deleted: a factsheet's address that no factsheet has now, so that no
    editor can change the page its votes are about. Nothing keeps a deleted factsheet's address,
    as archive.RetiredSlug keeps a Q&A's: the address alone tells, as every factsheet kept is at
    the address it was made with (factsheets.admin; a Q&A not public now is at its own too)."""
    name = "factsheets:detail"
    return _an_address_of(name) & ~_at_the_address(Factsheet.objects.all(), name)


class Removal(NamedTuple):
    """How the pages of a kind that asks (ASKING_PAGES) are found to be no more, and what
    editors are told of one."""

    found: Callable  # () -> a condition on the page annotated: whether it is such a page
    said: str


# The pages readers voted on that are no more, of each kind that asks.
REMOVED_PAGES = {
    "archive:question": Removal(_deleted_qas, "Removed: the Q&A was deleted"),
    "factsheets:detail": Removal(_gone_factsheets, "Removed: no factsheet has this address now"),
}


class FeedbackPageQuerySet(models.QuerySet):
    def with_totals(self):
        """Annotated over the days counted (from `counted_from` on, else every day) with
        `helpful`, `not_helpful`, `votes`, `not_helpful_share` and `not_helpful_low`, the lower
        bound of the Wilson score interval of that share (each share None before any answer).

        The share alone would put a page one reader said "no" to (100%) above one forty readers
        of a hundred did (40%); the lower bound is the share the votes make sure of, so a page
        rises as more readers agree: 21% for the first, 31% for the second."""
        counted = Q(counted_from__isnull=True) | Q(days__day__gte=F("counted_from"))
        helpful = Coalesce(Sum("days__helpful", filter=counted), 0)
        not_helpful = Coalesce(Sum("days__not_helpful", filter=counted), 0)
        no = Cast(F("not_helpful"), FloatField())
        votes = NullIf(F("votes"), 0)
        # (k + z²/2 − z·√(k(n − k)/n + z²/4)) / (n + z²), for k "no"s of n votes.
        spread = Sqrt(no * (F("votes") - F("not_helpful")) / votes + Value(Z * Z / 4))
        return (
            self.annotate(helpful=helpful, not_helpful=not_helpful)
            .annotate(votes=F("helpful") + F("not_helpful"))
            .annotate(
                not_helpful_share=no / votes,
                not_helpful_low=(no + Value(Z * Z / 2) - Value(Z) * spread)
                / (votes + Value(Z * Z)),
            )
        )

    def with_removed(self):
        """Annotated with `removed`: whether the page is no more (REMOVED_PAGES), a Q&A since
        deleted or a factsheet since deleted. Its votes stay, as counts of a page that
        was."""
        removed = reduce(operator.or_, [removal.found() for removal in REMOVED_PAGES.values()])
        return self.annotate(removed=removed)

    def with_shown(self):
        """Annotated with `shown`: whether readers can open the page now (ASKING_PAGES). A
        factsheet since deleted, and a Q&A set back to draft, published for later or deleted,
        are not: their address is not found (404), or says the answer was removed (410)."""
        shown = [_at_the_address(pages(), name) for name, pages in ASKING_PAGES.items()]
        return self.annotate(shown=reduce(operator.or_, shown))

    def least_helpful_first(self):
        return self.with_totals().order_by(*LEAST_HELPFUL_FIRST)

    def unhelpful(self):
        """The pages at least UNHELPFUL_SHARE of readers surely found unhelpful, over every day,
        that wait for an editor: of these pages annotated `with_totals` and `with_removed`
        (admin's list already is), else of them all. The admin index counts these, and its
        filter lists them, so the two agree.

        A page since removed (`with_removed`: a Q&A deleted, a factsheet deleted) is
        left out: no editor can change a page that is no more (its votes stay, counted in the
        whole list)."""
        pages = self if "not_helpful_low" in self.query.annotations else self.with_totals()
        pages = pages if "removed" in pages.query.annotations else pages.with_removed()
        return pages.filter(not_helpful_low__gte=UNHELPFUL_SHARE, removed=False)

    def count_afresh(self):
        """Count these pages' votes from today on, as their pages were changed: the old text's
        "No"s say nothing of the new. The days before are kept, and shown. Returns how many."""
        # By id: the totals' grouping does not belong in an UPDATE.
        ids = list(self.values_list("pk", flat=True))
        return self.model.objects.filter(pk__in=ids).update(counted_from=timezone.localdate())


class FeedbackPage(models.Model):
    """A page readers were asked about (a Q&A or a factsheet), by its address."""

    path = models.CharField(max_length=300, unique=True)
    counted_from = models.DateField(
        null=True,
        blank=True,
        help_text="Votes before this day are not counted: the page was changed that day.",
    )

    objects = FeedbackPageQuerySet.as_manager()

    class Meta:
        verbose_name = "page’s helpfulness"
        verbose_name_plural = "helpfulness of pages"

    def __str__(self):
        return self.path

    def get_absolute_url(self):
        return self.path

    @property
    def removed_in_words(self):
        """What editors are told of the page, once annotated `removed` (`with_removed`): which
        kind of page is no more."""
        return REMOVED_PAGES[resolve(self.path).view_name].said

    @classmethod
    def count(cls, path, *, helpful, day=None):
        """Add one answer for `path` on `day` (today by default), safely under concurrency."""
        day = day or timezone.localdate()
        column = "helpful" if helpful else "not_helpful"
        with transaction.atomic():
            page, _ = cls.objects.get_or_create(path=path)
            counts, _ = DailyFeedback.objects.get_or_create(page=page, day=day)
            DailyFeedback.objects.filter(pk=counts.pk).update(**{column: F(column) + 1})


class DailyFeedback(models.Model):
    """How many readers found a page helpful, and not, on one day."""

    page = models.ForeignKey(FeedbackPage, on_delete=models.CASCADE, related_name="days")
    day = models.DateField()
    helpful = models.PositiveIntegerField(default=0)
    not_helpful = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-day"]
        verbose_name_plural = "daily feedback"
        constraints = [
            models.UniqueConstraint(fields=["page", "day"], name="feedback_one_row_per_page_day"),
        ]

    def __str__(self):
        return f"{self.page.path} on {self.day}"
