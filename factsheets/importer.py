"""Turn an archived factsheet page into a structured factsheet.

The page's own headings ("What is Sciatica?", "Symptoms of ...", "What causes ...", "How does
acupuncture work?") start its sections; the NICE paragraph and its footnote are the evidence and
the reference. The practitioner's closing biography is left out: it is about the practitioner,
not the condition, and it does not say that they wrote the page, so the factsheet names no author
(readers would be told "Written by" a name the site only guessed). The words stay as the page
gives them: only the page's bullets become the '- ' list lines that sections use.
"""

import itertools
import re

from django.utils.text import slugify

from archive.importer import first_sentence
from factsheets.models import SECTIONS, Factsheet

# A heading line starts the section it names; it is not content itself.
SECTION_HEADINGS = [
    (re.compile(r"^What is .+\?$"), "what_it_is"),
    (re.compile(r"^Symptoms\b"), "symptoms"),
    (re.compile(r"^What causes\b"), "causes"),
    (re.compile(r"^How (?:does|can|might) acupuncture\b"), "how_acupuncture_may_help"),
]
# These lines start a section and are content: the guideline's claim and its footnote.
EVIDENCE_START = re.compile(r"^(?:NICE|Nice|The National Institute for Health)\b")
FOOTNOTE = re.compile(r"^\*\s")
# "Colette Assor has over 20 years experience...": a biography after the evidence.
BIOGRAPHY = re.compile(r"^[A-Z][\w’'-]+(?: [A-Z][\w’'-]+){1,2} (?:has|is)\b")
BULLET = re.compile(r"^[•·]\s*")
LIST_ITEM = "- "


def factsheet_from_page(page):
    """An unsaved Factsheet from a parsed factsheet page (`archive.importer.Page`)."""
    lines = {name: [] for name, _ in SECTIONS}
    current = "what_it_is"
    for line in page.lines[1:]:  # the first line is the page's title
        heading = next((name for pattern, name in SECTION_HEADINGS if pattern.match(line)), None)
        if heading:
            current = heading
            continue
        if FOOTNOTE.match(line):
            current = "references"
        elif EVIDENCE_START.match(line):
            current = "evidence"
        elif current in ("evidence", "references") and BIOGRAPHY.match(line):
            continue  # about the practitioner, not the condition
        lines[current].append(BULLET.sub(LIST_ITEM, line))
    texts = {name: section_text(section_lines) for name, section_lines in lines.items()}
    opening = texts["what_it_is"].split("\n\n")[0]
    return Factsheet(
        condition=page.factsheet_condition,
        title=page.heading,
        slug=slugify(page.factsheet_condition),
        summary=first_sentence(opening),
        source=page.name,
        **texts,
    )


def section_text(lines):
    """One line per paragraph on the page: blank lines between paragraphs, none between the
    items of one list."""
    text = ""
    for previous, line in itertools.pairwise(["", *lines]):
        if previous:
            in_list = previous.startswith(LIST_ITEM) and line.startswith(LIST_ITEM)
            text += "\n" if in_list else "\n\n"
        text += line
    return text


def questions_about(factsheet, questions):
    """The Q&As whose question or answer names the factsheet's condition: a rule anyone can
    check, for the seed's links; editors add and remove links in admin."""
    name = re.compile(rf"\b{re.escape(factsheet.condition)}\b", re.IGNORECASE)
    return [q for q in questions if name.search(q.question) or name.search(q.answer)]
