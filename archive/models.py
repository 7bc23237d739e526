"""The published archive: a tree of body-area categories and the Q&As filed in them."""

import hashlib
import re
import time
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, datetime
from itertools import islice

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.core.exceptions import ValidationError
from django.db import connections, models, router
from django.db.models import Count, Exists, F, OuterRef, Q, Subquery
from django.db.models.functions import Now
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator, capfirst, slugify

from archive import outdated_claims, red_flags

# Newest first: Q&As from the earlier archive, whose dates were never recorded, come after every
# dated one; the id breaks ties, so the order is the same on every page and every database.
NEWEST_FIRST = (F("published_at").desc(nulls_last=True), F("id").desc())
EPOCH = datetime(2000, 1, 1, tzinfo=UTC)
# A Q&A page's meta description: about as much as search engines show.
DESCRIPTION_WORDS = 30
# The columns a list of Q&As shows: its title and link, body area, date (and whether it is the
# date it was added from the earlier archive), whether the question survives, and whether the
# answer is due for review.
LISTED_FIELDS = (
    "title",
    "slug",
    "published_at",
    "from_archive",
    "question_preserved",
    "marked_for_review",
    "review_by",
    "category__name",
)


_held_version = ContextVar("held_content_version", default=None)
# {database alias: (the version read there, time.monotonic() when)}: this process's last look.
_last_read = {}


class ContentVersion(models.Model):
    """The version of everything the public pages show: one row that PostgreSQL moves on itself,
    through triggers on every table of public content (see the migration
    `0012_content_version`), in the same transaction as the change, however it is written
    (admin, publishing, loaddata, bulk updates). Every app server reads it from the database
    (at most once per CONTENT_VERSION_SECONDS and database), so a change shows on all of them
    within that time: it keys the page cache, the remembered counts, and the ETag and
    Last-Modified that browsers and CDNs revalidate with."""

    version = models.BigIntegerField(default=1)
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(id=1), name="content_version_single_row"),
        ]

    def __str__(self):
        return f"version {self.version} of {self.changed_at:%Y-%m-%d %H:%M:%S}"

    @property
    def shown_since(self):
        """When what the public pages show last changed: the last write, or later, the time of
        a Q&A published for later that has come since (no write marks that moment). It keys
        the page cache, the ETag and Last-Modified."""
        due = getattr(self, "latest_due", None)
        return max(self.changed_at, due) if due else self.changed_at

    @property
    def key(self):
        """What tells this version from any other, for what a process remembers under it: the
        time of the write too (a rolled-back write leaves the number where it was), and when
        a Q&A published for later came due."""
        return (self.version, self.changed_at, self.shown_since)

    @classmethod
    def remembered(cls, memory, **empty):
        """`memory`, a module's dict of what its process learnt from the database, set back to
        `empty` once the version has moved on: what it holds changes only with the archive or
        the synonym list, and both move the version on."""
        key = cls.current().key
        if memory.get("under") != key:
            memory.clear()
            memory.update(empty, under=key)
        return memory

    @classmethod
    def current(cls):
        """The version now (one indexed look-up), or the one held for this request."""
        return _held_version.get() or cls._read()

    @classmethod
    @contextmanager
    def held(cls, version=None):
        """Use one version for everything inside: one page, one version. It is `version`, else
        the one this request already holds (the page cache's), else the one read now."""
        token = _held_version.set(version or _held_version.get() or cls._read())
        try:
            yield _held_version.get()
        finally:
            _held_version.reset(token)

    @classmethod
    def _read(cls):
        """The version in the database this request reads (the replica's own on public pages:
        its data and its version are replayed together), looked up again once this process's
        last look is CONTENT_VERSION_SECONDS old. Each look costs a round trip to PostgreSQL,
        which is most of what a cached page costs."""
        database = router.db_for_read(cls)
        version, read_at = _last_read.get(database, (None, 0.0))
        now = time.monotonic()
        if version is None or now - read_at >= settings.CONTENT_VERSION_SECONDS:
            # The newest publication time passed, one entry of the newest-first index (which
            # starts with the status): it moves on when a Q&A published for later comes due.
            latest_due = Question.objects.filter(
                status=Question.Status.PUBLISHED, published_at__lte=Now()
            ).order_by(*NEWEST_FIRST)
            version = (
                cls.objects.using(database)
                .annotate(latest_due=Subquery(latest_due.values("published_at")[:1]))
                .filter(pk=1)
                .first()
            )
            version = version or cls(pk=1, version=0, changed_at=EPOCH)
            _last_read[database] = (version, now)
        return version

    @classmethod
    def bump(cls, using=None):
        """Move the version on for a change no trigger sees (a refreshed materialized view)."""
        with connections[using or router.db_for_write(cls)].cursor() as cursor:
            cursor.execute("SELECT archive_bump_content_version()")


