"""Pages for condition factsheets."""

from django.shortcuts import get_object_or_404, render

from factsheets.models import Factsheet


def factsheet_index(request):
    return render(request, "factsheets/index.html", {"factsheets": Factsheet.objects.all()})


def factsheet_detail(request, slug):
    factsheet = get_object_or_404(Factsheet, slug=slug)
    return render(request, "factsheets/detail.html", {"factsheet": factsheet})
