"""search_top() reaches the same exact top k with less work.

- Its statements run with generic plans. PL/pgSQL may plan a statement afresh for each call's
  arguments (a custom plan), and for these it kept doing so: planning was over a quarter of a
  two-word search's time (4.7 ms of ranking became 3.3 at 100,000 Q&As).
- A two-concept search's first k-th score (migration 0007) no longer looks up each impact of
  the pages read at the top of the lists (~300 index probes). A page's score is at least the
  impact read for it and, for the other concept, the bottom of the tier it is in there, found
  by intersecting that concept's tiers with the pages read (intarray). The k-th such score is
  never above the true k-th score, so it serves as the bound.
- The pages that can still reach the bound are gathered from the concept in fewer pages and
  walked, tier by tier, in the other. The gathered union is intersected once per walked tier,
  so gathering the smaller concept makes every intersection shorter (at 100,000 Q&As,
  "bruises practitioner" gathered up to 74,538 page ids from "practitioner" before, and now at
  most the ~23,000 holding "bruises" or one of its synonyms).
  The gathered tiers are read best first through one cursor, only as far as the walked tiers
  need, where a statement per walked tier read them before.

Each change is an exact replacement in migration 0007's function, checked to apply.
"""
import importlib

from django.db import migrations

TIERS = importlib.import_module("search.migrations.0007_search_tiers")

# How deep each concept's lists are read (shared among its alternatives) for the first k-th score.
FIRST_DEPTH = 200

TIER_BOTTOM = """
-- The lowest impact a tier holds.
CREATE FUNCTION search_tier_bottom(tier smallint) RETURNS float8
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT tier / 10.0::float8 $$;
"""

DECLARED = """    candidates int[];
    walked int;
    gathered refcursor;
    next_tier record;
"""

# The first k-th score, without an index probe per page read.
FIRST_BOUND = """        -- A first k-th score from the pages at the top of each concept's lists (shared among its
        -- alternatives), each counted at least its impacts read there and, for a concept it
        -- was not read for, the bottom of its best tier there (0 when fewer than k are shown).
        WITH read AS (
            SELECT l.document_id, t.concept, max(t.weight * l.impact) AS worth
            FROM unnest(terms, weights, term_concepts) AS t(term_id, weight, concept),
            LATERAL (SELECT p.document_id, p.impact FROM search_posting AS p WHERE p.term_id = t.term_id
                     ORDER BY p.impact DESC
                     LIMIT ceil({pair_depth}::float8 / cardinality(array_positions(term_concepts, t.concept)))) AS l
            GROUP BY 1, 2
        ), pages AS (
            SELECT concept, sort(array_agg(document_id)) AS ids FROM read GROUP BY concept
        ), tiered AS (
            SELECT u.document_id, q.concept, max(q.weight * search_tier_bottom(s.tier)) AS worth
            FROM search_tier AS s
            JOIN unnest(terms, weights, term_concepts) AS q(term_id, weight, concept) USING (term_id)
            JOIN pages ON pages.concept <> q.concept,
            LATERAL unnest(s.documents & pages.ids) AS u(document_id)
            GROUP BY 1, 2
        ), lowest AS (
            SELECT document_id, sum(worth) AS score FROM (
                SELECT document_id, concept, max(worth) AS worth
                FROM (SELECT * FROM read UNION ALL SELECT * FROM tiered) AS w GROUP BY 1, 2
            ) AS per_concept GROUP BY 1
        )
        SELECT CASE WHEN count(*) < k THEN 0 ELSE min(score) END INTO bound FROM (
            SELECT best.score FROM (SELECT * FROM lowest ORDER BY score DESC OFFSET 0) AS best
            WHERE (SELECT d.published_at <= statement_timestamp()
                          AND (NOT questions_only OR d.question_id IS NOT NULL)
                   FROM search_document AS d WHERE d.id = best.document_id)
            LIMIT k) AS first;
"""

