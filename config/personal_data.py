"""What in a visitor's words looks like someone's personal data: the one test for what the site
neither counts nor lets any cache keep."""

import re

# Something like an e-mail address, or a phone or NHS number: digits with at most spaces, dots,
# dashes, plus signs or quotes between them ("07700 900123", "943-476-5919", '"07700" "900123"').
LOOKS_PERSONAL = re.compile(r"@|\d[\d\s\"'+.-]{5,}\d")


def looks_personal(text):
    """True when `text` holds something like an e-mail address or a phone or NHS number: a
    visitor may type their own."""
    return bool(LOOKS_PERSONAL.search(text))


def asks_with_personal_data(request):
    """True when any query parameter of `request`, its name or a value, looks personal (a search,
    a title filter, or a made-up name that page links keep): the page shows it back, and no cache
    may keep it, nor answer it 304 as if it could."""
    return any(
        looks_personal(text) for name, values in request.GET.lists() for text in (name, *values)
    )
