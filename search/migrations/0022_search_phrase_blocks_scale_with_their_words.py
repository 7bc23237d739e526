"""A synonym of several common words ("back pain", "side effects", "trapped nerve") is read in
blocks scaled to its words' weights, and counted from its tiers. Rankings are unchanged.

Migration 0015 joined a synonym's tiers into blocks 0.25 wide in score units, taking a stem's
tier to span 0.2 to 0.9. A stem in most pages weighs far less: at 100,000 Q&As "back" (in 96% of
pages) weighs 0.044 and "pain" 0.068, so every tier of "back pain" fell into one block, and a
search for it scored all 90,529 pages holding both words exactly (0.4 s; 0.5 s for the visitors'
"back pian", corrected into it). A synonym's blocks are now at most half a tier of each of its
stems wide (0.05 x its stems' weights, summed), and 0.25 wide as before for rarer words.

Its count looked up every page holding all its stems, one by one, until 1,001 were found that
show now. Like a stem in more pages than are counted (migration 0002), a synonym whose tiers hold
more pages than that, less those not yet shown, now counts as "more than" at once.

Measured against migration 0021, alternately (PostgreSQL 18, 100,000 Q&As, medians of 25, the
top ten and count the same for every one): "back pain" 392 to 10.0 ms, "side effects" 24.1 to
5.3 ms, "trapped nerve" 12.9 to 3.1 ms; "stenosis" 5.5 to 5.3 ms, "lumbar" 2.3 to 3.1 ms,
"slipped disc" 1.9 ms both.
"""

import importlib

from django.db import migrations

EIGHTEEN = importlib.import_module(
    "search.migrations.0018_search_pools_by_chunk_and_share_of_the_archive"
)
FIFTEEN = importlib.import_module(
    "search.migrations.0015_search_keeps_tiers_of_several_word_synonyms"
)
PAIRS = EIGHTEEN.PAIRS

# A synonym's block spans at most this share of a tier of each of its stems (a tier spans 0.1 of
# a stem's weight), and never more than migration 0015's step.
PHRASE_TIER_SHARE = 0.5

RANKING_CHANGES = [
    (
        """\
                        FROM search_phrases_of(terms, weights, term_concepts, term_alternatives, sizes) AS a,
                        LATERAL (SELECT s.tiers, search_phrase_top(s.tiers, a.weights) AS worth
""",
        f"""\
                        FROM search_phrases_of(terms, weights, term_concepts, term_alternatives, sizes) AS a,
                        LATERAL (SELECT least({FIFTEEN.PHRASE_STEP}, {PHRASE_TIER_SHARE} * 0.1 * sum(w)) AS step
                                 FROM unnest(a.weights) AS w) AS g,
                        LATERAL (SELECT s.tiers, search_phrase_top(s.tiers, a.weights) AS worth
""",
    ),
    (
        f"GROUP BY a.concept, a.phrase_id, floor(s.worth / {FIFTEEN.PHRASE_STEP})\n",
        "GROUP BY a.concept, a.phrase_id, floor(s.worth / g.step)\n",
    ),
    (
        """\
        -- One stem alone is in more visible pages than are counted.
        counted := count_up_to + 1;
""",
        """\
        -- One stem alone is in more visible pages than are counted.
        counted := count_up_to + 1;
    ELSIF NOT filtered AND (SELECT max(s.pages) FROM search_phrases_of(
                                terms, weights, term_concepts, term_alternatives, sizes) AS a,
                            LATERAL (SELECT sum(cardinality(s.documents)) AS pages
                                     FROM search_phrase_tier AS s WHERE s.phrase_id = a.phrase_id) AS s)
          - (SELECT count(*) FROM search_document WHERE published_at > statement_timestamp())
          > count_up_to THEN
        -- So is a synonym of several words, its pages counted from its tiers.
        counted := count_up_to + 1;
""",
    ),
]


def previous_changes():
    return [*EIGHTEEN.previous_changes(), *EIGHTEEN.RANKING_CHANGES]


class Migration(migrations.Migration):
    dependencies = [("search", "0021_tens_machine_synonym")]

    operations = [PAIRS.search_top_changed(previous_changes, RANKING_CHANGES)]
