"""Condition factsheets: what a condition is and what acupuncture may do for it."""

from datetime import timedelta
from typing import NamedTuple

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import (
    SearchQuery,
    SearchRank,
    SearchVector,
    SearchVectorField,
)
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q, Value
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone

from archive import outdated_claims
from archive.models import (
    Question,
    ReviewedText,
    is_about_back_pain,
    refuse_misleading_review,
    schema_party,
)

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
# How far ahead editors plan reviews: "due for review" means within this many days.
REVIEW_NOTICE_DAYS = 30
# How long a review lasts: a factsheet reviewed today is next due for review this long after.
REVIEW_PERIOD = timedelta(days=365)


class Section(NamedTuple):
    """One filled-in section of a factsheet, as readers see it."""

    name: str
    heading: str
    text: str


def _overdue(today):
    # Never reviewed, or no next review planned, counts as overdue: readers cannot tell how
    # current such a page is.
    return Q(last_reviewed__isnull=True) | Q(next_review__isnull=True) | Q(next_review__lt=today)


class FactsheetQuerySet(models.QuerySet):
    def a_to_z(self):
        """Ordered by condition name, whatever its case."""
        return self.order_by(Lower("condition"), "id")

    def by_letter(self):
        """[(letter, [factsheets])] for an A–Z index, in one query."""
        groups = {}
        for factsheet in self.a_to_z():
            groups.setdefault(factsheet.index_letter, []).append(factsheet)
        return list(groups.items())

    def review_overdue(self, today=None):
        """Factsheets past their next review date, or never reviewed at all."""
        return self.filter(_overdue(today or timezone.localdate()))

    def mentioned_in(self, text):
        """Factsheets whose condition the text names (in any case), e.g. in a new question."""
        return self.alias(text=Value(text)).filter(text__icontains=F("condition"))

    def due_for_review(self, days=REVIEW_NOTICE_DAYS, today=None):
        """Factsheets not yet overdue whose next review falls within `days` from today."""
        today = today or timezone.localdate()
        return self.exclude(_overdue(today)).filter(next_review__lte=today + timedelta(days=days))


class FactsheetManager(models.Manager.from_queryset(FactsheetQuerySet)):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class Factsheet(ReviewedText):
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

    def clean(self):
        refuse_misleading_review(self, "reviewer")
        if self.last_reviewed and not self.next_review:
            raise ValidationError(
                {"next_review": "Set when this factsheet should next be reviewed."}
            )
        if self.last_reviewed and self.next_review and self.next_review <= self.last_reviewed:
            raise ValidationError({"next_review": "The next review must come after the last."})

    @property
    def is_about_back_pain(self):
        """A factsheet on a back or sciatica condition shows when to get urgent help."""
        return is_about_back_pain(self.condition, self.title)

    @property
    def index_letter(self):
        """The letter this factsheet is filed under in the A–Z index ('#' for a digit etc.)."""
        first = self.condition[:1].upper()
        return first if first.isalpha() else "#"

    def sections(self):
        """The filled-in sections, in page order."""
        return [
            Section(name, heading, text)
            for name, heading in SECTIONS
            if (text := getattr(self, name).strip())
        ]

    @property
    def outdated_claims(self):
        """Claims it makes that the site knows are no longer true: its page says what is known
        now before them (archive.outdated_claims)."""
        return outdated_claims.found_in(
            self.summary, *(section.text for section in self.sections())
        )

    @property
    def summary_claims(self):
        """Claims its summary makes that the site knows are not true: a list that shows the
        summary without the page's note (the A–Z index, a Q&A's factsheets) says what is known
        now beside it."""
        return outdated_claims.found_in(self.summary)

    @property
    def title_claims(self):
        """Claims its title makes that the site knows are not true, noted beside it in search
        results, as a Q&A's title is."""
        return outdated_claims.found_in(self.title)

    @property
    def description(self):
        """What search engines and link previews show of its page (the meta description): its
        summary, else its title. Empty when that makes a claim the site knows is not true,
        which a description cannot carry the note of."""
        text = self.summary or self.title
        return "" if outdated_claims.found_in(text) else text

    @property
    def known_reviewer(self):
        """Who reviewed it, only when the site knows when: "Reviewed by" a name beside "Not yet
        reviewed" would claim a review the page denies."""
        return self.reviewer if self.last_reviewed else ""

    def reviewed_texts(self):
        """What a review of it checks: its summary and sections (a title corrected is not)."""
        return (self.summary, *(getattr(self, name) for name, _ in SECTIONS))

    def mark_reviewed(self, today=None):
        """Reviewed today: the next review is due one REVIEW_PERIOD later."""
        self.last_reviewed = today or timezone.localdate()
        self.note_reviewed_text()
        self.next_review = self.next_review_after(self.last_reviewed)

    @staticmethod
    def next_review_after(reviewed):
        """When a factsheet reviewed on `reviewed` is next due for review."""
        return reviewed + REVIEW_PERIOD

    def is_review_overdue(self, today=None):
        """True when readers should be told this page may be out of date."""
        today = today or timezone.localdate()
        return not self.last_reviewed or not self.next_review or self.next_review < today

    def is_due_for_review(self, days=REVIEW_NOTICE_DAYS, today=None):
        """True when the next review falls within `days` and is not yet overdue."""
        today = today or timezone.localdate()
        if self.is_review_overdue(today):
            return False
        return self.next_review <= today + timedelta(days=days)

    def published_questions(self):
        """The linked Q&As that readers can open, newest first."""
        return self.questions.published().newest_first().select_related("category")

    def suggested_questions(self, limit=10):
        """Published Q&As that mention this condition and are not linked yet, best first.

        Only the condition's name is searched: the rest of a factsheet is full of words such as
        "acupuncture" and "pain" that every Q&A shares."""
        words = SearchQuery(self.condition, config="english")
        questions = (
            Question.objects.published()
            .filter(search_vector=words)
            .order_by(SearchRank("search_vector", words).desc(), "-published_at", "-id")
        )
        if self.pk:
            questions = questions.exclude(factsheets=self)
        return questions.select_related("category")[:limit]

    def structured_data(self, url):
        """schema.org MedicalWebPage data about this page, for search engines (JSON-LD)."""
        data = {
            "@context": "https://schema.org",
            "@type": "MedicalWebPage",
            "url": url,
            "name": self.title,
            "about": {"@type": "MedicalCondition", "name": self.condition},
        }
        if self.summary and not self.summary_claims:
            data["description"] = self.summary
        if self.last_reviewed and not self.edited_since_review:
            data["lastReviewed"] = self.last_reviewed.isoformat()
        if self.known_reviewer and not self.edited_since_review:
            data["reviewedBy"] = schema_party(self.known_reviewer)
        if self.author:
            data["author"] = schema_party(self.author)
        return data
