"""Filters for a category's list of Q&As."""

import django_filters

from archive.models import NEWEST_FIRST, Question

SORTS = {"newest": NEWEST_FIRST, "title": ("title", "id")}


class QuestionFilter(django_filters.FilterSet):
    words = django_filters.CharFilter(
        field_name="title", lookup_expr="icontains", label="Title contains"
    )
    sort = django_filters.ChoiceFilter(
        # Archived answers have no recorded date: which of them is newest is not known.
        choices=[("newest", "Newest first, then the earlier archive"), ("title", "Title A–Z")],
        method="sort_by",
        empty_label=None,
        label="Order",
    )

    class Meta:
        model = Question
        fields = ["words", "sort"]

    def sort_by(self, queryset, name, value):
        return queryset.order_by(*SORTS[value])

    @property
    def narrows(self):
        """True when title words narrow the list (its count is then not the category's)."""
        self.is_valid()
        return bool(self.form.cleaned_data.get("words"))

    @property
    def is_usual_view(self):
        """True when the list is the category's whole list in its usual order (newest first):
        its later pages are then pages of their own, not views of another page."""
        self.is_valid()
        return not self.narrows and self.form.cleaned_data.get("sort") in (None, "", "newest")
