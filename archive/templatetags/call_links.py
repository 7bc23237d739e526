"""999, NHS 111 and Samaritans' 116 123 as tap-to-call links, wherever the site's text names
them."""

import re

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

register = template.Library()

CALL_NUMBERS = re.compile(r"\b(NHS 111|999|116 123)\b")
TAG = re.compile(r"(<[^>]*>)")


@register.filter(is_safe=True)
def call_links(html):
    """`html` (escaped first if it is not marked safe) with each "999", "NHS 111" and "116 123"
    in its text made a tel: link. Text inside tags or inside an existing link is left alone."""
    pieces = TAG.split(str(conditional_escape(html)))
    in_link = False
    for i, piece in enumerate(pieces):
        if piece.startswith("<"):
            in_link = piece.lower().startswith("<a ") or (in_link and piece.lower() != "</a>")
        elif not in_link:
            pieces[i] = CALL_NUMBERS.sub(_link, piece)
    return mark_safe("".join(pieces))  # noqa: S308 - only escaped text and our own links


def _link(match):
    number = match[1]
    return f'<a href="tel:{number.removeprefix("NHS ").replace(" ", "")}">{number}</a>'
