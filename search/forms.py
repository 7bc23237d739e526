"""The search form: what visitors type to search the archive."""

import unicodedata

from django import forms
from django.core.exceptions import ValidationError

from search.query import MAX_QUERY_LENGTH, prepare

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


class SearchForm(forms.Form):
    """A visitor's search: the words, and whether to search them exactly as typed."""

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

    def prepared(self):
        """The valid query made ready for the database (`search.query.prepare`)."""
        return prepare(self.cleaned_data["q"], correct_spelling=not self.cleaned_data["as_typed"])

    def shown_query(self):
        """The query to show back in the search box: as typed when valid; otherwise without
        control characters and cut to the limit."""
        if self.is_valid():
            return self.cleaned_data["q"]
        text = "".join(c for c in self.data.get("q", "") if not has_control_characters(c))
        return " ".join(text.split())[:MAX_QUERY_LENGTH]