class CategoryManager(models.Manager):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)

    def tree(self):
        """Return the root categories, each with `.children`, `.parent` and `.total` (published
        Q&As, descendants included) filled in, whatever the depth: one query (the content
        version) while they are remembered (see `remembered_archive`). The nodes are this
        process's shared memory: read them, never change them."""
        categories, _ = remembered_archive()
        return [category for category in categories if category.parent is None]

    def node(self, slug=None, *, pk=None):
        """The category with this slug (or id) from `tree()`, with its children, ancestors and
        totals."""
        todo = self.tree()
        while todo:
            node = todo.pop()
            if node.slug == slug or node.pk == pk:
                return node
            todo.extend(node.children)
        raise self.model.DoesNotExist(slug or pk)


# This process's memory of the categories and counts (`remembered_archive`).
_remembered = {}


def remembered_archive():
    """(every category by name, each a node of the tree: see `CategoryManager.tree`; {category
    id: published Q&As filed directly in it}).

    Counting every published Q&A is the dearest query of the home, category and ask pages (a
    scan of a large category), so each app-server process remembers the categories and counts
    under the content version: a publish, edit or move anywhere shows at once, since it moves
    the version on, and each process counts again once per change, or once a Q&A published for
    later comes due (`ContentVersion.shown_since`). The memory is the process's own, so a Redis
    outage cannot slow every page, and holds one version, replaced whole: the objects themselves
    are shared, not copied out for every page."""
    remembered = ContentVersion.remembered(_remembered, archive=None)
    if remembered["archive"] is None:
        categories = list(Category.objects.order_by("name"))
        direct = dict(
            Question.objects.published()
            .values_list("category_id")
            .annotate(n=Count("id"))
            .values_list("category_id", "n")
        )
        _link_tree(categories, direct)
        remembered["archive"] = (categories, direct)
    return remembered["archive"]


def _link_tree(categories, direct_counts):
    """Fill in each category's `.children`, `.parent` and `.total`."""
    by_id = {category.id: category for category in categories}
    for category in categories:
        category.children = []
    for category in categories:
        category.parent = by_id.get(category.parent_id)
        if category.parent:
            category.parent.children.append(category)
    for category in categories:
        _cut_loop(category)
    for category in categories:
        if category.parent is None:
            _fill_totals(category, direct_counts)


def _cut_loop(category):
    """Cut the loop of parents `category` leads up into, if any (`Category.clean` refuses one,
    but a write around it, an `.update()` or SQL, could make it), above its oldest category,
    most likely the one at its top before: the remembered tree stays a tree, so every walk of
    it ends and every category in the loop has its place and total."""
    path = category.ancestry()
    if path[0].parent_id is None:
        return
    # The walk up stopped at a category met before: the loop runs from the top of the path to it.
    loop = path[: path.index(path[0].parent) + 1]
    top = min(loop, key=lambda member: member.id)
    top.parent.children.remove(top)
    top.parent = None


