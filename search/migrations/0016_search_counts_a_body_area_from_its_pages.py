"""Within a body area, a search counts its matches from the area's own pages when few of the
first matches are in it. Rankings and counts are unchanged.

The count (up to 1,000) takes the pages holding a query's words from their tiers, then looks
them up one by one until 1,001 show now and pass the filters. Within a large body area most
matches are in it and 1,001 are found soon; within one of a few thousand pages, most are not,
and every match was looked up: most of the time of a search within such an area.

Now, within a body area (and no phrase or minus word, which need each page's own text), the
first 4,004 matches (LOOKED_UP_FIRST times the cap) are looked up as before. When they do not
reach the cap, the area's pages are read (up to 20,020, AREA_READ times the cap) and intersected
with the matches, sorted int arrays both; a larger area has the rest of its matches looked up
as before.

Measured against migration 0015, alternately, on make bench's searches (PostgreSQL 15, 100,000
Q&As, medians of 3, while another benchmark ran: load 1.6 to 1.8), with the same top ten and
count for every one. Within a 3,031-page area: 100 two-word searches p50 35.3 to 13.4 ms, p95
52.0 to 27.1 ms; 100 one-word searches p50 16.3 to 9.3 ms, p95 38.2 to 14.7 ms. Within the
97,000-page area, two words: p50 8.6 to 6.9 ms, p95 26.9 to 22.2 ms (its matches are now looked
up from an array already made, not within the statement that makes it).
"""

import importlib
import textwrap

from django.db import migrations

FIFTEEN = importlib.import_module(
    "search.migrations.0015_search_keeps_tiers_of_several_word_synonyms"
)
PAIRS = FIFTEEN.PAIRS

# Matches looked up one by one before a body area's own pages are read instead, and the most
# pages of an area read so, as multiples of the count's cap (1,001 on the search page): an area
# larger than that holds enough of the matches to reach the cap by looking them up.
LOOKED_UP_FIRST = 4
AREA_READ = 20

READS_LESS = FIFTEEN.FOURTEEN.READS_LESS


def previous():
    """Migration 0015's search_top before its numbers are filled in."""
    return READS_LESS.changed(
        FIFTEEN.FOURTEEN.previous(),
        [*FIFTEEN.FOURTEEN.RANKING_CHANGES, *FIFTEEN.RANKING_CHANGES],
    )


def count_parts():
    """Migration 0015's count: its whole text, the matches' expression, and its filters."""
    text = previous()
    whole = text[text.index("        -- Pages holding every stem") : text.index("    RETURN QUERY")]
    matches = whole[whole.index("                SELECT search_union") : whole.index(")) AS match")]
    filters = whole[whole.index("            -- The filters") : whole.index("            LIMIT")]
    return whole, matches, filters


def count():
    """The count with the body area's pages read when few of the first matches are in it."""
    whole, matches, filters = count_parts()
    lookup = (
        "            SELECT 1 FROM unnest(matches[looked + 1:looked + batch]) AS match(document_id)\n"
        "            JOIN search_document AS d ON d.id = match.document_id\n"
    )
    matches = textwrap.indent(textwrap.dedent(matches), " " * 12).rstrip("\n")
    return (  # the function's own text rearranged, no values
        whole[: whole.index("        SELECT count(*) INTO counted")]  # noqa: S608
        + f"        matches := (\n{matches});\n"
        + COUNT_LOOP
        + "            SELECT counted + count(*) INTO counted FROM (\n"
        + textwrap.indent(lookup + filters, "    ")
        + "                LIMIT count_up_to + 1 - counted) AS found;\n"
        + "            looked := looked + batch;\n"
        + "        END LOOP;\n"
        + "    END IF;\n"
    )


COUNT_LOOP = f"""\
        counted := 0;
        looked := 0;
        -- Within a body area, the first matches only: if few of them are in it...
        batch := CASE WHEN categories IS NULL OR must IS NOT NULL THEN cardinality(matches)
                      ELSE {LOOKED_UP_FIRST} * (count_up_to + 1) END;
        WHILE counted <= count_up_to AND looked < cardinality(matches) LOOP
            IF looked > 0 AND area_pages IS NULL THEN
                -- ...the area's own pages are read, when they are not too many, and intersected
                -- with the matches (an area's pages show now and pass the filters).
                area_pages := ARRAY(
                    SELECT d.id FROM search_document AS d
                    WHERE d.category_id = ANY(categories) AND d.published_at <= statement_timestamp()
                      AND (NOT questions_only OR d.question_id IS NOT NULL)
                    LIMIT {AREA_READ} * (count_up_to + 1) + 1);
                IF cardinality(area_pages) <= {AREA_READ} * (count_up_to + 1) THEN
                    counted := least(cardinality(matches & area_pages), count_up_to + 1);
                    EXIT;
                END IF;
                batch := cardinality(matches);
            END IF;
"""  # noqa: S608 - numbers of this module

RANKING_CHANGES = [
    (
        "    scored int[];\n",
        "    scored int[];\n    matches int[];\n    looked int;\n    batch int;\n    area_pages int[];\n",
    ),
    (count_parts()[0], count()),
]


def previous_changes():
    return [*FIFTEEN.previous_changes(), *FIFTEEN.RANKING_CHANGES]


class Migration(migrations.Migration):
    dependencies = [("search", "0015_search_keeps_tiers_of_several_word_synonyms")]

    operations = [PAIRS.search_top_changed(previous_changes, RANKING_CHANGES)]