# The walked and gathered concepts, and the gathered tiers read through a cursor.
GATHERED = """        -- The concept in more pages is walked tier by tier; the other's tiers are gathered.
        walked := (SELECT q.concept FROM unnest(terms, term_concepts) AS q(term_id, concept)
                   JOIN search_term AS t ON t.id = q.term_id
                   GROUP BY q.concept ORDER BY sum(t.documents) DESC, q.concept LIMIT 1);
        -- A page's score is at most, per concept, the largest weight x tier top among its
        -- alternatives' tiers it is in. The gathered concept's tiers are read best first...
        OPEN gathered FOR SELECT search_union(s.documents) AS documents, q.weight * search_tier_top(s.tier) AS worth
                    FROM search_tier AS s
                    JOIN unnest(terms, weights, term_concepts) AS q(term_id, weight, concept) USING (term_id)
                    WHERE q.concept <> walked
                    GROUP BY q.term_id, q.weight, s.tier ORDER BY worth DESC;
        FETCH gathered INTO next_tier;
        highest := coalesce(next_tier.worth, 0);
        -- ...and every page in one worth the bound alone can reach it...
        candidates := '{{}}';
        reached := '{{}}';
        WHILE next_tier.worth >= bound LOOP
            candidates := candidates | next_tier.documents;
            FETCH gathered INTO next_tier;
        END LOOP;
        -- ...as can a page in a walked tier worth v and in gathered tiers worth at least bound - v.
        -- As v rises that need falls, so the gathered tiers are read on only as far as it does.
"""

BRANCH = TIERS.RANKING_CHANGES[2][1]  # migration 0007's two-concept branch


def between(start, end):
    """BRANCH's text from `start` up to `end`."""
    return BRANCH[BRANCH.index(start) : BRANCH.index(end)]


# Exact replacements in migration 0007's two-concept branch.
PAIR_CHANGES = [
    (between("        -- Two concepts:", "        bound := bound"), FIRST_BOUND),
    (between("        -- A page's score is at most", "        FOR step IN"), GATHERED),
    ("WHERE q.concept = term_concepts[1] AND", "WHERE q.concept = walked AND"),
    (
        between("            IF need < reached_down_to", "            candidates := candidates | (step"),
        """            WHILE next_tier.worth >= need LOOP
                reached := reached | next_tier.documents;
                FETCH gathered INTO next_tier;
            END LOOP;
""",
    ),
    (
        "            candidates := candidates | (step.documents & reached);\n        END LOOP;\n",
        "            candidates := candidates | (step.documents & reached);\n        END LOOP;\n"
        "        CLOSE gathered;\n",
    ),
]

RANKING_CHANGES = [
    (
        "LANGUAGE plpgsql STABLE AS $$",
        "LANGUAGE plpgsql STABLE SET plan_cache_mode = force_generic_plan AS $$",
    ),
    ("    reached_down_to float8;\n", ""),
    ("    candidates int[];\n", DECLARED),
    *PAIR_CHANGES,
]


def ranking(changes=()):
    """Migration 0007's search_top with RANKING_CHANGES, then `changes`, made, its numbers
    filled in."""
    return TIERS.ranking([*RANKING_CHANGES, *changes], pair_depth=FIRST_DEPTH)


def search_top_changed(previous_changes, changes):
    """The operation of a later migration that only changes search_top: `changes` made after
    `previous_changes()` (the earlier migrations' changes), and undone by writing the function
    with those alone."""

    def create(apps, schema_editor):
        with schema_editor.connection.cursor() as cursor:
            cursor.execute(ranking([*previous_changes(), *changes]))

    def restore(apps, schema_editor):
        with schema_editor.connection.cursor() as cursor:
            cursor.execute(ranking(previous_changes()))

    return migrations.RunPython(create, restore)


def create_search_top(apps, schema_editor):
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(TIER_BOTTOM)
        cursor.execute(ranking())


def restore_search_top(apps, schema_editor):
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(TIERS.ranking())
        cursor.execute("DROP FUNCTION search_tier_bottom")


class Migration(migrations.Migration):
    dependencies = [("search", "0007_search_tiers")]

    operations = [migrations.RunPython(create_search_top, restore_search_top)]