def category_choices():
    """(slug, name) of every body area, by name, from the remembered categories."""
    categories, _ = remembered_archive()
    return [(category.slug, category.name) for category in categories]


def _fill_totals(category, direct_counts):
    category.total = direct_counts.get(category.id, 0) + sum(
        _fill_totals(child, direct_counts) for child in category.children
    )
    return category.total


# Words that make a page about back pain or sciatica: such a page carries a short "When to get
# urgent help" box, as NHS condition pages do. A false positive costs a box, a miss costs more.
BACK_PAIN_WORDS = re.compile(r"\b(back|backs|spin\w*|sciatic\w*|lumbar|lumbago|dis[ck]s?)\b", re.I)


def is_about_back_pain(*texts):
    """Whether any of `texts` is about the back, the spine or sciatica."""
    return any(BACK_PAIN_WORDS.search(text) for text in texts)


def refuse_misleading_review(page, reviewer):
    """Refuse review details readers of `page` (a Q&A or a factsheet) would be misled by: a
    review in the future, or a reviewer (the field named `reviewer`) without the date of their
    review: pages name a reviewer only beside a date, so the name would be lost, or would claim
    a review the site cannot date."""
    if page.last_reviewed and page.last_reviewed > timezone.localdate():
        raise ValidationError({"last_reviewed": "A review date cannot be in the future."})
    if getattr(page, reviewer) and not page.last_reviewed:
        label = capfirst(page._meta.get_field(reviewer).verbose_name)
        raise ValidationError(
            {"last_reviewed": f"Give the date of the review, or leave “{label}” empty."}
        )


class Category(models.Model):
    """A body area, such as "Muscles and bones" > "Back / spine" > "Lower back pain"."""

    name = models.CharField(max_length=100)
    slug = models.SlugField(max_length=100, unique=True, help_text="The category's address.")
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="subcategories",
        help_text="Leave empty for a top-level body area.",
    )
    description = models.TextField(blank=True)

    objects = CategoryManager()

    class Meta:
        verbose_name_plural = "categories"
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["parent", "name"], name="category_name_unique_in_parent"
            ),
            models.CheckConstraint(condition=~Q(parent=F("id")), name="category_not_own_parent"),
        ]

    def __str__(self):
        return " › ".join(c.name for c in self.ancestry())

    def get_absolute_url(self):
        return reverse("archive:category", args=[self.slug])

    def natural_key(self):
        return (self.slug,)

    def clean(self):
        """Refuse a parent that is this category or one inside it: the tree would loop, and a
        walk up it (a page's trail, admin's names) with it."""
        if self.pk is None or self.parent_id is None:
            return
        if self.parent_id == self.pk:
            refused = f"“{self.parent.name}” is this body area: it cannot go inside itself."
        elif self.pk in {category.pk for category in self.parent.ancestry()}:
            refused = (
                f"“{self.parent.name}” is inside “{self.name}”: a body area cannot go inside "
                "one of its own areas."
            )
        else:
            return
        raise ValidationError({"parent": f"{refused} Choose another parent."})

    def ancestry(self):
        """This category's path from the root, itself last. It ends at a category met before,
        should a write around `clean` (an `.update()`, SQL) have made a loop of parents: no
        walk up the tree runs for ever."""
        path, seen = [self], {self.pk}
        while path[0].parent_id and path[0].parent_id not in seen:
            path.insert(0, path[0].parent)
            seen.add(path[0].pk)
        return path

    def as_node(self):
        """This category as a node of the remembered tree (`CategoryManager.tree`): itself when
        it is one already."""
        return self if hasattr(self, "children") else Category.objects.node(self.slug)

    def descendant_ids(self):
        """Ids of this category and everything below it, from the remembered tree."""
        ids, todo = [], [self.as_node()]
        while todo:
            node = todo.pop()
            ids.append(node.id)
            todo.extend(node.children)
        return ids


# A Q&A's stored finding of the red-flag signs its question shows, and what it was found of.
RED_FLAG_FIELDS = ("red_flags_found", "red_flags_key")

