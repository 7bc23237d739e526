"""Pages for condition factsheets: the A–Z index and one condition's page."""

from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from archive.caching import public_page
from factsheets.models import Factsheet


class IndexCrumb:
    """The A–Z index as a step of a factsheet's breadcrumb trail, which
    includes/breadcrumb.html draws from objects with a name and an address, as it draws a
    category's."""

    name = "Factsheets"

    def get_absolute_url(self):
        return reverse("factsheets:index")


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
            "trail": [IndexCrumb()],
            "questions": questions,
            "structured_data": factsheet.structured_data(url),
            "preview": preview,
        },
    )
