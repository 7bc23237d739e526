"""The read-replica router against a real streaming replica: a PostgreSQL cluster of the test's
own (the embedded binaries), migrated and seeded, copied with pg_basebackup, both serving gunicorn
with production settings. Replay on the replica is paused while the primary changes, so that what
a page shows says which server it was read from: an anonymous visitor's Q&A pages and searches
come from the replica; someone who has just sent a question, and a logged-in editor, read the
primary."""

import re
import time
from contextlib import ExitStack
from dataclasses import dataclass

import psycopg2
import pytest

from loadtest.stack import Postgres, Replica, free_port, manage, wait_until
from loadtest.traffic import CSRF_TOKEN, FORM_TOKEN, REFERENCE
from tests.gunicorn_site import gunicorn_site, request

DATABASE = "site"
# The start of a word that no page holds (a number follows it, so no typo correction reaches it).
NEW_WORD = "quokkafeathers"
EDITOR = re.compile(r"log in as (\S+) / (\S+)")


@dataclass
class Servers:
    primary: Postgres
    replica: Replica
    site: str  # gunicorn's address
    editor: tuple  # (username, password) of an editor


def execute(url, sql, params=()):
    """Run one statement on the server at `url`, committed; its first row, if any."""
    connection = psycopg2.connect(url)
    connection.autocommit = True
    try:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchone() if cursor.description else None
    finally:
        connection.close()


@pytest.fixture(scope="module")
def servers(tmp_path_factory):
    directory = tmp_path_factory.mktemp("replication")
    with ExitStack() as running:
        primary = Postgres(free_port())
        primary.pgdata = directory / "primary"
        primary.start()
        running.callback(primary.stop)
        execute(primary.url("postgres"), f"CREATE DATABASE {DATABASE}")
        env = {
            "ENVIRONMENT": "local",
            "DATABASE_URL": primary.url(DATABASE),
            "PATH": "/usr/bin:/bin",
        }
        manage(env, "migrate", "--no-input", "-v0", quiet=True)
        manage(env, "seed", quiet=True)
        editor = EDITOR.search(manage(env, "create_demo_editor", quiet=True)).groups()
        replica = Replica(free_port(), primary)
        replica.pgdata = directory / "replica"
        replica.start()
        running.callback(replica.stop)
        site = running.enter_context(
            gunicorn_site(
                directory / "gunicorn.log",
                DATABASE_URL=primary.url(DATABASE),
                DATABASE_REPLICA_URL=replica.url(DATABASE),
            )
        )
        yield Servers(primary, replica, site, editor)


@pytest.fixture
def paused(servers):
    """Replay on the replica paused for the test, then resumed and caught up."""
    replica = servers.replica.url(DATABASE)
    execute(replica, "SELECT pg_wal_replay_pause()")
    # A pause is only asked for: it holds once the replica says so.
    state = "SELECT pg_get_wal_replay_pause_state() = 'paused'"
    wait_until(lambda: execute(replica, state)[0], timeout=10, what="The pause of replay")
    try:
        yield servers
    finally:
        execute(replica, "SELECT pg_wal_replay_resume()")
        caught_up(servers)


def caught_up(servers):
    """Wait until the replica has replayed everything the primary has written."""
    (target,) = execute(servers.primary.url(DATABASE), "SELECT pg_current_wal_lsn()")
    replayed = "SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn"
    replica = servers.replica.url(DATABASE)
    wait_until(lambda: execute(replica, replayed, [target])[0], timeout=30, what="Replay")


def edit_on_primary(servers):
    """Add a word never used before to a published Q&A's answer on the primary, as an editor's
    edit does (the search index and the content version follow by trigger); returns the word,
    the Q&A's title and its address."""
    added = f"{NEW_WORD}{time.time_ns()}"
    title, slug = execute(
        servers.primary.url(DATABASE),
        "UPDATE archive_question SET answer = answer || %s "
        "WHERE id = (SELECT min(id) FROM archive_question WHERE status = 'published') "
        "RETURNING title, slug",
        [f" Ask about {added}."],
    )
    return added, title, f"/questions/{slug}/"


