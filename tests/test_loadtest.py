"""The load and fault runs' own pieces that can go wrong quietly: where traffic goes, and how
failures are counted and written down."""

import ipaddress

from loadtest import report
from loadtest.traffic import Sample, visitor_address


def test_every_visitor_has_its_own_loopback_address():
    addresses = [visitor_address(n) for n in range(3000)]
    assert len(set(addresses)) == len(addresses)
    assert all(ipaddress.ip_address(a).is_loopback for a in addresses)


def sample(kind, status, ms=10):
    return Sample(kind=kind, status=status, seconds=ms / 1000, at=0, server="a")


def test_a_5xx_and_no_answer_both_count_as_failures_but_a_429_does_not():
    samples = [sample("search", 200), sample("search", 503), sample("search", 0)]
    samples.append(sample("ask send", 429))
    assert report.server_errors(samples) == 2
    table = report.latency_table(samples, seconds=1)
    assert "| search | 3 | 3.0 |" in table
    assert table.splitlines()[2].endswith("| 0 | 1×429 |")  # ask send: limited, not failed


def test_a_run_rewrites_only_its_own_section(tmp_path, monkeypatch):
    doc = tmp_path / "load-and-faults.md"
    doc.write_text(
        "intro\n<!-- load:begin -->\nold load\n<!-- load:end -->\n"
        "<!-- faults:begin -->\nold faults\n<!-- faults:end -->\n"
    )
    monkeypatch.setattr(report, "DOC", doc)
    report.write_section("load", "## Load\nnew figures")
    assert doc.read_text() == (
        "intro\n<!-- load:begin -->\n## Load\nnew figures\n<!-- load:end -->\n"
        "<!-- faults:begin -->\nold faults\n<!-- faults:end -->\n"
    )


def test_each_page_is_judged_against_the_ceiling_measured_just_before_it():
    from loadtest.pages import Figure, table, targets

    def figure(rate, errors=0):
        return Figure(page="x", rate=rate, p50_ms=1, p99_ms=2, errors=errors, load=1.0)

    rounds = [
        {"home": (figure(300), figure(600))},  # 0.5
        {"home": (figure(100), figure(400))},  # 0.25: the ceiling dropped too
    ]
    assert "| home | 1 | 300 | 600 | 0.50 |" in table(rounds, "/robots.txt")
    lines = targets(rounds, {"home": 0.3})
    assert lines[0] == "- home at least 0.3 of the ceiling: 0.25 **NOT met**"
    assert lines[1] == "- 0 errors: 0 **met**"
