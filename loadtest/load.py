"""`make loadtest`: the site under a realistic mix of visitors, then the same server's ceiling on
a trivial page, then two app servers sharing one PostgreSQL and one Redis. Results go to
docs/load-and-faults.md."""

import asyncio
import contextlib
import os
import resource
import shlex
import sys
import time

from loadtest import report, site
from loadtest.stack import WORKDIR, AppServer, MailSink, Postgres, Redis, free_port
from loadtest.traffic import CSRF_TOKEN, MIX, Recorder, Visitor, run_visitors

DATABASE = "loadtest"
SEARCH_P95_TARGET_MS = 150
WARM_UP_SECONDS = 5


def run(
    *, clients, duration, think, flat_out_seconds, ceiling_seconds, scaleout_seconds, synthetic
):
    say = report.Progress()
    load_before = os.getloadavg()
    WORKDIR.mkdir(exist_ok=True)
    with contextlib.ExitStack() as running:
        say("Starting PostgreSQL, Redis and an SMTP sink of the run's own")
        postgres, redis, mail = Postgres(free_port()), Redis(free_port()), MailSink(free_port())
        for server in (postgres, redis, mail):
            server.start()
            running.callback(server.stop)
        site.create_database(postgres.url("postgres"), DATABASE)
        env = site.site_env(
            database_url=postgres.url(DATABASE), redis_url=redis.url, smtp_port=mail.port
        )
        site.use_database(env)
        editor = site.prepare(env, synthetic=synthetic, say=say)
        pool = site.pool()
        synthetic_total, postgres_version = site.synthetic_count(), site.postgres_version()
        site.close_connections()

        first = AppServer(free_port(), env, "a")
        say(f"Starting gunicorn on {first.url}")
        first.start()
        running.callback(first.stop)
        visitors = [Visitor(n, first.url, pool, None, think=think) for n in range(clients)]
        cpu_before = _cpu_seconds()

        say(f"Warming up for {WARM_UP_SECONDS} s (not timed)")
        warm_up = Recorder()
        asyncio.run(_phase("warm-up", visitors, _browse, WARM_UP_SECONDS, warm_up, say))
        mix = Recorder()
        say(f"Mix: {clients} visitors for {duration} s")
        mix_seconds = asyncio.run(_phase("mix", visitors, _browse, duration, mix, say))
        flat_out = Recorder()
        say(f"Mix without pauses: the same visitors for {flat_out_seconds} s")
        for visitor in visitors:
            visitor.think = 0
        flat_out_seconds = asyncio.run(
            _phase("flat out", visitors, _browse, flat_out_seconds, flat_out, say)
        )
        ceiling = Recorder()
        say(f"Ceiling: the same visitors ask for /robots.txt for {ceiling_seconds} s")
        ceiling_seconds = asyncio.run(
            _phase("ceiling", visitors, _robots, ceiling_seconds, ceiling, say)
        )
        client_cpu = _cpu_seconds() - cpu_before

        second = AppServer(free_port(), env, "b")
        say(f"Scale-out: starting a second gunicorn on {second.url}")
        second.start()
        running.callback(second.stop)
        for visitor in visitors:
            visitor.server = (first.url, second.url)[visitor.number % 2]
            visitor.think = think
        both = Recorder()
        say(f"Scale-out: {clients} visitors over both servers for {scaleout_seconds} s")
        both_seconds = asyncio.run(
            _phase("scale-out", visitors, _browse, scaleout_seconds, both, say)
        )
        say("Scale-out: rate limit and session across the two servers")
        limit_statuses = asyncio.run(_rate_limit_across(first, second, pool, clients))
        session = asyncio.run(_session_across(first, second, pool, clients, editor))

        submissions = [s for r in (warm_up, mix, flat_out, both) for s in r.submissions]
        stored = site.stored_submissions([s.text for s in submissions])
        site.close_connections()
        logs = {server.name: server.log.read_text() for server in (first, second)}

    load_markdown = _load_section(
        clients=clients,
        think=think,
        mix=mix,
        mix_seconds=mix_seconds,
        ceiling=ceiling,
        ceiling_seconds=ceiling_seconds,
        submissions=warm_up.submissions + mix.submissions + flat_out.submissions,
        flat_out=flat_out,
        flat_out_seconds=flat_out_seconds,
        load_before=load_before,
        stored=stored,
        client_cpu=client_cpu,
        synthetic_total=synthetic_total,
        pool=pool,
        postgres_version=postgres_version,
        log=logs["a"],
    )
    report.write_section("load", load_markdown)
    scaleout_markdown = _scaleout_section(
        both=both,
        both_seconds=both_seconds,
        servers={first.url: "a", second.url: "b"},
        submissions=both.submissions,
        stored=stored,
        limit_statuses=limit_statuses,
        session=session,
    )
    report.write_section("scaleout", scaleout_markdown)
    say(f"Written to {report.DOC.relative_to(report.ROOT)}")
    print("\n" + load_markdown + "\n\n" + scaleout_markdown)


