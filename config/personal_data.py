"""What in a visitor's words looks like someone's personal data: the one test for what the site
neither counts nor lets any cache keep."""

import re

# Something like an e-mail address, or a phone or NHS number: digits with at most spaces, dots,
# dashes, plus signs or quotes between them ("07700 900123", "943-476-5919", '"07700" "900123"').
LOOKS_PERSONAL = re.compile(r"@|\d[\d\s\"'+.-]{5,}\d")


# A UK phone number ("07700 900123", "+44 7700 900123", "(020) 7946 0958") or an NHS number
# ("943 476 5919"): what a visitor may leave in a question, which publishing refuses. Stricter
# than LOOKS_PERSONAL, which only keeps pages out of caches and may take a year range or a
# dose ("2009-2016", "10 - 20 mg") for one.
PHONE_OR_NHS_NUMBER = re.compile(
    r"(?<![\w+-])(\+44[\s-]?(\(0\)\s?)?|\(?0)\d(\)?[\s-]?\d){8,9}(?![\w-])"
    r"|(?<![\w-])\d{3}[\s-]?\d{3}[\s-]?\d{4}(?![\w-])"
)


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
