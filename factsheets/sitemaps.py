"""Sitemap section for condition factsheets."""

from django.contrib.sitemaps import Sitemap

from factsheets.models import Factsheet


class FactsheetSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return Factsheet.objects.order_by("id")
