"""The privacy page's facts come from SECURITY.md, so that they are stated once: its section on
personal data is shown to visitors as written there, the plain words for patients first and the
part for developers (where each thing is stored) after them."""

import functools

from django.conf import settings
from markdown_it import MarkdownIt

# The repository's copy, or in an installed wheel the one the config package carries.
SECURITY_MD = settings.SITE_FILES_DIR / "SECURITY.md"
SECTION = "## What personal data the site keeps"
DEVELOPERS = "### For developers: where each is stored"


@functools.cache
def personal_data_sections():
    """SECURITY.md's section on personal data as markdown: the plain words, and the part for
    developers without its heading (the page folds it under a summary of its own)."""
    text = SECURITY_MD.read_text(encoding="utf-8")
    start = text.index(SECTION) + len(SECTION)
    end = text.find("\n## ", start)
    section = text[start : end if end != -1 else None]
    plain, developers = section.split(DEVELOPERS)
    return plain, developers


@functools.cache
def personal_data_html():
    """The plain words as HTML; their headings sit under the page's own."""
    return _render(personal_data_sections()[0])


@functools.cache
def storage_html():
    """The part for developers as HTML: the table of where each thing is stored."""
    return _render(personal_data_sections()[1])


def _render(markdown):
    """Raw HTML in the file is escaped, not passed through."""
    return MarkdownIt("commonmark", {"html": False}).enable("table").render(markdown)
