"""An Atom feed of newly published answers."""

from django.contrib.syndication.views import Feed
from django.urls import reverse_lazy
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.text import Truncator

from archive.models import Question


class NewAnswersFeed(Feed):
    feed_type = Atom1Feed
    title = "Acupuncture Answers: new answers"
    subtitle = "Answers from the expert panel to patients' questions about acupuncture."
    link = reverse_lazy("archive:home")

    def items(self):
        return Question.objects.published().newest_first().select_related("category")[:20]

    def item_title(self, question):
        return question.title  # Atom titles are plain text: the XML writer escapes them once

    def item_description(self, question):
        # Atom summaries are HTML: escape the plain-text answer as HTML here, once, so that
        # "<5 sessions" shows as written (the XML writer's escaping is undone by the reader).
        return escape(Truncator(question.answer).words(60))

    def item_pubdate(self, question):
        return question.published_at

    def item_updateddate(self, question):
        return question.updated_at

    def item_categories(self, question):
        return [question.category.name]
