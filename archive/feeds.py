"""Atom feeds of new answers: the whole archive's, and one per body area. They list only answers
given here: an answer from the earlier archive is not new, and the one date it may have is when it
was added here, so a feed reader would show it as new on the date of its import."""

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.urls import reverse_lazy
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.text import Truncator

from archive.models import EXPERT_PANEL, Category, ContentVersion, Question

FEED_LENGTH = 20


class KnownDatesAtom1Feed(Atom1Feed):
    """Atom whose feed-level <updated> is a date the site knows even with no entries, where
    Django's would be the time of the request."""

    def latest_post_date(self):
        if self.items:
            return super().latest_post_date()
        return self.feed["content_changed_at"]


class NewAnswersFeed(Feed):
    """The newest answers given here, newest first."""

    feed_type = KnownDatesAtom1Feed
    title = "Acupuncture Answers: new answers"
    subtitle = "Answers from the expert panel to patients' questions about acupuncture."
    link = reverse_lazy("archive:home")
    # Atom requires an author for the feed unless every entry names one: an empty feed too.
    author_name = EXPERT_PANEL

    def items(self):
        return newest(Question.objects.published())

    def feed_extra_kwargs(self, obj):
        # When the public pages last changed: the feed's Last-Modified too (archive.caching).
        return {"content_changed_at": ContentVersion.current().shown_since}

    def item_title(self, question):
        # Atom titles are plain text: the XML writer escapes them once. A question that describes
        # a warning sign is titled as its page is, "Get help now" first: a feed reader's list
        # shows titles only.
        if question.red_flags:
            return render_to_string("includes/get_help_title.html") + question.title
        return question.title

    def item_description(self, question):
        # Atom summaries are HTML: escape the plain-text answer as HTML here, once, so that
        # "<5 sessions" shows as written (the XML writer's escaping is undone by the reader).
        # What its page says before the answer comes first here too: advice for a warning sign
        # the question describes, the review note, what is known now of an outdated claim, and,
        # directly before the answer, the note that puts that advice first.
        notes = render_to_string("archive/_before_the_answer.html", {"question": question})
        if question.red_flags:
            note = render_to_string("includes/follow_the_urgent_advice.txt")
            notes = f'{notes.strip()}<p class="notice">{note.strip()}</p>'
        return notes.strip() + escape(Truncator(question.answer).words(60))

    def item_author_name(self, question):
        return question.answered_by

    def item_pubdate(self, question):
        return question.published_at

    def item_updateddate(self, question):
        # An answer scheduled for later is new when it appears, not when it was last saved.
        return question.last_changed

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
    """The newest of `questions` answered here."""
    # Each has its date (a constraint): saying so keeps the index scan to dated rows.
    answered_here = questions.filter(from_archive=False).exclude(published_at=None)
    return answered_here.newest_first().select_related("category")[:FEED_LENGTH]
