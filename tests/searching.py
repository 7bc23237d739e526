"""What the site's search lists, for tests in any app."""

from search.query import prepare
from search.results import Results


def found(query, **options):
    """The published Q&As the site's ranking lists for a query, best first (first page)."""
    results = Results(prepare(query, **options), factsheets=False)
    return [hit.object for hit in results.page.object_list]
