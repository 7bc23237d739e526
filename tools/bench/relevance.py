"""Relevance of the site's search against an Okapi BM25 baseline, on the seed archive."""

import json

from django.conf import settings

from archive.models import Question
from factsheets.models import SECTIONS, Factsheet
from search.query import prepare
from search.results import Results
from tools.bench.common import bench_database, load_seed_archive, progress, stem_words

RELEVANCE_SET = settings.BASE_DIR / "fixtures" / "search-relevance.json"
DEPTH = 10  # results looked at per query (a reciprocal rank past this counts as 0)


def run(*, database):
    """Load the seed archive into the benchmark database and return hits@1, hits@3 and MRR of
    the site's search and of an Okapi BM25 baseline (rank-bm25, Snowball stemmed) over
    fixtures/search-relevance.json, as Markdown."""
    from rank_bm25 import BM25Okapi

    cases = json.loads(RELEVANCE_SET.read_text(encoding="utf-8"))["queries"]
    with bench_database(database, fresh=True):
        load_seed_archive(database)
        documents = corpus()
        bm25 = BM25Okapi([stem_words(text) for text in documents.values()])
        urls = list(documents)
        rows = []
        for n, case in enumerate(cases, 1):
            progress(f"  [{n}/{len(cases)}] {case['query']}")
            scores = bm25.get_scores(stem_words(case["query"]))
            baseline = [
                url for _, url in sorted(zip(scores, urls, strict=True), key=lambda p: -p[0])
            ]
            rows.append((case, site_ranking(case["query"]), baseline[:DEPTH]))
    return report(rows, len(documents))


def corpus():
    """Every searchable page's URL and text (the fields the site's search vectors hold)."""
    documents = {
        q.get_absolute_url(): f"{q.title}\n{q.question}\n{q.answer}"
        for q in Question.objects.published()
    }
    for factsheet in Factsheet.objects.all():
        fields = ["title", "condition", "summary", *(name for name, _ in SECTIONS)]
        documents[factsheet.get_absolute_url()] = "\n".join(
            getattr(factsheet, name) for name in fields
        )
    return documents


def site_ranking(query):
    """The URLs /search/ lists for the query, in its order."""
    prepared = prepare(query)
    if prepared.is_empty:
        return []
    results = Results(prepared)
    return [hit.object.get_absolute_url() for hit in results.page.object_list][:DEPTH]


def reciprocal_rank(expected, ranking):
    return 1 / (ranking.index(expected) + 1) if expected in ranking else 0.0


def scores(rows, pick):
    ranks = [reciprocal_rank(case["expected"], pick(site, bm25)) for case, site, bm25 in rows]
    return {
        "hits@1": sum(r == 1 for r in ranks) / len(ranks),
        "hits@3": sum(r >= 1 / 3 for r in ranks) / len(ranks),
        "MRR": sum(ranks) / len(ranks),
    }


def report(rows, document_count):
    kinds = list(dict.fromkeys(case["kind"] for case, _, _ in rows))
    lines = [
        "## Relevance",
        "",
        f"{len(rows)} queries in patients' words (`fixtures/search-relevance.json`) over the "
        f"{document_count} pages of the seed archive, each with the one page that must come "
        "back. The site's ranking is what `/search/` lists; the baseline is Okapi BM25 "
        "(`rank-bm25`, k1=1.5, b=0.75) over the same pages' text, Snowball-stemmed.",
        "",
        "| Queries | n | Site hits@1 | Site hits@3 | Site MRR | BM25 hits@1 | BM25 hits@3 | BM25 MRR |",
        "| --- | --: | --: | --: | --: | --: | --: | --: |",
    ]
    for kind in [*kinds, None]:
        subset = [row for row in rows if kind is None or row[0]["kind"] == kind]
        site = scores(subset, lambda s, b: s)
        bm25 = scores(subset, lambda s, b: b)
        cells = [f"{v:.2f}" for v in (*site.values(), *bm25.values())]
        lines.append(f"| {kind or '**all**'} | {len(subset)} | " + " | ".join(cells) + " |")
    missed = [
        (case, site.index(case["expected"]) + 1 if case["expected"] in site else None)
        for case, site, _ in rows
        if reciprocal_rank(case["expected"], site) < 1 / 3
    ]
    typo_misses = [case for case, _ in missed if case["kind"] == "typo"]
    lines += [
        "",
        f"Typo queries with the expected page outside the site's top 3: {len(typo_misses)}.",
    ]
    if missed:
        lines += ["", "Queries whose expected page the site ranks below 3rd:", ""]
        lines += [
            f"- “{case['query']}” ({case['kind']}): {f'rank {rank}' if rank else 'not found'}"
            for case, rank in missed
        ]
    return "\n".join(lines) + "\n"
