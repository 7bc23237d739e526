from django import forms
from django.urls import Resolver404, resolve

# The pages that ask "Was this helpful?" (URL names).
ASKING_PAGES = {"archive:question", "factsheets:detail"}


class FeedbackForm(forms.Form):
    """One reader's answer about one page: the page's address and yes or no."""

    page = forms.CharField(max_length=300)
    helpful = forms.TypedChoiceField(
        choices=[("yes", "Yes"), ("no", "No")], coerce=lambda value: value == "yes"
    )

    def clean_page(self):
        path = self.cleaned_data["page"]
        try:
            match = resolve(path)
        except Resolver404:
            match = None
        if not path.startswith("/") or match is None or match.view_name not in ASKING_PAGES:
            raise forms.ValidationError("Not a page that asks for feedback.")
        return path
