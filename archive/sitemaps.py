"""Sitemap sections for the archive: published Q&As and the categories that hold them."""

from django.contrib.sitemaps import Sitemap

from archive.models import Category, Question


class QuestionSitemap(Sitemap):
    changefreq = "yearly"

    def items(self):
        return Question.objects.published().order_by("id")

    def lastmod(self, question):
        # Never before the page existed: a Q&A saved before its scheduled publication.
        return question.last_changed


class CategorySitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return Category.objects.order_by("id")
