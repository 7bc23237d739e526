"""The privacy page's facts come from SECURITY.md, so that they are stated once: its section on
personal data is shown to visitors as written there."""

import functools

from django.conf import settings
from markdown_it import MarkdownIt

# The repository's copy, or in an installed wheel the one the config package carries.
SECURITY_MD = settings.SITE_FILES_DIR / "SECURITY.md"
SECTION = "## What personal data the site keeps"


@functools.cache
def personal_data_html():
    """SECURITY.md's section on personal data as HTML (read once per process). Raw HTML in the
    file is escaped, not passed through."""
    text = SECURITY_MD.read_text(encoding="utf-8")
    start = text.index(SECTION) + len(SECTION)
    end = text.find("\n## ", start)
    section = text[start : end if end != -1 else None]
    # Its own headings sit under the page's <h1>.
    return MarkdownIt("commonmark", {"html": False}).enable("table").render(section)
