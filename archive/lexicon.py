"""The search lexicon's materialized views (migration 0003): the archive's words and counts."""

from django.db import connection

LEXICON_VIEWS = ["archive_search_word", "archive_search_stem", "archive_search_corpus"]


def refresh_lexicon():
    """Bring the lexicon up to date with the published archive. Call it after Q&As or factsheets
    are saved, imported, published or deleted: searches go on meanwhile (CONCURRENTLY). New text
    is searchable at once without it; only typo correction and word weights wait for it."""
    from archive.models import ContentVersion

    with connection.cursor() as cursor:
        for view in LEXICON_VIEWS:
            cursor.execute(f"REFRESH MATERIALIZED VIEW CONCURRENTLY {view}")
    ContentVersion.bump()  # corrections and word weights changed: cached result pages did too