# Who answers the Q&As published here, and who answered those of the earlier archive: named on
# each page, described on the panel's own page (/about/panel/).
EXPERT_PANEL = "The Acupuncture Answers expert panel"
ARCHIVE_PANEL = "The expert panel of the earlier “Ask an expert” service"


def schema_party(name):
    """`name` as a schema.org author or reviewer: either panel is an Organization, anyone else a
    Person (structured data must not call a panel a person)."""
    kind = "Organization" if name in (EXPERT_PANEL, ARCHIVE_PANEL) else "Person"
    return {"@type": kind, "name": name}


class QuestionQuerySet(models.QuerySet):
    def published(self):
        """Q&As readers can open: published, and not scheduled for later. An archived Q&A with
        no recorded date is published (a constraint allows no other undated one)."""
        return self.filter(
            Q(published_at__lte=timezone.now()) | Q(published_at__isnull=True),
            status=Question.Status.PUBLISHED,
        )

    def in_category(self, category):
        """Q&As filed in the category or any of its subcategories."""
        return self.filter(category_id__in=category.descendant_ids())

    def newest_first(self):
        return self.order_by(*NEWEST_FIRST)

    def with_list_flags(self):
        """Each with `has_linked` and `has_factsheets`: whether its page lists any Q&As it links
        or any factsheets, so that the page of one with neither (most) does not ask for them."""
        return self.annotate(
            has_linked=Exists(
                Question.linked_questions.through.objects.filter(from_question=OuterRef("pk"))
            ),
            has_factsheets=Exists(
                Question.factsheets.through.objects.filter(question=OuterRef("pk"))
            ),
        )

    def listed(self):
        """With only what a list of Q&As shows (archive/_question_list.html), not the texts and
        their search index, which are most of a row."""
        return self.select_related("category").only(*LISTED_FIELDS)

    def due_for_review(self, today=None):
        """Published Q&As an editor marked for review, or past their review-by date."""
        today = today or timezone.localdate()
        return self.published().filter(Q(marked_for_review=True) | Q(review_by__lte=today))

    def store_red_flags(self, *, batch=1000, report=None):
        """Find and store the red-flag signs of each Q&A here whose stored finding is stale: made
        by other rules or of another text, or never made (see `Question.red_flags`). A published
        Q&A that gains a sign its stored finding lacked is marked for review: its answer was
        written without that sign's advice, which its page now gives before it, and an editor
        checks that the two agree. Calls `report(looked, stored)` after each batch; returns how
        many were stored and how many of them were marked for review."""
        looked = stored = marked = 0
        written = ["marked_for_review", "updated_at", *RED_FLAG_FIELDS]
        rows = self.only("question", "status", *written).order_by("pk").iterator(chunk_size=batch)
        while chunk := list(islice(rows, batch)):
            stale = [q for q in chunk if q.red_flags_key != red_flags.finding_key(q.question)]
            for question in stale:
                gained = question.find_red_flags()
                if gained and question.status == self.model.Status.PUBLISHED:
                    marked += not question.marked_for_review
                    question.marked_for_review = True
                    question.updated_at = timezone.now()
            stored += self.model.objects.bulk_update(stale, written)
            looked += len(chunk)
            if report:
                report(looked, stored)
        return stored, marked


class QuestionManager(models.Manager.from_queryset(QuestionQuerySet)):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)

    def free_slug(self, title):
        """An address made from `title` that no Q&A has and none deleted had: the title's slug,
        else the first of "<slug>-2", "<slug>-3"… that is free."""
        base = slugify(title)[:180] or "question"
        slug, n = base, 1
        while self.filter(slug=slug).exists() or RetiredSlug.objects.filter(slug=slug).exists():
            n += 1
            slug = f"{base}-{n}"
        return slug


