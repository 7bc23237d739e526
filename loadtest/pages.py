"""Each page flat out against `/robots.txt` on the same server, with wrk (Debian's package):
16 connections for a while per page, each page right after `/robots.txt`, every page in turn and
then again in reverse order, the load average beside each figure (the machine is shared).

Each page is measured as visitors ask for it, taking gzip as browsers do (the page cache answers
whatever it has kept, compressed once when kept) and, marked "rendered", with a query parameter
of its own on every request (`_=…`, which no view reads), so that the page cache never answers:
the page rendered (and compressed) each time.
"""

import json
import os
import shutil
import subprocess
from dataclasses import dataclass

from loadtest import report
from loadtest.stack import WORKDIR

CONNECTIONS = 16
THREADS = 2
# What wrk sends: each thread walks its own list of paths in turn (`thread_paths`), adding
# `_=thread-count` when asked to, taking gzip as browsers do, and reports its figures as one line
# of JSON.
SCRIPT = """
wrk.headers["Accept-Encoding"] = "gzip"
local lists = {%(lists)s}
local bust = %(bust)s
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("id", threads)
end
function init(args)
  count = 0
  paths = lists[id]
end
function request()
  count = count + 1
  local path = paths[(count %% #paths) + 1]
  if bust then
    local glue = string.find(path, "?", 1, true) and "&" or "?"
    path = path .. glue .. "_=" .. id .. "-" .. count
  end
  return wrk.format("GET", path)
end
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"requests": %%d, "microseconds": %%d, "socket_errors": %%d, "bad_status": %%d, ' ..
    '"p50_us": %%d, "p99_us": %%d}\\n',
    summary.requests, summary.duration, e.connect + e.read + e.write + e.timeout, e.status,
    latency:percentile(50), latency:percentile(99)))
end
"""


@dataclass
class Page:
    name: str
    paths: list
    bust: bool = False  # a fresh address every request: rendered, never from the page cache


@dataclass
class Figure:
    page: str
    rate: float
    p50_ms: float
    p99_ms: float
    errors: int
    load: float


def wrk_available():
    return shutil.which("wrk") is not None


def measure(base_url, page, seconds):
    """One page flat out for `seconds`: a Figure."""
    script = WORKDIR / "wrk-page.lua"
    lists = ", ".join(
        "{" + ", ".join(json.dumps(path) for path in paths) + "}"
        for paths in thread_paths(page.paths, THREADS)
    )
    script.write_text(SCRIPT % {"lists": lists, "bust": "true" if page.bust else "false"})
    result = subprocess.run(  # noqa: S603
        ["wrk", f"-t{THREADS}", f"-c{CONNECTIONS}", f"-d{seconds}s", "-s", str(script)]  # noqa: S607
        + ["--timeout", "10s", base_url],
        capture_output=True,
        text=True,
        check=True,
    )
    figures = json.loads(result.stdout.strip().splitlines()[-1])
    return Figure(
        page=page.name,
        rate=figures["requests"] / (figures["microseconds"] / 1e6),
        p50_ms=figures["p50_us"] / 1000,
        p99_ms=figures["p99_us"] / 1000,
        errors=figures["socket_errors"] + figures["bad_status"],
        load=os.getloadavg()[0],
    )


def thread_paths(paths, threads):
    """Each wrk thread's list: all the paths, each thread starting at its own place, so that
    two threads do not ask for the same page at the same moment (one would wait for the other's
    rendering: archive.caching), as visitors going through many pages do not."""
    return [
        paths[n * len(paths) // threads :] + paths[: n * len(paths) // threads]
        for n in range(threads)
    ]


def run_rounds(base_url, reference, pages, seconds, say):
    """Every page in order, then in reverse order, each right after `reference` (the trivial
    page) for half as long, so that each ratio compares two runs a few seconds apart: on a
    shared machine the ceiling itself moves from minute to minute. Returns, per round,
    {page name: (Figure, the reference's Figure just before)}."""
    rounds = []
    for number, order in enumerate((pages, pages[::-1]), start=1):
        figures = {}
        for page in order:
            ceiling = measure(base_url, reference, max(1, seconds // 2))
            figure = measure(base_url, page, seconds)
            say(
                f"  round {number}: {page.name}: {figure.rate:.0f} requests/s against "
                f"{ceiling.rate:.0f} for {reference.name} ({figure.rate / ceiling.rate:.2f}), "
                f"p50 {figure.p50_ms:.0f} ms, {figure.errors} errors, load average "
                f"{figure.load:.1f}"
            )
            figures[page.name] = (figure, ceiling)
        rounds.append(figures)
    return rounds


def table(rounds, reference):
    """A Markdown table: each page's rate in each round, the reference's just before it, and
    their ratio."""
    lines = [
        f"| Page | Round | Req/s | {reference} just before, req/s | Ratio | p50 ms | p99 ms "
        "| Errors | Load (1 min) |",
        "| --- | --: | --: | --: | --: | --: | --: | --: | --: |",
    ]
    for name in rounds[0]:
        for number, figures in enumerate(rounds, start=1):
            figure, ceiling = figures[name]
            lines.append(
                f"| {name if number == 1 else ''} | {number} | {figure.rate:,.0f} "
                f"| {ceiling.rate:,.0f} | {figure.rate / ceiling.rate:.2f} | {figure.p50_ms:.0f} "
                f"| {figure.p99_ms:.0f} | {figure.errors} | {figure.load:.1f} |"
            )
    return "\n".join(lines)


def laps_line(rounds, page_list, seconds):
    """How often the rotating pages (asked for as visitors ask) came round in each round: each
    is rendered the first time and then answered by the page cache, so their row mixes the two
    in a share that depends on how fast the machine is."""
    rotating = next(page for page in page_list if len(page.paths) > 1 and not page.bust)
    laps = [figures[rotating.name][0].rate * seconds / len(rotating.paths) for figures in rounds]
    return (
        f"The {len(rotating.paths):,} rotating Q&A pages came round "
        f"{' and '.join(f'{lap:.1f}' for lap in laps)} times in rounds "
        f"{' and '.join(str(n) for n in range(1, len(laps) + 1))}: each is rendered the first "
        "time it is asked for and answered by the page cache after that, so their row mixes the "
        "two, in a share that depends on the machine's speed; their row marked *rendered* is the "
        "rendering alone."
    )


def worst_ratio(rounds, name):
    return min(figure.rate / ceiling.rate for figure, ceiling in (r[name] for r in rounds))


def targets(rounds, goals):
    """One line per goal {page: least ratio}, judged on the worse of the two rounds."""
    lines = []
    for name, goal in goals.items():
        ratio = worst_ratio(rounds, name)
        verdict = report.verdict(ratio >= goal)
        lines.append(f"- {name} at least {goal:g} of the ceiling: {ratio:.2f} {verdict}")
    errors = sum(f.errors + c.errors for r in rounds for f, c in r.values())
    lines.append(f"- 0 errors: {errors} {report.verdict(errors == 0)}")
    return lines
