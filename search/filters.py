"""Narrowing search results to a body area."""

import django_filters
from django import forms
from django.utils.functional import cached_property

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
    """The body area search results may be narrowed to (with what lies below it). Only its form
    and `categories` are used: the ranking filters by category itself. An unknown body area is
    ignored, as the filter would."""

    category = CategoryFilter(
        queryset=Category.objects.order_by("name"),
        to_field_name="slug",
        label="Body area",
        empty_label="All answers and factsheets",
    )

    class Meta:
        model = Question
        fields = ["category"]

    @cached_property
    def categories(self):
        """The ids of the chosen body area and those below it, or None when none is chosen
        (factsheets are then searched too: they have no body area)."""
        category = self.form.cleaned_data.get("category") if self.is_valid() else None
        return category.descendant_ids() if category else None

    @property
    def narrows(self):
        """True when a body area is chosen."""
        return self.categories is not None
