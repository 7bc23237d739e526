"""Turn the archived "Ask an expert" pages into Q&As, categories and factsheets.

The pages are plain-text captures of a real site: category listings (one page of many),
single-Q&A pages and factsheets. They carry its navigation, odd spacing, answers without an
`A:` label and answers whose question was lost; one Q&A may be captured on a listing and on its
own page. This module removes the site's furniture, splits what is left into records and
gathers each Q&A's captures into one entry; the text itself is left as the experts wrote it.
"""

import re
from dataclasses import dataclass, field
from pathlib import Path

from django.template.defaultfilters import pluralize
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
# The site's menus, bulleted or not, wherever a capture put them (compared without case).
NAVIGATION = {
    "home", "about", "about us", "member login", "members", "login", "log in", "contact",
    "contact us", "site search", "search", "find an acupuncturist", "ask an expert",
    "factsheets", "bacc factsheets", "news", "research", "sitemap", "privacy", "cookies",
}  # fmt: skip
MENU_BULLET = re.compile(r"^[•·*]\s*")
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
# As long as a title may be (Question.title's max_length): a first sentence that fits is kept
# whole, as one cut short can say what the sentence does not ("should have no harmful…").
TITLE_LENGTH = 200
# Where a phrase of a long sentence ends: before a comma's or semicolon's space, a bracket or a
# joining word ("…which gives me…", "…and then I fell…").
PHRASE_END = re.compile(r"[,;:]? (?=\(|(and|but|so|which|who|because|while|then|due to)\b)|[,;:] ")
ANSWER_ONLY = "Answer only: "  # how a title taken from the answer says so


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
    unanswered: int = 0  # questions captured without any answer: skipped

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
    item = MENU_BULLET.sub("", line).rstrip(".… ").casefold()
    return (
        line in FURNITURE_LINES
        or item in NAVIGATION
        or any(p.match(line) for p in FURNITURE_PATTERNS)
    )


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
        unanswered=sum(not r.answer_paragraphs for r in records),
    )


# An archived answer that cites a clinical guideline is imported marked for review: the site
# cannot know the guideline still says so (NICE stopped recommending acupuncture for low back pain
# in 2016, and five archived answers say it does). Readers see a note until an editor reviews it.
CITES_GUIDELINES = re.compile(
    r"\bNICE\b|National Institute for (Health and )?(Clinical|Care) Excellence|\bguidelines?\b"
)


def cites_guidelines(answer: str) -> bool:
    return CITES_GUIDELINES.search(answer) is not None


def first_sentence(text: str) -> str:
    return SENTENCE_END.split(text.strip(), maxsplit=1)[0]


def shorten(text: str, limit: int = TITLE_LENGTH) -> str:
    """Cut where a phrase ends in the second half of `limit`, else at a word boundary, marking
    the cut with an ellipsis."""
    if len(text) <= limit:
        return text
    ends = [m.start() for m in PHRASE_END.finditer(text, 0, limit) if m.start() >= limit // 2]
    cut = text[: ends[-1]] if ends else text[:limit].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + "…"


def names_its_question(page: Page, record: Record) -> bool:
    """True on a Q&A's own page whose heading is a title, not a truncated copy of the question."""
    return bool(
        page.heading and len(page.records) == 1 and not record.question.startswith(page.heading)
    )


def title_for(record: Record, page: Page) -> str:
    """The title as the source gives it: the page's own heading when it names this Q&A, else the
    question's first sentence, else (question lost) the answer's first sentence, said plainly."""
    if names_its_question(page, record):
        return page.heading
    if record.question_preserved:
        return shorten(first_sentence(record.question).rstrip(" ."))
    limit = TITLE_LENGTH - len(ANSWER_ONLY)
    return ANSWER_ONLY + shorten(first_sentence(record.answer).rstrip(" ."), limit)


# "I' ve", "don 't": an apostrophe with a stray space inside a word.
SPLIT_APOSTROPHE = re.compile(r"(?<=[A-Za-z])(?: ['’]|['’] )(?=(?:ve|s|t|m|d|re|ll)\b)")
SPACE_BEFORE_PUNCTUATION = re.compile(r"\s+(?=[,.;:?!)])")


def tidy_title(title: str) -> str:
    """The source's title with its whitespace and punctuation tidied, and without the "Answer
    only" label (pages say that in words of their own); its words, typos included, are left for
    editors to correct."""
    title = title.removeprefix(ANSWER_ONLY)
    title = SPLIT_APOSTROPHE.sub("'", " ".join(title.split()))
    title = SPACE_BEFORE_PUNCTUATION.sub("", title).rstrip(" .,;:")
    return title[:1].upper() + title[1:]


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


def identity(record: Record) -> str:
    """What makes two captures the same Q&A: its question (or, if lost, its answer), with
    spacing and case ignored."""
    return " ".join((record.question or record.answer).split()).casefold()


@dataclass
class Entry:
    """One Q&A and every page it was captured on."""

    record: Record
    captures: list[Page]
    category_path: list[str]

    @property
    def sources(self) -> str:
        return ", ".join(page.name for page in self.captures)

    @property
    def original_title(self) -> str:
        """From its own page when one was captured (that page's heading names it)."""
        own = [page for page in self.captures if names_its_question(page, self.record)]
        return title_for(self.record, (own or self.captures)[0])


@dataclass
class Report:
    """What an import did with the pages: Q&As imported, captures merged, things skipped."""

    imported: list[Entry] = field(default_factory=list)
    merged: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return (
            f"Imported {len(self.imported)} Q&As; merged {len(self.merged)} captured twice; "
            f"skipped {len(self.skipped)}."
        )


def gather(pages: list[Page]) -> Report:
    """Every Q&A the pages hold, once each, filed under the category a page names (or, where no
    capture names one, the deepest known category its page mentions)."""
    known_paths = [p.category_path for p in pages if p.category_path]
    report = Report()
    by_identity: dict[str, Entry] = {}
    for page in pages:
        if page.unanswered:
            unanswered = f"{page.unanswered} question{pluralize(page.unanswered)}"
            report.skipped.append(f"{page.name}: {unanswered} with no answer")
        if not page.records and not page.factsheet_condition:
            report.skipped.append(f"{page.name}: no Q&A and no factsheet found")
        for record in page.records:
            entry = by_identity.get(identity(record))
            if entry is None:
                entry = by_identity[identity(record)] = Entry(record, [page], page.category_path)
                report.imported.append(entry)
                continue
            report.merged.append(
                f"{page.name}: “{shorten(record.question or record.answer, 60)}”, "
                f"also captured on {entry.sources}"
            )
            entry.captures.append(page)
            entry.category_path = entry.category_path or page.category_path
    for entry in report.imported:
        if not entry.category_path:
            entry.category_path = category_for_content(entry.captures[0], known_paths)
    return report
