"""What search keeps of its own: the synonym list editors maintain."""

from django.core.cache import caches
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower

# Where each process remembers the synonym list (search.query.synonym_lexicon); saving or
# deleting a synonym forgets it in that process, the others within SYNONYM_LEXICON_SECONDS.
SYNONYM_LEXICON_CACHE_KEY = "search:synonym-lexicon"
SYNONYM_LEXICON_SECONDS = 60


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

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        caches["local"].delete(SYNONYM_LEXICON_CACHE_KEY)

    def delete(self, *args, **kwargs):
        deleted = super().delete(*args, **kwargs)
        caches["local"].delete(SYNONYM_LEXICON_CACHE_KEY)
        return deleted

    def terms(self):
        """The lay term and each clinical term, in that order."""
        return [self.lay_term.strip(), *split_terms(self.clinical_terms)]


def split_terms(text):
    return [term.strip() for term in text.split(",") if term.strip()]