async def _phase(name, visitors, action, seconds, recorder, say):
    """Run `action(visitor, deadline)` for every visitor at once, with progress every 5 s.
    Returns the seconds it took, from start to the last response."""
    for visitor in visitors:
        visitor.recorder = recorder
    started = time.monotonic()
    deadline = started + seconds

    async def progress():
        while True:
            await asyncio.sleep(5)
            done = len(recorder.samples)
            failed = report.server_errors(recorder.samples)
            say(
                f"  {name}: {done:,} requests, {done / (time.monotonic() - started):.0f}/s, {failed} failed"
            )

    ticker = asyncio.create_task(progress())
    try:
        await run_visitors(visitors, lambda visitor: action(visitor, deadline))
    finally:
        ticker.cancel()
    return time.monotonic() - started


async def _browse(visitor, deadline):
    await visitor.browse(deadline)


async def _robots(visitor, deadline):
    await visitor.hammer("robots.txt", "/robots.txt", deadline)


async def _rate_limit_across(first, second, pool, clients):
    """One client address sends questions to the two servers in turn; the limit must count
    them together. Returns [(server name, status)] in order."""
    recorder = Recorder()
    visitor = Visitor(clients + 1000, first.url, pool, recorder)
    statuses = []
    async with visitor:
        for n in range(7):
            server = (first, second)[n % 2]
            visitor.server = server.url
            _, form_page, _ = await visitor.get("ask form", "/ask/")
            submission = await visitor.send_question(form_page)
            statuses.append((server.name, submission.status))
    return statuses


async def _session_across(first, second, pool, clients, editor):
    """Log in to admin on the first server and use the session on the second; log out on the
    second and check that the first no longer knows it. Returns what each step answered."""
    username, password = editor
    steps = {}
    visitor = Visitor(clients + 1001, first.url, pool, Recorder())
    stranger = Visitor(clients + 1002, second.url, pool, Recorder())
    async with visitor, stranger:
        _, login_page, _ = await visitor.get("admin", "/admin/login/")
        token = CSRF_TOKEN.search(login_page).group(1)
        status, _, location = await visitor.request(
            "admin",
            "POST",
            "/admin/login/?next=/admin/",
            data={"username": username, "password": password, "csrfmiddlewaretoken": token},
            headers={"Referer": first.url + "/admin/login/"},
        )
        steps["log in on a"] = f"{status} → {location}"
        visitor.server = second.url
        status, body, _ = await visitor.get("admin", "/admin/")
        steps["admin index on b with a's cookie"] = (
            f"{status}, shows the editor: {username in body}"
        )
        status, _, location = await stranger.get("admin", "/admin/")
        steps["admin index on b without it"] = f"{status} → {location}"
        _, page, _ = await visitor.get("admin", "/admin/")
        token = CSRF_TOKEN.search(page)
        status, _, _ = await visitor.request(
            "admin",
            "POST",
            "/admin/logout/",
            data={"csrfmiddlewaretoken": token.group(1) if token else ""},
            headers={"Referer": second.url + "/admin/"},
        )
        steps["log out on b"] = str(status)
        visitor.server = first.url
        status, _, location = await visitor.get("admin", "/admin/")
        steps["admin index on a after logging out on b"] = f"{status} → {location}"
    return steps


