"""The search form: what visitors type to search the archive."""

import unicodedata

from django import forms
from django.core.exceptions import ValidationError

from archive.models import Category, category_choices
from search.query import MAX_QUERY_LENGTH, prepare

# What the search boxes take: more than a search runs on (MAX_QUERY_LENGTH), so that a pasted
# question is refused with the reason, and the advice of any warning sign in it, rather than cut
# short by the browser unseen; few enough that its address stays within a request line's limit
# (gunicorn's 4,094 bytes) for any but text of mostly non-English letters.
TYPED_MAX_LENGTH = 1000

# Tabs and line breaks in pasted text are harmless: they count as spaces.
ALLOWED_CONTROLS = {"\t", "\n", "\r"}


def has_control_characters(text):
    return any(unicodedata.category(c) == "Cc" and c not in ALLOWED_CONTROLS for c in text)


def reject_control_characters(text):
    if has_control_characters(text):
        raise ValidationError(
            "Your search holds invisible control characters. Please type it again.",
            code="control_characters",
        )


class BodyAreaField(forms.ChoiceField):
    """A body area by slug, listed from the process's memory of them (the list is on every
    search page). An unknown one (an old link) counts as none rather than as an error."""

    def __init__(self, **kwargs):
        super().__init__(choices=self.body_areas, required=False, **kwargs)

    @staticmethod
    def body_areas():
        return [("", "All answers and factsheets"), *category_choices()]

    def to_python(self, value):
        slug = super().to_python(value)
        return slug if any(slug == choice for choice, _ in category_choices()) else ""


class SearchForm(forms.Form):
    """A visitor's search: the words, whether to search them exactly as typed, and the body
    area to narrow the results to."""

    q = forms.CharField(
        label="Search the answers",
        required=False,
        max_length=MAX_QUERY_LENGTH,
        validators=[reject_control_characters],
        error_messages={
            "max_length": (
                "Please shorten your search to %(limit_value)d characters or fewer "
                "(it has %(show_value)d). A few words that describe the problem work best."
            ),
            "null_characters_not_allowed": (
                "Your search holds invisible control characters. Please type it again."
            ),
        },
    )
    as_typed = forms.BooleanField(required=False, widget=forms.HiddenInput)
    category = BodyAreaField(label="Body area")

    def prepared(self):
        """The valid query made ready for the database (`search.query.prepare`)."""
        return prepare(self.cleaned_data["q"], correct_spelling=not self.cleaned_data["as_typed"])

    def categories(self):
        """The ids of the chosen body area and those below it, or None when none is chosen
        (factsheets are then searched too: they have no body area)."""
        slug = self.cleaned_data["category"]
        return Category.objects.node(slug).descendant_ids() if slug else None

    def shown_query(self):
        """The query to show back in the search box: as typed when valid; otherwise without
        control characters and cut to the limit."""
        if self.is_valid():
            return self.cleaned_data["q"]
        return self.typed_text()[:MAX_QUERY_LENGTH]

    def typed_text(self):
        """The words typed, whatever their length, without control characters and with single
        spaces: what a search too long to run offers to ask the expert panel."""
        text = "".join(c for c in self.data.get("q", "") if not has_control_characters(c))
        return " ".join(text.split())
