"""The same form sent twice at the same moment (a double click, a browser's retry) stores one
question without any statement failing: PostgreSQL logs a failing statement with its values
(log_min_error_statement), and the second INSERT of the asker's name, e-mail address and question
would land in the server's log, which no erasure reaches."""

import threading

import pytest
from django.db import DatabaseError, connection

from ask import services
from ask.models import Submission

pytestmark = pytest.mark.django_db(transaction=True)

TOKEN = "same-form-token"
SENT = {
    "question": "Is it normal to feel tired after acupuncture for my lower back?",
    "consent_to_store": True,
    "name": "Carl",
    "email": "carl@example.org",
    "form_token": TOKEN,
}
WAIT = 30  # seconds: far longer than any step here takes, short enough not to hang the suite


class Send(threading.Thread):
    """submit_question in a thread of its own, on its own database connection, recording every
    statement the database refused."""

    def __init__(self, pause_after_insert=None):
        super().__init__()
        self.pause_after_insert = pause_after_insert  # (inserted, release) events
        self.failed = []
        self.result = self.error = self.pid = None
        self.connected = threading.Event()

    def watch(self, execute, sql, params, many, context):
        try:
            result = execute(sql, params, many, context)
        except DatabaseError as error:
            self.failed.append((sql.split(" (", 1)[0], type(error).__name__))
            raise
        if self.pause_after_insert and sql.startswith('INSERT INTO "ask_submission"'):
            inserted, release = self.pause_after_insert
            inserted.set()  # stored, not yet committed: hold the transaction open
            release.wait(WAIT)
        return result

    def run(self):
        try:
            connection.ensure_connection()
            self.pid = connection.connection.info.backend_pid
            self.connected.set()
            with connection.execute_wrapper(self.watch):
                self.result = services.submit_question(**SENT)
        except Exception as error:  # noqa: BLE001 - reported by the test
            self.error = error
        finally:
            self.connected.set()
            connection.close()


def waiting_on_a_lock(pid):
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_locks WHERE pid = %s AND NOT granted", [pid])
        return cursor.fetchone()[0] > 0


def test_the_same_form_sent_twice_at_once_stores_one_question_and_no_statement_fails():
    inserted, release = threading.Event(), threading.Event()
    first, second = Send(pause_after_insert=(inserted, release)), Send()
    first.start()
    try:
        # The first has stored the question and not yet committed: the second cannot see it.
        assert inserted.wait(WAIT)
        second.start()
        assert second.connected.wait(WAIT)
        blocked = False
        for _ in range(WAIT * 20):  # until the second waits for the first, or has finished
            if not second.is_alive() or (blocked := waiting_on_a_lock(second.pid)):
                break
            threading.Event().wait(0.05)
        assert blocked, "the second send did not wait for the first"
    finally:
        release.set()
        first.join(WAIT)
        second.join(WAIT)
    assert (first.error, second.error) == (None, None)
    assert first.result.pk == second.result.pk  # the second ends at the same thanks page
    assert Submission.objects.filter(form_token=TOKEN).count() == 1
    assert first.result.history.count() == 1
    assert first.failed == second.failed == []  # nothing for the server's log to keep
