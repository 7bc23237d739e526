"""Template helpers for every app's pages: machine-readable dates, structured data, answer dates."""

import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()

# As Django's json_script: no text inside the data can end the <script> element early.
JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.filter
def machine_datetime(value):
    """A moment for <time datetime>, in the site's time zone, to the second: HTML allows at most
    three decimal places, and Django's 'c' format writes six when the time has microseconds."""
    if not value:
        return ""
    return timezone.localtime(value).isoformat(timespec="seconds")


@register.simple_tag
def json_ld(data):
    """A <script type="application/ld+json"> element holding `data`."""
    payload = json.dumps(data, cls=DjangoJSONEncoder).translate(JSON_SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))  # noqa: S308 - escaped above


@register.simple_tag(takes_context=True)
def absolute(context, path):
    """The path as a full address on this site: printed pages show each link's target as
    written (CSS attr(href)), and a bare path means nothing on paper."""
    return context["request"].build_absolute_uri(path)


@register.simple_tag
def when_published(question):
    """When a Q&A was published on this site: the one date it records (`published_at`), which
    is not when it was answered. A Q&A of the earlier archive was answered there before it was
    added here, so its date says "Added here"; with no recorded date, that it is not known. It
    is on every row of every list of Q&As: built here rather than from a template of its own,
    which cost a row more than all the rest of it."""
    if not question.published_at:
        return "From the earlier archive, date not recorded"
    return format_html(
        '{} <time datetime="{}">{}</time>',
        "Added here" if question.from_archive else "Published",
        machine_datetime(question.published_at),
        date_format(timezone.localtime(question.published_at)),
    )


@register.simple_tag
def due_for_review(question):
    """ " · answer due for review" after a listed Q&A's details while it is due for review, as
    every list of Q&As and every search result says it; nothing otherwise. "Due", not "being
    reviewed": the mark or a passed review-by date says a review is owed, not that anyone is
    doing it."""
    if not question.is_due_for_review():
        return ""
    return mark_safe(" · <strong>answer due for review</strong>")  # noqa: S308 - a constant
