"""The harness's view of the site's data, through the site's own models: preparing the run's
database, choosing what visitors will ask for, and counting what arrived.

`use_database` must run first: it points Django at the run's database and sets Django up.
"""

import os
import secrets
from urllib.parse import quote_plus

import psycopg2
from psycopg2 import sql

from loadtest.stack import MailSink, Postgres, Redis, free_port, manage
from loadtest.traffic import SYNTHETIC_MARK, Pool

EDITOR = "loadtest-editor"
# Search words a patient might type, in the archive's own vocabulary, and a few misspellings.
SEARCHES = [
    "sciatica", "lower back pain", "slipped disc", "needles", "bruising after acupuncture",
    "how many sessions", "is acupuncture safe in pregnancy", "stenosis", "tiredness after",
    "dizziness", "leg pain", "nerve pain", "spasm", "MRI", "epidural injection", "diabetes",
    "sciatca", "acupunture", "back pian", "chronic pain worse", "stiffness in the morning",
    "headache", "knee", "practitioner", "GP referral", "NICE guidelines", "spine surgery",
    "lumbar", "muscles", "inflammation", "pins and needles in my foot", "balance vertigo",
]  # fmt: skip


def site_env(*, database_url, redis_url, smtp_port, secret_key=None):
    """The environment of every app server and manage.py command in a run: the production stack
    as `make serve` runs it (collected static files, DEBUG off), on the run's own servers."""
    return os.environ | {
        "ENVIRONMENT": "local",
        "DEBUG": "0",
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "SECRET_KEY": secret_key or secrets.token_urlsafe(40),
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(smtp_port),
        "EMAIL_TIMEOUT": "5",
        "ASK_SUBMISSIONS_PER_HOUR": "5",
        "LOG_FORMAT": "plain",
        # As in production (config/settings.py): each process reads the content version at
        # most once a second.
        "CONTENT_VERSION_SECONDS": "1",
    }


def create_database(server_url, name, *, fresh=False):
    """Create database `name` on the run's PostgreSQL (dropping it first if `fresh`)."""
    connection = psycopg2.connect(server_url)
    connection.autocommit = True
    with connection.cursor() as cursor:
        if fresh:
            cursor.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if not cursor.fetchone():
            cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    connection.close()


def start_stack(running, database, *, fresh=False, say=print):
    """Start PostgreSQL, Redis and an SMTP sink of the run's own, stopped when the ExitStack
    `running` closes; create `database` there (afresh if `fresh`) and point Django at it.
    Returns the three servers and the environment every app server and command gets."""
    say("Starting PostgreSQL, Redis and an SMTP sink of the run's own")
    postgres, redis, mail = Postgres(free_port()), Redis(free_port()), MailSink(free_port())
    for server in (postgres, redis, mail):
        server.start()
        running.callback(server.stop)
    create_database(postgres.url("postgres"), database, fresh=fresh)
    env = site_env(database_url=postgres.url(database), redis_url=redis.url, smtp_port=mail.port)
    use_database(env)
    return (postgres, redis, mail), env


def use_database(env):
    """Set Django up in this process against the run's database, as the app servers see it."""
    os.environ.update(env)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()


def prepare(env, *, synthetic=0, say=print):
    """Migrate, load the seed archive, top the synthetic Q&As up to `synthetic`, collect static
    files, give the visitors their whole allowance, and make an editor account. Safe to repeat:
    a database already filled is only checked. Returns the editor's (username, password)."""
    say("Migrating the run's database")
    manage(env, "migrate", "--no-input", "-v0")
    manage(env, "seed", quiet=True)
    if synthetic:
        _fill_synthetic(synthetic, say)
    say("Collecting static files")
    manage(env, "collectstatic", "--no-input", "-v0")
    forget_allowances()
    return _create_editor()


def forget_allowances():
    """Give every visitor address the ask form's whole allowance again. The counts stay for the
    rest of their hour, so a run started within the hour of the last one would otherwise find
    its visitors' questions turned away (429) as if they had sent them."""
    from ask.models import RateLimitCount

    RateLimitCount.objects.all().delete()


def _fill_synthetic(size, say):
    """Synthetic Q&As from the search benchmark's generator, in their own clearly named category."""
    import numpy
    from django.db import connection

    from archive.models import Question
    from tools import synthetic

    category = synthetic.synthetic_category()
    have = Question.objects.filter(category=category).count()
    if have >= size:
        say(f"{have:,} synthetic Q&As already in place")
        return
    say(f"Adding synthetic Q&As: {have:,} → {size:,} (once; kept for later runs)")
    generator = synthetic.TextGenerator.from_archive(numpy.random.default_rng(4))
    synthetic.fill(category, size, generator)
    connection.close()


