"""Condition factsheets: what a condition is and what acupuncture may do for it."""

from django.db import models
from django.urls import reverse


class FactsheetManager(models.Manager):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class Factsheet(models.Model):
    """A factsheet about one condition."""

    title = models.CharField(max_length=200)
    condition = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    body = models.TextField()
    source = models.CharField(max_length=200, blank=True)

    objects = FactsheetManager()

    class Meta:
        ordering = ["condition"]

    def __str__(self):
        return self.condition

    def get_absolute_url(self):
        return reverse("factsheets:detail", args=[self.slug])

    def natural_key(self):
        return (self.slug,)
