"""What the search app adds to other apps' pages."""

from django import template

from search.results import similar_to_question

register = template.Library()


@register.simple_tag
def similar_to(question, limit=5):
    """Published Q&As most like `question` by text (see search.results.similar_to_question)."""
    return similar_to_question(question, limit=limit)
