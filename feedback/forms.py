from django import forms
from django.urls import Resolver404, resolve

from feedback.models import ASKING_PAGES


def shown_page(path):
    """True when `path` is the address of a Q&A or factsheet a reader can open now: one query,
    none for an address no such page could have."""
    if not path.startswith("/"):
        return False
    try:
        match = resolve(path)
    except Resolver404:
        return False
    pages = ASKING_PAGES.get(match.view_name)
    return pages is not None and pages().filter(slug=match.kwargs["slug"]).exists()


class FeedbackForm(forms.Form):
    """One reader's answer about one page: the page's address and yes or no. Only the address of
    a published Q&A or a factsheet is counted, so that no made-up text (a name, an illness) is
    ever stored as an address."""

    page = forms.CharField(max_length=300)
    helpful = forms.TypedChoiceField(
        choices=[("yes", "Yes"), ("no", "No")], coerce=lambda value: value == "yes"
    )

    def clean_page(self):
        path = self.cleaned_data["page"]
        if not shown_page(path):
            raise forms.ValidationError("Not a page that asks for feedback.")
        return path
