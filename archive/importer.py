"""Turn the archived "Ask an expert" pages into Q&As, categories and a factsheet.

The pages are plain-text captures of a real site: they carry its navigation, odd spacing,
answers without an `A:` label and answers whose question was lost. This module removes the
site's furniture and splits what is left into records; the text itself is left as the experts
wrote it.
"""

import re
from dataclasses import dataclass, field
from pathlib import Path

from django.utils.text import slugify

# Whole lines that belong to the captured site, not to any answer.
FURNITURE_LINES = {
    "Find an acupuncturist...",
    "Post a question",
    "If you have any questions about acupuncture, browse our archive or ask an expert.",
    "Ask an expert",
    "BAcC Factsheets",
    "Research based factsheets have been prepared for over 60 conditions especially for this website",
    "Browse the facts",
    "Please click here",
}
FURNITURE_PATTERNS = [
    re.compile(r"^Page \d+ of \d+$"),
    re.compile(r"^\d+ questions?$"),
]
# Image captions the capture glued onto the end of a sentence or heading.
IMAGE_RESIDUE = re.compile(r"(?:[a-z]+ \d+ image of [\w ]+|images \(\d+\))$")
# A factsheet page ends where its reader comments begin.
COMMENTS_START = re.compile(r"^(One|\d+) Responses? to ")
FACTSHEET_HEADING = re.compile(r"^Acupuncture for (?P<condition>.+)$")
HEADER = re.compile(r"^Ask an expert - (?P<path>.+)$")
LABEL = re.compile(r"^(?P<label>[QA]):\s*(?P<text>.*)$")
SENTENCE_END = re.compile(r"(?<=[.?!])\s")
TITLE_LENGTH = 90


@dataclass
class Record:
    """One Q&A as found on a page."""

    question: str = ""
    answer_paragraphs: list[str] = field(default_factory=list)

    @property
    def question_preserved(self):
        return bool(self.question)

    @property
    def answer(self):
        return "\n\n".join(self.answer_paragraphs)


@dataclass
class Page:
    """What one source page holds once its furniture is gone."""

    name: str
    category_path: list[str]
    heading: str
    records: list[Record]
    lines: list[str]

    @property
    def factsheet_condition(self) -> str:
        """The condition a factsheet page is about, or '' for a page of Q&As."""
        match = FACTSHEET_HEADING.match(self.heading)
        return match["condition"] if match and not self.records else ""


def clean_line(line: str) -> str:
    """Normalise non-breaking and repeated spaces; keep the words as they are."""
    line = line.replace("\u00a0", " ").replace("\u200b", "")
    line = IMAGE_RESIDUE.sub("", re.sub(r"[ \t]+", " ", line).strip())
    return line.strip()


def is_furniture(line: str) -> bool:
    return line in FURNITURE_LINES or any(p.match(line) for p in FURNITURE_PATTERNS)


def join_broken_lines(lines: list[str]) -> list[str]:
    """Rejoin a sentence that the capture split where a link used to be
    ("As our factsheet shows" / "there is some evidence..."), blank lines between included."""
    joined: list[str] = []
    for line in lines:
        previous = next((x for x in reversed(joined) if x), "")
        if previous and line and previous[-1] not in ".?!:'\"" and line[0].islower():
            while joined[-1] == "":
                joined.pop()
            joined[-1] = f"{previous} {line}"
        else:
            joined.append(line)
    return joined


def content_lines(text: str) -> list[str]:
    """The page's lines, cleaned, furniture and reader comments removed, blank lines kept as ''."""
    lines = []
    for raw in text.splitlines():
        line = clean_line(raw)
        if COMMENTS_START.match(line):
            break
        lines.append(line)
    return join_broken_lines([line for line in lines if not is_furniture(line)])


def parse_page(name: str, text: str) -> Page:
    lines = content_lines(text)
    category_path: list[str] = []
    heading_lines: list[str] = []
    records: list[Record] = []
    current: Record | None = None
    part = None  # "question" or "answer": where an unlabelled line belongs
    for line in lines:
        header = HEADER.match(line)
        label = LABEL.match(line)
        if header:
            category_path = [p.strip() for p in header["path"].split(" - ")]
        elif label and label["label"] == "Q":
            current = Record(question=label["text"])
            records.append(current)
            part = "question"
        elif label:
            if current is None or current.answer_paragraphs:
                # An answer whose question did not survive.
                current = Record()
                records.append(current)
            current.answer_paragraphs.append(label["text"])
            part = "answer"
        elif not line:
            if part == "question":
                part = "question-ended"
        elif current is None:
            heading_lines.append(line)
        elif part == "question":
            current.question = f"{current.question}\n\n{line}"
        else:
            # After a question and a blank line, unlabelled text is the answer.
            current.answer_paragraphs.append(line)
            part = "answer"
    return Page(
        name=name,
        category_path=category_path,
        heading=heading_lines[0] if heading_lines else "",
        records=[r for r in records if r.answer_paragraphs],
        lines=[line for line in lines if line],
    )


def first_sentence(text: str) -> str:
    return SENTENCE_END.split(text.strip(), maxsplit=1)[0]


def shorten(text: str, limit: int = TITLE_LENGTH) -> str:
    """Cut at a word boundary, marking the cut with an ellipsis."""
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def title_for(record: Record, page: Page) -> str:
    """The page's own heading when it names this Q&A, else the question's first sentence, else
    (question lost) the answer's first sentence, said plainly."""
    if page.heading and len(page.records) == 1 and not record.question.startswith(page.heading):
        return page.heading
    if record.question_preserved:
        return shorten(first_sentence(record.question).rstrip(" ."))
    return "Answer only: " + shorten(first_sentence(record.answer).rstrip(" ."), TITLE_LENGTH - 13)


def unique_slug(title: str, taken: set[str], limit: int = 70) -> str:
    base = slugify(title)
    if len(base) > limit:
        base = base[: limit + 1].rsplit("-", 1)[0]
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    taken.add(slug)
    return slug


def category_for_content(page: Page, known_paths: list[list[str]]) -> list[str]:
    """For a page without a header: the deepest known category whose name the page mentions."""
    text = " ".join(page.lines).lower()
    for path in sorted(known_paths, key=len, reverse=True):
        if path[-1].lower() in text:
            return path
    raise ValueError(f"{page.name}: no category header and no known category named in its text")


def read_pages(folder: Path) -> list[Page]:
    return [parse_page(p.name, p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.txt"))]
