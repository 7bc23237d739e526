"""Narrowing search results to a body area."""

import django_filters
from django import forms

from archive.models import Category, Question, category_choices


class CategoryChoiceField(forms.ModelChoiceField):
    """Body areas by their own names (their full paths would cost a query each), listed from
    the process's memory of them: the list is on every search page."""

    @property
    def choices(self):
        return [("", self.empty_label), *category_choices()]


class CategoryFilter(django_filters.ModelChoiceFilter):
    field_class = CategoryChoiceField


class SearchFilter(django_filters.FilterSet):
    """Narrows search results to a body area (and what lies below it)."""

    category = CategoryFilter(
        queryset=Category.objects.order_by("name"),
        to_field_name="slug",
        method="in_category",
        label="Body area",
        empty_label="All answers and factsheets",
    )

    class Meta:
        model = Question
        fields = ["category"]

    def in_category(self, queryset, name, value):
        return queryset.in_category(value)

    @property
    def narrows(self):
        """True when a body area is chosen (factsheets then stay out: they have none)."""
        return self.is_valid() and self.form.cleaned_data.get("category") is not None
