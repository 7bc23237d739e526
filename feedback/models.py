"""“Was this helpful?”: one count per page per day, and nothing about who answered."""

from django.db import models, transaction
from django.db.models import F, FloatField, Sum
from django.db.models.functions import Cast, Coalesce, NullIf
from django.utils import timezone

# The least helpful pages first: the largest share of "no", then the most "no"s.
LEAST_HELPFUL_FIRST = (
    F("not_helpful_share").desc(nulls_last=True),
    F("not_helpful").desc(),
    "path",
)


class FeedbackPageQuerySet(models.QuerySet):
    def with_totals(self):
        """Annotated with `helpful`, `not_helpful` and `not_helpful_share` (None before any
        answer) over every day."""
        helpful = Coalesce(Sum("days__helpful"), 0)
        not_helpful = Coalesce(Sum("days__not_helpful"), 0)
        return self.annotate(helpful=helpful, not_helpful=not_helpful).annotate(
            not_helpful_share=Cast(F("not_helpful"), FloatField())
            / NullIf(F("helpful") + F("not_helpful"), 0)
        )

    def least_helpful_first(self):
        return self.with_totals().order_by(*LEAST_HELPFUL_FIRST)


class FeedbackPage(models.Model):
    """A page readers were asked about (a Q&A or a factsheet), by its address."""

    path = models.CharField(max_length=300, unique=True)

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