def _create_editor():
    """An editor account for the session checks, with a fresh password each run."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    password = secrets.token_urlsafe(16)
    editor, _ = get_user_model().objects.get_or_create(username=EDITOR)
    editor.is_staff = True
    editor.set_password(password)
    editor.save()
    editor.groups.add(Group.objects.get(name="Editors"))
    return EDITOR, password


def pool(*, questions=5000):
    """What visitors will look at: every body area with its number of pages, a random sample
    of published Q&As, and the search words above."""
    from archive.models import Category, Question
    from archive.views import QUESTIONS_PER_PAGE

    categories = []
    todo = list(Category.objects.tree())
    while todo:
        node = todo.pop()
        categories.append((node.slug, max(1, -(-node.total // QUESTIONS_PER_PAGE))))
        todo.extend(node.children)
    slugs = list(
        Question.objects.published().order_by("?").values_list("slug", flat=True)[:questions]
    )
    return Pool(categories=categories, questions=slugs, searches=SEARCHES)


def synthetic_count():
    from archive.models import Question

    return Question.objects.filter(slug__startswith="synthetic-").count()


def postgres_version():
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        return cursor.fetchone()[0]


def stored_submissions(texts):
    """{text: reference} for the questions with these texts that are in the database."""
    from ask.models import Submission

    found = {}
    for start in range(0, len(texts), 500):
        batch = texts[start : start + 500]
        found |= dict(
            Submission.objects.filter(question__in=batch).values_list("question", "reference")
        )
    return found


def synthetic_submissions():
    """How many questions sent by load or fault runs the database holds."""
    from ask.models import Submission

    return Submission.objects.filter(question__startswith=SYNTHETIC_MARK).count()


def close_connections():
    from django.db import connections

    connections.close_all()


def answer_all(references):
    """As an editor does in admin: take each question, answer it, and publish it if its asker
    agreed (otherwise the answer goes to the asker privately). Returns how many were published
    and how many answered privately."""
    from django.contrib.auth import get_user_model

    from archive.models import Category
    from ask import services
    from ask.models import Submission

    editor = get_user_model().objects.get(username=EDITOR)
    area = Category.objects.order_by("id").first()
    published = privately = 0
    for submission in Submission.objects.filter(reference__in=references, state="new"):
        services.assign(submission=submission, editor=editor)
        submission.title = f"Synthetic answer {submission.reference}"
        submission.category = area
        submission.save(update_fields=["title", "category"])
        services.mark_answered(
            submission=submission, by=editor, answer="A synthetic answer from a fault run."
        )
        if submission.consent_to_publish:
            services.publish(submission=submission, by=editor)
            published += 1
        else:
            privately += 1
    return published, privately


def outbox():
    """(e-mails waiting, e-mails sent) in the outbox."""
    from ask.models import OutgoingEmail

    return (
        OutgoingEmail.objects.pending().count(),
        OutgoingEmail.objects.filter(sent_at__isnull=False).count(),
    )


def flat_out_pages(pool):
    """The pages measured flat out against /robots.txt (loadtest.pages), in order."""
    from archive.models import Category
    from loadtest.pages import Page
    from tools.synthetic import SYNTHETIC_SLUG

    nodes, todo = [], list(Category.objects.tree())
    while todo:
        node = todo.pop()
        nodes.append(node)
        todo.extend(node.children)
    small = min(nodes, key=lambda node: (abs(node.total - 7), node.slug))
    large = next(node for node in nodes if node.slug == SYNTHETIC_SLUG)
    questions = [f"/questions/{slug}/" for slug in pool.questions]
    small_page = Page(f"category of {small.total:,} Q&As", [f"/archive/{small.slug}/"])
    large_page = Page(f"category of {large.total:,} Q&As", [f"/archive/{large.slug}/"])
    as_asked = [
        Page(f"Q&A page ({len(questions):,} rotating)", questions),
        Page("home", ["/"]),
        Page("/factsheets/", ["/factsheets/"]),
        small_page,
        large_page,
    ]
    return [
        *as_asked,
        Page(
            f"/search/ ({len(pool.searches)} rotating queries, rendered)",
            [f"/search/?q={quote_plus(query)}" for query in pool.searches],
            bust=True,
        ),
        Page("Q&A page, repeated (warm page cache)", questions[:1]),
        *(Page(f"{page.name}, rendered", page.paths, bust=True) for page in as_asked),
    ]


def database_transactions(url, database):
    """Transactions committed so far in `database` on the server at `url` (pg_stat_database)."""
    connection = psycopg2.connect(url)
    with connection.cursor() as cursor:
        cursor.execute("SELECT xact_commit FROM pg_stat_database WHERE datname = %s", [database])
        (count,) = cursor.fetchone()
    connection.close()
    return count


def replication_state(primary_url):
    """(state, replay lag) of the primary's one streaming replica (pg_stat_replication)."""
    connection = psycopg2.connect(primary_url)
    with connection.cursor() as cursor:
        cursor.execute("SELECT state, coalesce(replay_lag::text, '0') FROM pg_stat_replication")
        row = cursor.fetchone()
    connection.close()
    return row or ("none", "")


def publish_question(title):
    """Publish a Q&A on the primary, as an editor's publish does; returns its address. (Runs in
    a thread of its own, whose connection it closes.)"""
    from django.db import connections
    from django.utils import timezone
    from django.utils.text import slugify

    from archive.models import Category, Question

    question = Question.objects.create(
        title=title,
        slug=slugify(title),
        category=Category.objects.order_by("id").first(),
        question="Is this published Q&A visible at once?",
        answer="A synthetic answer from a load run.",
        status=Question.Status.PUBLISHED,
        published_at=timezone.now(),
    )
    connections.close_all()
    return question.get_absolute_url()
