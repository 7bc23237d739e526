"""`make faults`: PostgreSQL restarted, Redis stopped, the mail server stopped, one after the
other, while visitors keep browsing and sending questions. Results in docs/load-and-faults.md.

The outages hit servers the run started itself; gunicorn is never restarted.
"""

import asyncio
import contextlib
import html
import os
import sys
import time

from loadtest import report, site
from loadtest.stack import WORKDIR, AppServer, free_port, manage
from loadtest.traffic import Recorder, Visitor, question_text, run_visitors

DATABASE = "faults"
STEADY_SECONDS = 5  # normal traffic before each outage and after each recovery
RECOVERY_LIMIT_SECONDS = 60
RECOVERY_TARGET_SECONDS = 5  # "answers again within seconds"
BACKGROUND_LIMIT_SECONDS = 600  # the background visitors stop by then whatever happens
RATE_LIMIT = 5  # ASK_SUBMISSIONS_PER_HOUR in site_env


def run(*, clients, outage_seconds):
    say = report.Progress()
    WORKDIR.mkdir(exist_ok=True)
    with contextlib.ExitStack() as running:
        (postgres, redis, mail), env = site.start_stack(running, DATABASE, fresh=True, say=say)
        site.prepare(env, say=say)
        pool = site.pool()
        site.close_connections()
        app = AppServer(free_port(), env, "faults")
        say(f"Starting gunicorn on {app.url}")
        app.start()
        running.callback(app.stop)

        faults = FaultRun(app, postgres, redis, mail, env, pool, outage_seconds, say)
        asyncio.run(faults.run(clients))
        submissions = faults.background.submissions + faults.probes.submissions
        stored = site.stored_submissions([s.text for s in submissions])
        in_database = site.synthetic_submissions()
        site.close_connections()
        log = app.log.read_text()

    markdown = faults.section(clients, submissions, stored, in_database, log)
    report.write_section("faults", markdown)
    say(f"Written to {report.DOC.relative_to(report.ROOT)}")
    print("\n" + markdown)


