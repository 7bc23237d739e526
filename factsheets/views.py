"""Pages for condition factsheets: the A–Z index and one condition's page."""

from django.shortcuts import get_object_or_404, render

from archive.caching import public_page
from factsheets.models import Factsheet


@public_page
def factsheet_index(request):
    return render(request, "factsheets/index.html", {"letters": Factsheet.objects.by_letter()})


@public_page
def factsheet_detail(request, slug):
    factsheet = get_object_or_404(Factsheet, slug=slug)
    return render_factsheet(request, factsheet, factsheet.published_questions())


def render_factsheet(request, factsheet, questions, preview=False):
    """The factsheet page; admin's preview renders unsaved edits through it too."""
    url = request.build_absolute_uri(factsheet.get_absolute_url())
    return render(
        request,
        "factsheets/detail.html",
        {
            "factsheet": factsheet,
            "questions": questions,
            "structured_data": factsheet.structured_data(url),
            "preview": preview,
        },
    )