class ReviewedText(models.Model):
    """A page whose review is of its text as it then read (a Q&A, a factsheet): an edit since,
    which the reviewer never saw, is told apart from the text they checked. Its model gives
    `last_reviewed` and `reviewed_texts()`."""

    # A key of the texts as they read when last reviewed.
    reviewed_text_key = models.CharField(
        max_length=64, blank=True, default="", db_default="", editable=False
    )

    class Meta:
        abstract = True

    def text_key(self):
        """A key of the texts a review checks, as they read now."""
        return hashlib.sha256("\0".join(self.reviewed_texts()).encode()).hexdigest()

    def note_reviewed_text(self):
        """Its texts as they read now are the ones its last review checked."""
        self.reviewed_text_key = self.text_key()

    @property
    def edited_since_review(self):
        """Whether its text was edited after its last review: the page says so beside the
        review, and its structured data names no review of a text it did not check. A review
        recorded without its text (no key: written outside admin) claims no edit."""
        key = self.reviewed_text_key
        return bool(self.last_reviewed and key) and key != self.text_key()


class Question(ReviewedText):
    """One question and the expert panel's answer to it."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"

    title = models.CharField(
        max_length=200, help_text="The title readers see: correct its spelling here."
    )
    # Defaults in the database too, for rows written in bulk outside the ORM (tools/synthetic.py).
    original_title = models.CharField(
        max_length=200,
        blank=True,
        default="",
        db_default="",
        help_text="The title as the source page gave it, typos included; kept for provenance "
        "and never shown to readers.",
    )
    slug = models.SlugField(
        max_length=200,
        unique=True,
        help_text="The Q&A's address. It cannot be changed once the Q&A is published, so that "
        "links to it keep working.",
    )
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="questions")
    question = models.TextField(
        blank=True, help_text="The question as published, without the asker's personal details."
    )
    question_preserved = models.BooleanField(
        default=True, help_text="Untick when only the answer survives and the question was lost."
    )
    answer = models.TextField(blank=True)
    status = models.CharField(max_length=10, choices=Status, default=Status.DRAFT)
    published_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="When it was published on this site. Empty only for an answer from the "
        "earlier archive whose date was never recorded.",
    )
    from_archive = models.BooleanField(
        default=False,
        db_default=False,
        help_text="Imported from the earlier archive rather than answered here. Readers are "
        "told so, and told when its date was not recorded.",
    )
    reviewed_by = models.CharField(
        max_length=200,
        blank=True,
        default="",
        db_default="",
        help_text=f"Who last checked it: a person's name, or “{EXPERT_PANEL}”.",
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)
    source = models.CharField(
        max_length=200, blank=True, help_text="Where this Q&A came from, e.g. an archived page."
    )
    # Keeping answers current: readers see a note while a Q&A is marked for review or past its
    # review-by date, until an editor reviews it.
    last_reviewed = models.DateField(
        null=True,
        blank=True,
        help_text="When an editor last checked the answer against current advice.",
    )
    review_by = models.DateField(
        "review by",
        null=True,
        blank=True,
        help_text="Optional: when the answer must be checked again (after it, readers see a note).",
    )
    marked_for_review = models.BooleanField(
        default=False,
        help_text="Readers see a note that the answer is due for review until an editor reviews it.",
    )
    linked_questions = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="linked_from",
        verbose_name="linked Q&As",
        help_text="Other Q&As the answer points readers to.",
    )
    # Kept by PostgreSQL itself whenever the row is written, however it is written (admin,
    # loaddata, bulk inserts), with the title, question and answer told apart by weight (A, B,
    # C): the search app's index reads each field's words from it.
    search_vector = models.GeneratedField(
        expression=(
            SearchVector("title", weight="A", config="english")
            + SearchVector("question", weight="B", config="english")
            + SearchVector("answer", weight="C", config="english")
        ),
        output_field=SearchVectorField(),
        db_persist=True,
    )
    # The red-flag signs its question shows, found whenever it is saved: a page shows them
    # without matching every pattern on every visit. Trusted only while `red_flags_key` is the
    # key of today's rules and this very question (see `red_flags`).
    red_flags_found = ArrayField(
        models.CharField(max_length=40), default=list, blank=True, editable=False
    )
    red_flags_key = models.CharField(max_length=64, default="", blank=True, editable=False)
    objects = QuestionManager()

    class Meta:
        ordering = NEWEST_FIRST
        indexes = [
            # newest_first() in a category (category page) and overall (home page,
            # feed), in its exact order (undated archive Q&As last), so that no list is sorted.
            models.Index(
                F("category"), F("status"), *NEWEST_FIRST, name="question_category_newest"
            ),
            models.Index(F("status"), *NEWEST_FIRST, name="question_newest"),
            # The Q&As whose words match a query (search_vector @@ tsquery): a factsheet's
            # suggested Q&As.
            GinIndex(fields=["search_vector"], name="question_search_vector"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="draft")
                | (~Q(answer="") & (Q(published_at__isnull=False) | Q(from_archive=True))),
                name="published_question_has_answer_and_date",
                violation_error_message="A published answer needs its text and a date (only "
                "an answer from the earlier archive may have none).",
            ),
            models.CheckConstraint(
                condition=Q(question_preserved=False) | ~Q(question=""),
                name="preserved_question_has_text",
            ),
            models.CheckConstraint(
                condition=Q(review_by__isnull=True)
                | Q(last_reviewed__isnull=True)
                | Q(review_by__gt=F("last_reviewed")),
                name="question_review_by_after_last_review",
                violation_error_message="The review-by date must come after the last review.",
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        """Saved with the red-flag signs of its question found afresh when it changed."""
        if self.red_flags_key != red_flags.finding_key(self.question):
            self.find_red_flags()
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], *RED_FLAG_FIELDS}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("archive:question", args=[self.slug])

    def natural_key(self):
        return (self.slug,)

    natural_key.dependencies = ["archive.category"]

    def clean(self):
        refuse_misleading_review(self, "reviewed_by")

    @property
    def is_about_back_pain(self):
        """Filed under a back or spine area, or titled so: the page shows when to get help. The
        area's path comes from the remembered tree, so the page asks the database nothing more."""
        trail = self.category.as_node().ancestry()
        return is_about_back_pain(self.title, *(c.name for c in trail))

    @property
    def answered_by(self):
        """Who answered: this site's panel, or, for a Q&A of the earlier archive, that service's
        panel (this site did not exist when it was answered)."""
        return ARCHIVE_PANEL if self.from_archive else EXPERT_PANEL

    def structured_data(self, url):
        """schema.org MedicalWebPage data about this page, for search engines (JSON-LD), as for
        factsheets: the panel as author, and dates only where the site knows them. (Not a
        QAPage: readers cannot post answers here.)"""
        data = {
            "@context": "https://schema.org",
            "@type": "MedicalWebPage",
            "url": url,
            "name": self.title,
            "author": schema_party(self.answered_by),
        }
        # Of an answer of the earlier archive, first published there on a date not known, the
        # site knows only when it was added here: not a date of publication.
        if self.published_at and not self.from_archive:
            data["datePublished"] = self.published_at.isoformat()
        if self.edited_since_review:
            return data
        if self.last_reviewed:
            data["lastReviewed"] = self.last_reviewed.isoformat()
        if reviewer := self.known_reviewer:
            data["reviewedBy"] = schema_party(reviewer)
        return data

    @property
    def known_reviewer(self):
        """Who reviewed it, only when the site knows when: a name without a date would claim
        a review the page then says never happened ("Not reviewed since it was published")."""
        return self.reviewed_by if self.last_reviewed else ""

    def reviewed_texts(self):
        """What a review of it checks: its question and answer (a title corrected is not)."""
        return (self.question, self.answer)

    @property
    def last_changed(self):
        """When its page last changed: the record's last save, but never before it was
        published. A Q&A saved before its scheduled publication did not exist as a page then
        (the sitemap's lastmod, the feeds' <updated>)."""
        if self.published_at:
            return max(self.updated_at, self.published_at)
        return self.updated_at

    @property
    def red_flags(self):
        """The red-flag signs its question describes: a page gives their advice before the answer,
        which may call the same thing normal. The stored finding when it was made of this text by
        today's rules, else found now: a stale one is never shown."""
        if self.red_flags_key == red_flags.finding_key(self.question):
            return red_flags.flags_named(self.red_flags_found)
        return red_flags.signs_shown(self.question)

    def find_red_flags(self):
        """Find the signs its question shows and keep them, with their key, for saving. Returns
        the signs found that the finding kept before lacked (none when there was none)."""
        before = set(self.red_flags_found) if self.red_flags_key else None
        self.red_flags_found = red_flags.found_in(self.question)
        self.red_flags_key = red_flags.finding_key(self.question)
        return [] if before is None else [s for s in self.red_flags_found if s not in before]

    @property
    def outdated_claims(self):
        """Claims its title or answer makes that the site knows are no longer true: a page says
        what is known now before the answer (archive.outdated_claims), under the title."""
        return outdated_claims.found_in(self.title, self.answer)

    @property
    def title_claims(self):
        """Claims its title makes that the site knows are no longer true: a list of Q&As, which
        shows the title without the page's note, says what is known now beside it."""
        return outdated_claims.found_in(self.title)

    @property
    def description(self):
        """What search engines and link previews show of its page (the meta description): the
        start of the question, or of the answer where the question was not preserved. Empty when
        that start makes a claim the site knows is not true, which a description cannot carry
        the note of."""
        start = Truncator(self.question or self.answer).words(DESCRIPTION_WORDS, truncate=" …")
        return "" if outdated_claims.found_in(start) else start

    @property
    def is_open_to_readers(self):
        """Whether readers can open it as it stands in memory (saved or not): the rule of
        `QuestionQuerySet.published`, for a form weighing a change before it is saved."""
        return self.status == self.Status.PUBLISHED and (
            self.published_at is None or self.published_at <= timezone.now()
        )

    @property
    def has_been_published(self):
        """Whether it has been published, as it stands in memory: published (or scheduled), or a
        draft whose publication date has passed, as one set back to draft keeps its date. Its
        address then stays as it is, so that links to it, and those e-mailed to askers, keep
        opening."""
        if self.status == self.Status.PUBLISHED:
            return True
        return self.published_at is not None and self.published_at <= timezone.now()

    def is_due_for_review(self, today=None):
        """True while readers should be told the answer is due for review: marked, or past its
        review-by date. It says a review is owed, not that anyone has started one."""
        today = today or timezone.localdate()
        return self.marked_for_review or bool(self.review_by and self.review_by <= today)

    def mark_reviewed(self, today=None):
        """An editor checked the answer today: the note goes, and a passed review-by date with it."""
        self.last_reviewed = today or timezone.localdate()
        self.note_reviewed_text()
        self.marked_for_review = False
        if self.review_by and self.review_by <= self.last_reviewed:
            self.review_by = None


class RetiredSlug(models.Model):
    """The address of a deleted Q&A, kept so that it is never given to another: links to it (an
    asker's e-mail, bookmarks, search engines, feeds) must never open an answer they did not
    point to, so they say the answer was removed (410 Gone). PostgreSQL writes a row whenever a
    Q&A is deleted, however (admin, a queryset, SQL), and refuses a Q&A at a retired address
    (migration `0016_retiredslug`). Only the address (made from the title it was published with)
    and when: nothing else of the Q&A or its asker."""

    slug = models.SlugField(max_length=200, unique=True)
    retired_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "address of a deleted Q&A"
        verbose_name_plural = "addresses of deleted Q&As"

    def __str__(self):
        return self.slug