def page(servers, path, cookie=""):
    status, body, _ = request(servers.site, path, "203.0.113.9", cookie=cookie)
    assert status == 200, (path, status)
    return body


def test_the_test_servers_are_the_primary_and_its_replica(servers):
    (in_recovery,) = execute(servers.replica.url(DATABASE), "SELECT pg_is_in_recovery()")
    (streaming,) = execute(
        servers.primary.url(DATABASE), "SELECT count(*) FROM pg_stat_replication"
    )
    assert in_recovery and streaming == 1


def test_anonymous_pages_and_searches_read_the_replica_and_show_an_edit_once_replayed(paused):
    added, title, address = edit_on_primary(paused)
    search = f"/search/?q={added}"
    # A query parameter no page reads: rendered afresh every time, never from the page cache.
    assert added not in page(paused, f"{address}?fresh=1")
    assert title not in page(paused, search)
    execute(paused.replica.url(DATABASE), "SELECT pg_wal_replay_resume()")
    caught_up(paused)
    assert added in page(paused, f"{address}?fresh=2")
    # Each process reads the content version at most once a second (CONTENT_VERSION_SECONDS), and
    # until then may answer from what it learnt of the searched word under the old one.
    assert wait_until(lambda: title in page(paused, search), timeout=2, what="The edit") < 2


def test_a_visitor_who_has_just_sent_a_question_reads_the_primary(paused):
    added, _, address = edit_on_primary(paused)
    status, form, headers = request(paused.site, "/ask/", "203.0.113.10")
    assert status == 200
    cookie = cookies(headers)
    fields = {
        "question": "Is it normal to feel tired after a first session for my lower back?",
        "consent_to_store": "on",
        "email": "asker@example.invalid",
        "action": "send",
        "csrfmiddlewaretoken": CSRF_TOKEN.search(form).group(1),
        "form_token": FORM_TOKEN.search(form).group(1),
    }
    status, _, headers = request(paused.site, "/ask/", "203.0.113.10", fields, cookie)
    assert status == 302
    cookie = "; ".join(filter(None, [cookie, cookies(headers)]))
    assert "read_primary=" in cookie
    # The question is on the primary alone: its thank-you page could come from nowhere else.
    thanks = page(paused, headers["Location"].removeprefix("https://127.0.0.1"), cookie)
    (stored,) = execute(paused.primary.url(DATABASE), "SELECT reference FROM ask_submission")
    assert REFERENCE.search(thanks).group(1) == stored
    # So do the public pages they read next, while anyone else still gets the replica's copy.
    assert added in page(paused, f"{address}?fresh=3", cookie)
    assert added not in page(paused, f"{address}?fresh=4")


def test_a_logged_in_editor_reads_the_primary(paused):
    status, form, headers = request(paused.site, "/admin/login/", "203.0.113.11")
    assert status == 200
    cookie = cookies(headers)
    username, password = paused.editor
    fields = {
        "username": username,
        "password": password,
        "csrfmiddlewaretoken": CSRF_TOKEN.search(form).group(1),
        "next": "/admin/",
    }
    status, _, headers = request(paused.site, "/admin/login/", "203.0.113.11", fields, cookie)
    assert status == 302
    # The session alone, not the mark of a visitor who has just written.
    session = [c for c in cookies(headers).split("; ") if c.startswith("sessionid=")]
    assert session
    added, _, address = edit_on_primary(paused)
    assert added in page(paused, f"{address}?fresh=5", session[0])
    assert added not in page(paused, f"{address}?fresh=6")


def cookies(headers):
    """The name=value pairs of a response's Set-Cookie headers, as a Cookie header."""
    return "; ".join(value.split(";", 1)[0] for value in headers.get_all("Set-Cookie") or [])
