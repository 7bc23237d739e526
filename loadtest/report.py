"""Figures from recorded samples, and the Markdown that docs/load-and-faults.md keeps of them.

Each kind of run owns one section of that file, between marker comments, and rewrites only its own.
"""

import os
import platform
import re
import subprocess
import time
from collections import defaultdict
from datetime import UTC, datetime

from loadtest.stack import ROOT

DOC = ROOT / "docs" / "load-and-faults.md"


def percentile(values, fraction):
    """The search benchmark's percentile, also for the one-sample lists a short run can give."""
    from tools.bench.common import percentile

    if len(values) < 2:
        return values[0] if values else 0.0
    return percentile(values, fraction)


def is_server_error(status):
    """A 5xx, or no answer at all (refused, reset, timed out): both fail the visitor."""
    return status == 0 or status >= 500


def latency_table(samples, seconds, *, kinds=None):
    """One Markdown row per kind of request: count, rate, p50/p95/p99/max, failures."""
    by_kind = defaultdict(list)
    for sample in samples:
        by_kind[sample.kind].append(sample)
    lines = [
        "| Page | Requests | Req/s | p50 ms | p95 ms | p99 ms | max ms | 5xx or no answer | Other non-2xx/3xx |",
        "| --- | --: | --: | --: | --: | --: | --: | --: | --: |",
    ]
    for kind in [*(kinds or sorted(by_kind)), "all"]:
        rows = samples if kind == "all" else by_kind.get(kind, [])
        if not rows:
            continue
        ms = [s.seconds * 1000 for s in rows]
        failed = sum(is_server_error(s.status) for s in rows)
        other = [s.status for s in rows if not is_server_error(s.status) and s.status >= 400]
        other_text = ", ".join(f"{n}×{code}" for code, n in _counts(other)) or "0"
        name = "**all**" if kind == "all" else kind
        lines.append(
            f"| {name} | {len(rows):,} | {len(rows) / seconds:.1f} | {percentile(ms, 0.5):.0f} "
            f"| {percentile(ms, 0.95):.0f} | {percentile(ms, 0.99):.0f} | {max(ms):.0f} "
            f"| {failed} | {other_text} |"
        )
    return "\n".join(lines)


def p95_ms(samples, kind):
    ms = [s.seconds * 1000 for s in samples if s.kind == kind]
    return percentile(ms, 0.95) if ms else float("nan")


def p95_ms_all(samples):
    return percentile([s.seconds * 1000 for s in samples], 0.95) if samples else float("nan")


def server_errors(samples):
    return sum(is_server_error(s.status) for s in samples)


def _counts(values):
    counts = defaultdict(int)
    for value in values:
        counts[value] += 1
    return sorted(counts.items())


def verdict(ok):
    return "**met**" if ok else "**NOT met**"


def environment_line(load_before):
    """Where and on what the figures were measured; `load_before` is os.getloadavg() at the
    start, since other work on the machine slows everything down."""
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"],  # noqa: S607
        cwd=ROOT,
        capture_output=True,
        text=True,
    ).stdout.strip()
    before, after = (
        " / ".join(f"{n:.1f}" for n in load) for load in (load_before, os.getloadavg())
    )
    return (
        f"Measured {datetime.now(UTC):%Y-%m-%d %H:%M} UTC at commit `{commit or 'unknown'}`, "
        f"{len(os.sched_getaffinity(0))} cores ({platform.machine()}), Python "
        f"{platform.python_version()}; the visitors, gunicorn and PostgreSQL share the machine "
        f"(load average 1/5/15 min at the start: {before}; at the end: {after})."
    )


def write_section(name, markdown):
    """Replace section `name` of docs/load-and-faults.md with `markdown`."""
    begin, end = f"<!-- {name}:begin -->", f"<!-- {name}:end -->"
    text = DOC.read_text()
    if begin not in text:
        raise RuntimeError(f"{DOC} has no {begin} marker")
    pattern = re.compile(re.escape(begin) + ".*?" + re.escape(end), re.DOTALL)
    DOC.write_text(pattern.sub(lambda _: f"{begin}\n{markdown.strip()}\n{end}", text))


class Progress:
    """Progress lines with the time since the run started."""

    def __init__(self):
        self.started = time.monotonic()

    def __call__(self, message):
        print(f"[{time.monotonic() - self.started:6.1f} s] {message}", flush=True)