class FaultRun:
    """The three outages in turn, with background visitors throughout."""

    def __init__(self, app, postgres, redis, mail, env, pool, outage_seconds, say):
        self.app, self.postgres, self.redis, self.mail = app, postgres, redis, mail
        self.env, self.pool, self.outage_seconds, self.say = env, pool, outage_seconds, say
        self.load_before = os.getloadavg()
        self.background = Recorder()
        self.probes = Recorder(started=self.background.started)
        self.found = {}
        self._next_visitor = 1000

    def now(self):
        return time.monotonic() - self.background.started

    def visitor(self):
        """A visitor of its own (own address, so its own rate-limit allowance) for one step."""
        self._next_visitor += 1
        return Visitor(self._next_visitor, self.app.url, self.pool, self.probes)

    async def run(self, clients):
        visitors = [
            Visitor(n, self.app.url, self.pool, self.background, think=0.5) for n in range(clients)
        ]
        deadline = time.monotonic() + BACKGROUND_LIMIT_SECONDS
        self.say(f"{clients} visitors browse and send questions throughout")
        background = asyncio.create_task(run_visitors(visitors, lambda v: v.browse(deadline)))
        try:
            await asyncio.sleep(STEADY_SECONDS)
            await self.postgres_restart()
            await self.redis_down()
            await self.mail_down()
        finally:
            background.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await background

    async def postgres_restart(self):
        found = self.found["postgres"] = {}
        async with self.visitor() as patient:
            _, form_page, _ = await patient.get("ask form", "/ask/")
            self.say("PostgreSQL: fast shutdown (gunicorn keeps running)")
            found["down_at"] = self.now()
            await asyncio.to_thread(self.postgres.stop)
            text = question_text("(typed while the database was down) ")
            attempt = await patient.send_question(form_page, text, kind="ask send, database down")
            found["send_status"] = attempt.status
            found["text_kept"] = html.escape(text) in attempt.page
            found["healthz_status"] = (await patient.get("healthz", "/healthz"))[0]
            await asyncio.sleep(self.outage_seconds)
            self.say("PostgreSQL: starting again")
            await asyncio.to_thread(self.postgres.start)
            found["up_at"] = self.now()
            found["recovered_after"] = await self._until_ok(patient, "/")
            self.say(f"  the site answered again {found['recovered_after']:.1f} s later")
            again = await patient.send_question(attempt.page, text, kind="ask send again")
            found["resend"] = (again.status, again.reference)
        await asyncio.sleep(STEADY_SECONDS)
        found["end_at"] = self.now()

    async def redis_down(self):
        found = self.found["redis"] = {}
        self.say("Redis: hanging (SIGSTOP), connections open but no answers")
        found["frozen_at"] = self.now()
        self.redis.freeze()
        found["frozen_sends"] = await self._three_questions("ask send, Redis hanging")
        await asyncio.sleep(self.outage_seconds)
        self.redis.thaw()
        self.say("Redis: stopped")
        found["down_at"] = self.now()
        await asyncio.to_thread(self.redis.stop)
        found["sends"] = await self._three_questions("ask send, Redis down")
        found["limit_while_down"] = await self._flood()
        await asyncio.sleep(self.outage_seconds)
        self.say("Redis: started again (empty)")
        await asyncio.to_thread(self.redis.start)
        found["up_at"] = self.now()
        found["limit_after"] = await self._flood()
        await asyncio.sleep(STEADY_SECONDS)
        found["end_at"] = self.now()

    async def _flood(self):
        """One new address sending RATE_LIMIT + 2 questions: the statuses it got."""
        async with self.visitor() as flooder:
            statuses = []
            for _ in range(RATE_LIMIT + 2):
                _, form_page, _ = await flooder.get("ask form", "/ask/")
                statuses.append((await flooder.send_question(form_page)).status)
        return statuses

    async def _three_questions(self, kind):
        """Questions from three new addresses: [(status, seconds)]."""
        sends = []
        for _ in range(3):
            async with self.visitor() as asker:
                _, form_page, _ = await asker.get("ask form", "/ask/")
                started = time.perf_counter()
                sent = await asker.send_question(form_page, kind=kind)
                sends.append((sent.status, time.perf_counter() - started))
        return sends

    async def mail_down(self):
        found = self.found["mail"] = {}
        self.say("Mail server: stopped")
        found["down_at"] = self.now()
        await asyncio.to_thread(self.mail.stop)
        received_before = len(self.mail.messages)
        references = [
            s.reference
            for s in self.background.submissions + self.probes.submissions
            if s.reference
        ]
        self.say(f"  editors answer the {len(references)} questions received so far")
        found["published"], found["privately"] = await asyncio.to_thread(
            site.answer_all, references
        )
        found["waiting"] = (await asyncio.to_thread(site.outbox))[0]
        await asyncio.sleep(self.outage_seconds)
        self.say("Mail server: started again; send_pending_emails")
        await asyncio.to_thread(self.mail.start)
        found["up_at"] = self.now()
        found["command"] = (
            await asyncio.to_thread(manage, self.env, "send_pending_emails", quiet=True)
        ).strip()
        found["received"] = len(self.mail.messages) - received_before
        found["waiting_after"] = (await asyncio.to_thread(site.outbox))[0]
        await asyncio.sleep(STEADY_SECONDS)
        found["end_at"] = self.now()

    async def _until_ok(self, visitor, path):
        """Seconds until `path` answers 200 (asking every 0.1 s), or None after the limit."""
        started = time.monotonic()
        while time.monotonic() - started < RECOVERY_LIMIT_SECONDS:
            if (await visitor.get("probe", path))[0] == 200:
                return time.monotonic() - started
            await asyncio.sleep(0.1)
        return None

    def window(self, start, end):
        """What the background visitors got between two moments."""
        samples = [s for s in self.background.samples if start <= s.at < end]
        failed = [s for s in samples if report.is_server_error(s.status)]
        kinds = sorted({f"{s.kind} {s.status}" for s in failed})
        detail = f" ({', '.join(kinds)})" if kinds else ""
        requests = f"{len(samples):,} request{'' if len(samples) == 1 else 's'}"
        return f"{requests}, {len(failed)} answered 5xx or not at all{detail}"

    def section(self, clients, submissions, stored, in_database, log):
        pg, rd, ml = self.found["postgres"], self.found["redis"], self.found["mail"]
        recovered = pg["recovered_after"]
        back = pg["up_at"] + (recovered or 0)
        accepted = [s for s in submissions if s.status == 302]
        lost = [s for s in accepted if s.text not in stored]
        quiet = [
            s
            for s in self.background.samples
            if not pg["down_at"] <= s.at < back and report.is_server_error(s.status)
        ]
        redis_sends, frozen_sends = (
            ", ".join(f"{status} in {seconds * 1000:.0f} ms" for status, seconds in sends)
            for sends in (rd["sends"], rd["frozen_sends"])
        )
        limited = [302] * RATE_LIMIT + [429] * 2
        limit_held = rd["limit_after"] == limited and rd["limit_while_down"] == limited
        command = "make faults  # " + " ".join(["python", "-m", "loadtest", *sys.argv[1:]])
        return "\n".join(
            [
                "## Faults",
                "",
                f"```sh\n{command}\n```",
                "",
                report.environment_line(self.load_before),
                "",
                f"One gunicorn (`config/gunicorn.py`, `DEBUG` off) on a fresh `faults` database "
                f"(seed archive). Throughout, {clients} visitors browse and send questions as in "
                "the load test (pausing 0–1 s between pages); the steps below use visitors of "
                f"their own. Each outage lasts {self.outage_seconds} s.",
                "",
                "### PostgreSQL restarted under load",
                "",
                f"- Before: {self.window(0, pg['down_at'])}.",
                f"- Fast shutdown at {pg['down_at']:.1f} s, started again at {pg['up_at']:.1f} s. "
                f"Meanwhile: {self.window(pg['down_at'], pg['up_at'])}.",
                f"- A question sent while it was down: **{pg['send_status']}**, the “please try "
                f"again” page, holding the typed text: "
                f"{report.verdict(pg['send_status'] == 503 and pg['text_kept'])}. `/healthz`: "
                f"{pg['healthz_status']}.",
                f"- The site answered again **{recovered:.1f} s** after PostgreSQL was back, with "
                "the same gunicorn processes; "
                f"{self.window(pg['up_at'], back)} in between. Within "
                f"{RECOVERY_TARGET_SECONDS} s: {report.verdict(recovered < RECOVERY_TARGET_SECONDS)}."
                if recovered is not None
                else f"- The site did NOT answer within {RECOVERY_LIMIT_SECONDS} s.",
                f"- The same visitor pressed “Send my question again”: {pg['resend'][0]}, "
                f"reference {pg['resend'][1] or 'none'}.",
                f"- After: {self.window(back, pg['end_at'])}.",
                "",
                "### Redis hanging, then down",
                "",
                f"- Hanging (the process stopped with SIGSTOP: connections accepted, no answers) "
                f"for {self.outage_seconds} s: {self.window(rd['frozen_at'], rd['down_at'])}. "
                f"Questions from three new addresses: {frozen_sends} (sending a question does "
                "not touch Redis).",
                f"- Stopped: {self.window(rd['down_at'], rd['up_at'])}. Questions from three "
                f"new addresses: {redis_sends}.",
                f"- The ask form's allowance counts in PostgreSQL, not Redis: one address sending "
                f"{RATE_LIMIT + 2} questions got {rd['limit_while_down']} while Redis was down "
                f"and {rd['limit_after']} once it was back (empty): it holds throughout: "
                f"{report.verdict(limit_held)}.",
                f"- After: {self.window(rd['up_at'], rd['end_at'])}.",
                "",
                "### Mail server down",
                "",
                f"- While down, editors answered every question received so far: "
                f"{ml['published']} published into the archive, {ml['privately']} answered "
                f"privately, no failure; {ml['waiting']} e-mails waiting in the outbox. Visitors: "
                f"{self.window(ml['down_at'], ml['up_at'])}.",
                f"- Back: `send_pending_emails` said “{ml['command']}”; the mail server received "
                f"**{ml['received']}** (the receipts of questions sent after the count "
                f"included); still waiting: {ml['waiting_after']}. "
                f"{report.verdict(ml['received'] >= ml['waiting'] and not ml['waiting_after'])}",
                "",
                "### Totals",
                "",
                f"- Questions accepted (thank-you page): {len(accepted)}; in the database: "
                f"{len(accepted) - len(lost)}; **lost: {len(lost)}** "
                f"{report.verdict(not lost)}. Synthetic questions in the database: {in_database} "
                f"(more than accepted means saved but the visitor did not see the thank-you page).",
                f"- 5xx or no answer outside the PostgreSQL outage: {len(quiet)} "
                f"{report.verdict(not quiet)}.",
                f"- gunicorn log: {log.count('WORKER TIMEOUT')} worker timeouts.",
            ]
        )
