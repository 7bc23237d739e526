"""Template context shared by every page."""

from archive import red_flags
from search.forms import TYPED_MAX_LENGTH


def canonical_url(request):
    """The page's address without its query string, for <link rel="canonical"> and Open Graph."""
    return {"canonical_url": request.build_absolute_uri(request.path)}


def urgent_help_signs(request):
    """The signs that need 999 and those that need help the same day, for the lists of the ask
    form, the urgent-help page and the "When to get urgent help" box on back-pain pages."""
    return {
        "emergency_signs": red_flags.emergency_signs,
        "other_urgent_signs": red_flags.other_urgent_signs,
    }


def search_box(request):
    """How much the search boxes (in every page's header, and the search page's) take."""
    return {"search_box_max_length": TYPED_MAX_LENGTH}
