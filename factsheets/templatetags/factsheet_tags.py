"""Rendering factsheet text safely."""

from django import template
from django.utils.html import format_html, format_html_join

register = template.Library()

LIST_ITEM = "- "


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
