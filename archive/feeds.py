"""Atom feeds of answers: the whole archive's, and one per body area."""

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.urls import reverse_lazy
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.text import Truncator

from archive.models import Category, Question

FEED_LENGTH = 20


class NewAnswersFeed(Feed):
    feed_type = Atom1Feed
    title = "Acupuncture Answers: new answers"
    subtitle = "Answers from the expert panel to patients' questions about acupuncture."
    link = reverse_lazy("archive:home")

    def items(self):
        return newest(Question.objects.published())

    def item_title(self, question):
        return question.title  # Atom titles are plain text: the XML writer escapes them once

    def item_description(self, question):
        # Atom summaries are HTML: escape the plain-text answer as HTML here, once, so that
        # "<5 sessions" shows as written (the XML writer's escaping is undone by the reader).
        # What its page says before the answer comes first here too: advice for a warning sign
        # the question describes, the review note, what is known now of an outdated claim.
        notes = render_to_string("archive/_before_the_answer.html", {"question": question})
        return notes.strip() + escape(Truncator(question.answer).words(60))

    def item_pubdate(self, question):
        # None for an archived answer whose date was never recorded: the entry then has no
        # <published>, which Atom allows.
        return question.published_at

    def item_updateddate(self, question):
        # Atom requires <updated> on every entry. This is when the record last changed on this
        # site (an edit, or its import from the earlier archive): a date the site knows, unlike
        # an archived answer's original date.
        return question.updated_at

    def item_categories(self, question):
        return [question.category.name]


class BodyAreaFeed(NewAnswersFeed):
    """New answers in one body area and the areas below it."""

    def get_object(self, request, slug):
        return get_object_or_404(Category, slug=slug)

    def title(self, category):
        return f"Acupuncture Answers: new answers about {category.name.lower()}"

    def link(self, category):
        return category.get_absolute_url()

    def items(self, category):
        return newest(Question.objects.published().in_category(category))


def newest(questions):
    return questions.newest_first().select_related("category")[:FEED_LENGTH]
