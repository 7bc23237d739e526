"""What in a visitor's words looks like someone's personal data: the one test for what the site
neither counts nor lets any cache keep, and the one for what no public Q&A may say."""

import re
from functools import wraps

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


# Anything that looks like an e-mail address, in whatever form: as typed, with its domain
# IDNA-encoded by smtplib (carl@xn--bcher-kva.de), inside <> or quotes. Deliberately loose:
# what it keeps out of the log or the archive is worth more than a word it catches by mistake.
# It cannot see a quoted local part ("z,q"@example.org) or the part before an apostrophe
# (o'quimby@…) as part of an address: a mail server's error about a known recipient goes
# through `ask.models.without_address` instead.
EMAIL_ADDRESS = re.compile(r"[^\s@<>()\[\]{}'\",;:]+@[^\s@<>()\[\]{}'\",;:]+")


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


def personal_data_in(text, *, name="", email=""):
    """What `text`, bound for a public Q&A, holds of someone's personal data, in words for the
    editor ("an e-mail address"), or "": the e-mail address `email` of the asker it came from, any
    e-mail address, a phone or NHS number, or the asker's `name` (`names`)."""
    if email and email.lower() in text.lower():
        return "the asker's e-mail address"
    if EMAIL_ADDRESS.search(text):
        return "an e-mail address"
    if PHONE_OR_NHS_NUMBER.search(text):
        return "a phone or NHS number"
    if names(text, name):
        return "the asker's name"
    return ""


def names(text, name):
    """Whether `text` names the asker: their full name in any case, or a word of it of three
    letters or more written as a name. Many names are words too ("Will", "Grace", "Back"), so a
    word alone counts only with its capital and where a sentence does not start, or with "'s"
    or a comma after it: "Dear Will," and "Grace's pain", not "it will ease" or "Back pain..."."""
    if name.strip() and re.search(rf"(?<!\w){re.escape(name.strip())}(?!\w)", text, re.I):
        return True
    for word in re.findall(r"[^\W\d_]{3,}", name):
        for found in re.finditer(rf"(?<!\w){re.escape(word.capitalize())}(?!\w)", text):
            before, after = text[: found.start()].rstrip(), text[found.end() :]
            if (
                after.startswith(("'s", "\u2019s", ","))
                or before
                and before[-1] not in '.!?:"\u201c('
            ):
                return True
    return False


def sends_no_referrer(view):
    """For a view whose address holds what a visitor typed (search words, a title filter) or an
    asker's link token: its page is sent `Referrer-Policy: no-referrer`, so the links followed
    from it carry no `Referer` naming that address, which a proxy's or a CDN's log of the next
    request would keep. The site-wide policy (`same-origin`) sends the whole address to the
    site's own pages. Only for pages with no form Django's CSRF check guards: a browser sends
    such a form from such a page with `Origin: null`, which that check refuses."""

    @wraps(view)
    def without_referrer(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response["Referrer-Policy"] = "no-referrer"
        return response

    return without_referrer
