"""“Was this helpful?”: one count per page per day, and nothing about who answered."""

from django.db import models, transaction
from django.db.models import Exists, F, FloatField, OuterRef, Q, Sum, Value
from django.db.models.functions import Cast, Coalesce, Concat, NullIf, Sqrt
from django.urls import reverse
from django.utils import timezone

from archive.models import RetiredSlug

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
        """Annotated with `removed`: whether the page was a Q&A since deleted, whose address
        now says only that the answer was removed (410 Gone), and is never given to another
        (archive.RetiredSlug). Its votes stay, as counts of a page that was."""
        # A Q&A's address around its slug: "/questions/" and "/".
        before, _, after = reverse("archive:question", args=["x"]).rpartition("x")
        # Matched by the whole address, made of each retired slug: they are few, as only an
        # administrator deletes a Q&A, at its asker's request.
        retired = RetiredSlug.objects.annotate(
            path=Concat(Value(before), "slug", Value(after), output_field=models.CharField())
        ).filter(path=OuterRef("path"))
        return self.annotate(removed=Exists(retired))

    def least_helpful_first(self):
        return self.with_totals().order_by(*LEAST_HELPFUL_FIRST)

    def unhelpful(self):
        """The pages at least UNHELPFUL_SHARE of readers surely found unhelpful, over every day,
        that wait for an editor: of these pages annotated `with_totals` and `with_removed`
        (admin's list already is), else of them all. The admin index counts these, and its
        filter lists them, so the two agree.

        A Q&A since deleted is left out: no editor can change a page that is no more (its votes
        stay, counted in the whole list)."""
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
