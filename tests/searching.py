"""What the site's search lists, for tests in any app."""

from archive.models import Question
from search.query import prepare
from search.results import Results


def found(query, **options):
    """The published Q&As the site's ranking lists for a query, best first (first page)."""
    prepared = prepare(query, **options)
    if prepared.is_empty:
        return []
    results = Results(prepared, questions=Question.objects.published())
    return [hit.object for hit in results.page.object_list]
