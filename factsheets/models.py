"""Condition factsheets: what a condition is and what acupuncture may do for it."""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import models
from django.urls import reverse

# The sections of every factsheet, in the order readers see them: (field name, heading).
SECTIONS = [
    ("what_it_is", "What it is"),
    ("symptoms", "Symptoms"),
    ("causes", "Causes"),
    ("how_acupuncture_may_help", "How acupuncture may help"),
    ("evidence", "What the evidence says"),
    ("references", "References"),
]
SECTION_HELP = (
    "Plain text. Start a line with '- ' for a bulleted list; leave a blank line between paragraphs."
)


class FactsheetQuerySet(models.QuerySet):
    def matching(self, prepared, *, any_words=False):
        """Factsheets matching a prepared search (`archive.search.prepare`), annotated with
        `rank` on the same scale as `Question.objects.matching`, best first."""
        if prepared.is_empty:
            return self.none()
        return (
            self.filter(search_vector=prepared.tsquery(any_words=any_words))
            .annotate(rank=prepared.rank("search_vector"))
            .order_by("-rank", "condition")
        )


class FactsheetManager(models.Manager.from_queryset(FactsheetQuerySet)):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class Factsheet(models.Model):
    """A factsheet about one condition, in fixed, ordered sections."""

    condition = models.CharField(max_length=100, unique=True, help_text="e.g. Sciatica")
    title = models.CharField(max_length=200, help_text="e.g. Acupuncture for sciatica")
    slug = models.SlugField(max_length=100, unique=True)
    summary = models.TextField(
        blank=True, help_text="Two or three sentences for the top of the page."
    )
    what_it_is = models.TextField("what it is", blank=True, help_text=SECTION_HELP)
    symptoms = models.TextField(blank=True, help_text=SECTION_HELP)
    causes = models.TextField(blank=True, help_text=SECTION_HELP)
    how_acupuncture_may_help = models.TextField(
        "how acupuncture may help", blank=True, help_text=SECTION_HELP
    )
    evidence = models.TextField("what the evidence says", blank=True, help_text=SECTION_HELP)
    references = models.TextField(blank=True, help_text=SECTION_HELP)
    author = models.CharField(max_length=200, blank=True)
    reviewer = models.CharField(max_length=200, blank=True)
    last_reviewed = models.DateField(null=True, blank=True)
    next_review = models.DateField(null=True, blank=True)
    questions = models.ManyToManyField(
        "archive.Question",
        blank=True,
        related_name="factsheets",
        help_text="Archive Q&As about this condition.",
    )
    source = models.CharField(max_length=200, blank=True)
    # Kept by PostgreSQL whenever the row is written: title and condition count most, then the
    # summary, then the sections.
    search_vector = models.GeneratedField(
        expression=(
            SearchVector("title", "condition", weight="A", config="english")
            + SearchVector("summary", weight="B", config="english")
            + SearchVector(*(name for name, _ in SECTIONS), weight="C", config="english")
        ),
        output_field=SearchVectorField(),
        db_persist=True,
    )

    objects = FactsheetManager()

    class Meta:
        ordering = ["condition"]
        indexes = [
            # Site search: the factsheets whose words match a query (search_vector @@ tsquery).
            GinIndex(fields=["search_vector"], name="factsheet_search_vector"),
        ]

    def __str__(self):
        return self.condition

    def get_absolute_url(self):
        return reverse("factsheets:detail", args=[self.slug])

    def natural_key(self):
        return (self.slug,)
