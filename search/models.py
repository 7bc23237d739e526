"""What search keeps of its own: the synonym list editors maintain, and the searches that
found little or missed some of their words, counted for editors."""

from datetime import timedelta

from django.db import models
from django.db.models import Case, Count, F, Max, Min, Q, Sum, Value, When
from django.db.models.functions import Least, Lower
from django.utils import timezone

from config.personal_data import looks_personal


class Synonym(models.Model):
    """A patient's words for something the experts call otherwise ("slipped disc" for
    "herniated disc"). Search treats the lay term and its clinical terms as one, both ways."""

    lay_term = models.CharField(
        max_length=100, help_text="How patients say it, e.g. “slipped disc” or “dizzy”."
    )
    clinical_terms = models.CharField(
        max_length=300,
        help_text="What the answers may call it, separated by commas, "
        "e.g. “herniated disc, prolapsed disc”.",
    )

    class Meta:
        ordering = ["lay_term"]
        constraints = [
            models.UniqueConstraint(Lower("lay_term"), name="synonym_lay_term_unique"),
            models.CheckConstraint(
                condition=~Q(lay_term="") & ~Q(clinical_terms=""), name="synonym_has_both_sides"
            ),
        ]

    def __str__(self):
        return f"{self.lay_term} ~ {self.clinical_terms}"

    def terms(self):
        """The lay term and each clinical term, in that order."""
        return [self.lay_term.strip(), *split_terms(self.clinical_terms)]


def split_terms(text):
    return [term.strip() for term in text.split(",") if term.strip()]


# A search showing at most this many results "found little" and is counted for editors.
FEW_RESULTS = 3
# As long as a search may be.
MISSING_WORDS_LENGTH = 200
# As long as a counted search may be: a search of the longest the form takes can grow when
# normalised ("ß" is "ss"), and an INSERT refused for length would log the words.
QUERY_LENGTH = 200


def normalise(text):
    """The form a search is counted under: lower case, single spaces, no quotes or minus signs
    around words, so that "Sciatica " and "sciatica" count as one."""
    words = (word.strip("\"'-+") for word in text.casefold().split())
    return " ".join(word for word in words if word)


class SearchGapQuerySet(models.QuerySet):
    def record(self, text, results, missing=()):
        """Count one search of `text` that showed `results` results, today, and say whether it
        counted: it did if it found few, or if no page mentions some of its words (`missing`,
        as the page names them), whatever the other words found. Nothing about the visitor is
        kept: no address, no session, no time of day, and nothing of a search that looks like
        someone's e-mail address or number."""
        query = normalise(text)[:QUERY_LENGTH]
        if not query or results > FEW_RESULTS and not missing or looks_personal(text):
            return False
        today = timezone.localdate()
        # Words missing from a search that found nothing are the whole search: not kept twice.
        missing_words = normalise(", ".join(missing))[:MISSING_WORDS_LENGTH] if results else ""
        # A row an editor dealt with counts afresh from this search: what waits again is what
        # was searched since the mark, not the day's searches before it.
        reopened = Q(dealt_with_at__isnull=False)
        found = {
            "searches": Case(
                When(reopened, then=Value(1)),
                default=F("searches") + 1,
                output_field=models.PositiveIntegerField(),
            ),
            "fewest_results": Case(
                When(reopened, then=Value(results)),
                default=Least("fewest_results", results),
                output_field=models.PositiveSmallIntegerField(),
            ),
            "missing_words": missing_words,
            # Searched again after an editor dealt with it: the day's row waits for them again.
            "dealt_with_at": None,
        }
        if not self.filter(query=query, day=today).update(**found):
            # The day's first: a row counting none, then counted as above. Never an INSERT that
            # fails when another request adds the row meanwhile: the database server would log
            # the failed statement, words and all (ON CONFLICT DO NOTHING fails nothing).
            first = SearchGap(query=query, day=today, searches=0, fewest_results=results)
            self.bulk_create([first], ignore_conflicts=True)
            self.filter(query=query, day=today).update(**found)
        return True

    def waiting(self):
        """The rows no editor has dealt with yet: what the list and the admin index show."""
        return self.filter(dealt_with_at__isnull=True)

    def dealt_with(self):
        return self.filter(dealt_with_at__isnull=False)

    def mark_dealt_with(self):
        """Mark these rows dealt with, now; return how many searches (normalised queries, as the
        list shows them) that were open are dealt with now."""
        waiting = self.waiting()
        queries = waiting.values("query").distinct().count()
        waiting.update(dealt_with_at=timezone.now())
        return queries

    def older_than(self, days):
        return self.filter(day__lt=timezone.localdate() - timedelta(days=days))

    def most_frequent(self):
        """One row per query: searches summed over the days kept, most searched first."""
        return (
            self.values("query")
            .annotate(
                searches_total=Sum("searches"),
                days=Count("day"),
                fewest=Min("fewest_results"),
                missed=Max("missing_words"),
                last_day=Max("day"),
                dealt_with=Max("dealt_with_at"),
            )
            .order_by("-searches_total", "-last_day", "query")
        )


class SearchGap(models.Model):
    """How many times, on one day, a search found nothing or only a few results, or found
    pages for some of its words only; and whether an editor has dealt with it since."""

    query = models.CharField(max_length=QUERY_LENGTH, help_text="The search, normalised.")
    day = models.DateField()
    searches = models.PositiveIntegerField(default=1)
    fewest_results = models.PositiveSmallIntegerField(
        help_text="The fewest results any of these searches showed."
    )
    missing_words = models.CharField(
        max_length=MISSING_WORDS_LENGTH,
        blank=True,
        help_text="The search's words that no answer or factsheet mentions, when the others "
        "found pages: what the page told the visitor it could not find.",
    )
    # When an editor marked the search dealt with (a synonym or an answer added), or null while
    # it waits; the editor's time, never a visitor's. A search of the same words counted later
    # empties it on that day's row, which waits again counting from that search (`record`).
    dealt_with_at = models.DateTimeField(null=True, blank=True)

    objects = SearchGapQuerySet.as_manager()

    class Meta:
        verbose_name = "search that found little"
        verbose_name_plural = "searches that found little"
        constraints = [
            models.UniqueConstraint(fields=["query", "day"], name="search_gap_one_row_a_day"),
        ]
        indexes = [
            # prune_search_gaps: the days older than the retention period.
            models.Index(fields=["day"], name="search_gap_day"),
        ]

    def __str__(self):
        return f"{self.query} ({self.day})"


class EnglishWord(models.Model):
    """A word of English and how often people use it (pyspellchecker's English list, loaded by
    migration search/0020). Spelling correction reads it so that a common word the archive lacks
    is not "corrected" into another one ("blurred vision" is not "blurred visit")."""

    word = models.CharField(max_length=100, primary_key=True)
    frequency = models.PositiveBigIntegerField()

    def __str__(self):
        return self.word