def _cpu_seconds():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _submission_lines(submissions, stored):
    accepted = [s for s in submissions if s.status == 302]
    limited = sum(s.status == 429 for s in submissions)
    with_reference = [s for s in accepted if s.reference]
    lost = [s for s in accepted if s.text not in stored]
    mismatched = [s for s in with_reference if stored.get(s.text) != s.reference]
    lines = [
        f"- Questions sent: {len(submissions)}; accepted (redirected to the thank-you page): "
        f"{len(accepted)}, of which {len(with_reference)} showed their reference number; "
        f"asked to wait by the rate limit: {limited}.",
        f"- In the database afterwards: {sum(s.text in stored for s in accepted)} of "
        f"{len(accepted)} accepted; **lost: {len(lost)}**; reference shown ≠ reference stored: "
        f"{len(mismatched)}.",
    ]
    return lines, len(lost) + len(mismatched)


def _worker_trouble(log):
    return log.count("WORKER TIMEOUT"), log.count("Traceback")


def _load_section(
    *,
    clients,
    think,
    mix,
    mix_seconds,
    ceiling,
    ceiling_seconds,
    flat_out,
    flat_out_seconds,
    load_before,
    submissions,
    stored,
    client_cpu,
    synthetic_total,
    pool,
    postgres_version,
    log,
):
    kinds = ["home", "category", "question", "search", "ask form", "ask send", "ask thanks"]
    errors = sum(report.server_errors(r.samples) for r in (mix, flat_out, ceiling))
    flat_ms = [s.seconds * 1000 for s in flat_out.samples]
    search_p95 = report.p95_ms(mix.samples, "search")
    submission_lines, lost = _submission_lines(submissions, stored)
    mix_rate = len(mix.samples) / mix_seconds
    ceiling_rate = len(ceiling.samples) / ceiling_seconds
    robots_ms = [s.seconds * 1000 for s in ceiling.samples]
    timeouts, tracebacks = _worker_trouble(log)
    weights = ", ".join(f"{kind} {weight}" for kind, weight in MIX.items())
    command = "make loadtest  # " + shlex.join(["python", "-m", "loadtest", *sys.argv[1:]])
    return "\n".join(
        [
            "## Load",
            "",
            f"```sh\n{command}\n```",
            "",
            report.environment_line(load_before),
            "",
            f"- Archive: {synthetic_total:,} synthetic Q&As (category “Synthetic benchmark data”, "
            "slugs `synthetic-N`, from the search benchmark's generator) plus the seed archive, in "
            f"a database of the run's own (`loadtest` on a PostgreSQL {postgres_version} cluster "
            "with default settings, in `.loadtest/`).",
            "- Site: one gunicorn with `config/gunicorn.py` (sync workers, 2 per core + 1), "
            "`DEBUG` off, collected static files, Redis as the shared cache; the ask form's "
            "allowance counts in PostgreSQL.",
            f"- Visitors: {clients} at once, each with its own loopback address and cookies, "
            f"pausing 0–{2 * think:g} s (mean {think:g} s) between pages; what they do next, by "
            f"weight: {weights}. Each opens a page every {think:g} s or so, several times faster "
            "than a person reading the answers, so they stand for a few hundred people at once. "
            "Category pages: half the first page, most within the first ten, "
            f"one in ten any page. Q&A pages: a random {len(pool.questions):,} of all. Searches: "
            f"{len(pool.searches)} queries (some misspelt), one in ten asking for page 2. About "
            "half of those who open the ask form send a unique question (at most two each).",
            f"- After a {WARM_UP_SECONDS} s warm-up, {mix_seconds:.0f} s of the mix (questions "
            "sent during the warm-up are counted below too):",
            "",
            report.latency_table(mix.samples, mix_seconds, kinds=kinds),
            "",
            f"**{mix_rate:.0f} requests/s** for the mix at that pace. The same mix without pauses "
            f"for {flat_out_seconds:.0f} s, the most this server sustains: **"
            f"{len(flat_out.samples) / flat_out_seconds:.0f} requests/s** (all pages p50 "
            f"{report.percentile(flat_ms, 0.5):.0f} ms, p95 {report.percentile(flat_ms, 0.95):.0f} "
            f"ms, mostly time queued for a worker; search p95 "
            f"{report.p95_ms(flat_out.samples, 'search'):.0f} ms; "
            f"{report.server_errors(flat_out.samples)} failed). Ceiling, the same visitors and server "
            f"asking for `/robots.txt` without pausing for {ceiling_seconds:.0f} s: "
            f"**{ceiling_rate:.0f} requests/s** (p50 {report.percentile(robots_ms, 0.5):.0f} ms, "
            f"p95 {report.percentile(robots_ms, 0.95):.0f} ms, "
            f"{report.server_errors(ceiling.samples)} failed).",
            "",
            *submission_lines,
            f"- gunicorn log: {timeouts} worker timeouts, {tracebacks} tracebacks.",
            f"- The visitors' own CPU time: {client_cpu:.0f} s over "
            f"{mix_seconds + flat_out_seconds + ceiling_seconds:.0f} s (they share the two cores "
            "with the site).",
            "",
            "Targets:",
            "",
            f"- zero 5xx (all phases): {errors} {report.verdict(errors == 0)}",
            f"- zero lost submissions: {lost} {report.verdict(lost == 0)}",
            f"- search p95 under {SEARCH_P95_TARGET_MS} ms at the paced mix: {search_p95:.0f} ms "
            f"{report.verdict(search_p95 < SEARCH_P95_TARGET_MS)}",
        ]
    )


