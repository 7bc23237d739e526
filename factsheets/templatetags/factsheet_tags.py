"""Rendering factsheet text and structured data safely."""

import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

register = template.Library()

LIST_ITEM = "- "
# As Django's json_script: no text inside the data can end the <script> element early.
JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def text_blocks(text):
    """Split section text into ("ul" | "p", [lines]) blocks: a line starting '- ' is a list
    item (blank lines between items keep one list); other lines form paragraphs, which end at
    a blank line or a list."""
    blocks = []
    after_blank = True
    for line in (text or "").splitlines():
        line = line.strip()
        if not line:
            after_blank = True
            continue
        kind = "ul" if line.startswith(LIST_ITEM) else "p"
        if blocks and blocks[-1][0] == kind and (kind == "ul" or not after_blank):
            blocks[-1][1].append(line)
        else:
            blocks.append((kind, [line]))
        after_blank = False
    return blocks


@register.filter
def paragraphs_and_lists(text):
    """Plain section text as <p> and <ul> elements, every piece of the text escaped.
    Single line breaks inside a paragraph read as spaces, as in Markdown."""
    return format_html_join(
        "\n", "{}", ((_block_html(kind, lines),) for kind, lines in text_blocks(text))
    )


def _block_html(kind, lines):
    if kind == "ul":
        items = format_html_join("", "<li>{}</li>", ((line[2:].strip(),) for line in lines))
        return format_html("<ul>{}</ul>", items)
    return format_html("<p>{}</p>", " ".join(lines))


@register.simple_tag
def json_ld(data):
    """A <script type="application/ld+json"> element holding `data`."""
    payload = json.dumps(data, cls=DjangoJSONEncoder).translate(JSON_SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))  # noqa: S308 - escaped above