def _scaleout_section(*, both, both_seconds, servers, submissions, stored, limit_statuses, session):
    per_server = [
        f"| {name} | {sum(s.server == url for s in both.samples):,} "
        f"| {sum(s.server == url for s in both.samples) / both_seconds:.0f} "
        f"| {report.server_errors([s for s in both.samples if s.server == url])} |"
        for url, name in servers.items()
    ]
    submission_lines, lost = _submission_lines(submissions, stored)
    accepted_in_turn = [status for _, status in limit_statuses]
    limit_held = accepted_in_turn == [302] * 5 + [429] * (len(accepted_in_turn) - 5)
    statuses = ", ".join(f"{name}: {status}" for name, status in limit_statuses)
    session_held = (
        "True" in session["admin index on b with a's cookie"]
        and session["admin index on b without it"].startswith("302")
        and session["admin index on a after logging out on b"].startswith("302")
    )
    return "\n".join(
        [
            "## Scale-out: two app servers, one PostgreSQL, one Redis",
            "",
            "Same run, same database: a second gunicorn (b) on another port, the same environment "
            f"(`SECRET_KEY`, `DATABASE_URL`, `REDIS_URL`); the visitors split between a and b for "
            f"{both_seconds:.0f} s.",
            "",
            "| Server | Requests | Req/s | 5xx or no answer |",
            "| --- | --: | --: | --: |",
            *per_server,
            "",
            report.latency_table(both.samples, both_seconds),
            "",
            *submission_lines,
            "",
            "**Rate limit across servers** (`ASK_SUBMISSIONS_PER_HOUR=5`): one client address "
            f"sends seven questions to a and b in turn: {statuses}. The sixth and seventh are "
            f"refused whichever server gets them: {report.verdict(limit_held)}.",
            "",
            "**Session across servers:**",
            "",
            *[f"- {step}: {outcome}" for step, outcome in session.items()],
            "",
            f"Logged in on a, known on b, logged out on b, gone on a: {report.verdict(session_held)}."
            f" Zero lost submissions: {report.verdict(lost == 0)}; zero 5xx: "
            f"{report.verdict(report.server_errors(both.samples) == 0)}.",
            "",
            "Both servers share the same two cores here, so the total rate shows correctness "
            "across servers, not extra capacity.",
        ]
    )
