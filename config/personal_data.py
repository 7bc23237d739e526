"""What in a visitor's words looks like someone's personal data: the one test for what the site
neither counts nor lets any cache keep, and the one for what no public Q&A may say."""

import re
import unicodedata
from functools import wraps

# The domains most askers' addresses are at: the big webmail services, the largest UK internet
# providers and NHSmail (nhs.net), chosen by hand. The ask form questions mistypings of these
# (ask.email_typos); publishing takes one written after " at " for an address's domain.
COMMON_MAIL_DOMAINS = (
    "gmail.com",
    "googlemail.com",
    "hotmail.com",
    "hotmail.co.uk",
    "outlook.com",
    "live.com",
    "live.co.uk",
    "yahoo.com",
    "yahoo.co.uk",
    "icloud.com",
    "me.com",
    "aol.com",
    "btinternet.com",
    "sky.com",
    "virginmedia.com",
    "talktalk.net",
    "nhs.net",
    "protonmail.com",
    "proton.me",
    "msn.com",
)

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


# An e-mail address written so that no "@" shows, as askers do to dodge spam: "j dot doe at
# example dot com", "jdoe (at) gmail (dot) com", "jdoe at gmail.com". Only with a domain that ends
# as an address's does ("com", "co.uk", "org", "net", ...), so "I looked at the dot on the chart"
# is no address; "at work dot com" would be one.
_AT = r"(?:\s*(?P<bracketed>[(\[{<]\s*at\s*[)\]}>])\s*|\s+at\s+)"
_DOT = r"(?:\s*[(\[{<]\s*dot\s*[)\]}>]\s*|\s+dot\s+|\.)"
SPELLED_OUT_ADDRESS = re.compile(
    rf"(?P<local>[\w.+-]+){_AT}(?P<domain>(?:[\w-]+{_DOT})+"
    r"(?:com|net|org|uk|ie|eu|info|biz|me|io|edu|gov|au|ca|nz|de|fr|nl|es))(?![\w-])",
    re.IGNORECASE,
)

# A UK postcode ("LS1 4AB", "SW1A 1AA", "m1 1ae"; "LS14AB" without its space only in capitals,
# as "ca4c6bf" is a commit's id), in the letters the Royal Mail uses: its inward part is a digit
# and two letters, so vertebrae ("L4 5S1", "L5 S1", "C5 C6", "T12 L1") are none, nor a dose
# ("B12 5mg": no inward part has an M), nor an ordinal ("L4 2nd").
_OUTWARD = r"[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]?"
_INWARD = r"(?!\d(?-i:st|nd|rd|th)\b)\d[ABD-HJLNP-UW-Z]{2}"
POSTCODE = re.compile(rf"(?<![\w-])(?:(?i:{_OUTWARD}\s{_INWARD})|{_OUTWARD}{_INWARD})(?![\w-])")

# Words after a number that make it a dose, a time or a count ("2 weeks", "10 sessions", "3
# times"), or that no street's name has ("ward 5 at St Mary's", "3 days to Close"): such a number
# starts no home address.
_NOT_A_STREETS_NAME = (
    r"(?i:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|wks?|months?|years?|yrs?|times?"
    r"|sessions?|treatments?|visits?|needles?|points?|tablets?|capsules?|doses?|drops?|units?"
    r"|mg|mcg|g|ml|kg|cm|mm|km|miles?|inch(?:es)?|feet|foot|ft|cups?|glasses|sets?|reps?|am|pm"
    r"|more|or|and|at|in|on|to|of|the|a|an|for|from|by|with|per|each|every|my|your|his|her"
    r"|their|its)(?![\w'-])"
)
_WORD = rf"(?!{_NOT_A_STREETS_NAME})[A-Za-z][A-Za-z'-]*"
# A home address: a house number, a word or two and a street's ending ("12 High Street", "45
# park road", "7 Elm Close", "12a St Mary's Rd"), or a flat ("Flat 3", "apartment 12b"). Endings
# that are everyday words too ("close", "way", "place") count only with a capital.
HOME_ADDRESS = re.compile(
    rf"(?<![\w.,:/-])\d{{1,4}}[A-Za-z]?(?: +{_WORD}){{1,2}} +"
    r"(?:(?i:street|road|avenue)|Crescent|Gardens|Terrace|Grove|Lane|Close|Drive|Way|Place"
    r"|Court|St|Rd|Ave)(?![\w-])"
    rf"|(?<!\w)(?i:flat|apartment) +\d{{1,4}}[A-Za-z]?(?![\w-])(?! +{_NOT_A_STREETS_NAME})"
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


def personal_data_in(text, *, name="", email=""):
    """What `text`, bound for a public Q&A, holds of someone's personal data, each kind found in
    words for the editor ("an e-mail address", "a home address and a postcode"), or "": the
    e-mail address `email` of the asker it came from, any e-mail address, typed or spelled out,
    a phone or NHS number, a home address, a postcode, or the asker's `name` (`names`). What one
    kind finds is taken out before the next looks, so an address is not named twice (an address
    "Ann.Example@…" is not also the name "Ann")."""
    # "(?!)" finds nothing: no address of the asker's is kept.
    askers_address = re.compile(re.escape(email) if email else "(?!)", re.IGNORECASE)
    found = []
    for kind, matches in (
        ("the asker's e-mail address", askers_address.finditer),
        ("an e-mail address", EMAIL_ADDRESS.finditer),
        ("an e-mail address spelled out", _spelled_out_addresses),
        ("a phone or NHS number", PHONE_OR_NHS_NUMBER.finditer),
        ("a home address", HOME_ADDRESS.finditer),
        ("a postcode", POSTCODE.finditer),
    ):
        spans = [match.span() for match in matches(text)]
        if spans:
            found.append(kind)
            for start, end in reversed(spans):
                text = f"{text[:start]} {text[end:]}"
    if names(text, name):
        found.append("the asker's name")
    if len(found) > 1:
        return f"{', '.join(found[:-1])} and {found[-1]}"
    return "".join(found)


# Words that say an address follows: "e-mail jdoe at example.com", "my email is …", "write to …",
# "contact …" (up to a few words before it, in the same sentence).
_ADDRESS_FOLLOWS = re.compile(
    r"\b(?:e-?mail|mail|write to|contact|reach|message|address)\b[^.!?,;\n]{0,16}$", re.IGNORECASE
)


def _spelled_out_addresses(text):
    """The e-mail addresses in `text` written so that no "@" shows (SPELLED_OUT_ADDRESS). One
    written with a plain " at " and real dots only ("jdoe at gmail.com") counts only at a common
    mail service (COMMON_MAIL_DOMAINS), after a name that looks like an address's ("j.doe", "jdoe85")
    or after "me", "us", "him", "her" or "them", or after words that say an address follows ("my
    email is jdoe at example.com"): "read more at nhs.uk" is a sentence."""
    for match in SPELLED_OUT_ADDRESS.finditer(text):
        local, domain = match["local"].lower(), match["domain"].lower()
        if (
            match["bracketed"]
            or re.search(r"\bdot\b", domain)
            or domain in COMMON_MAIL_DOMAINS
            or re.search(r"\w[._+-]\w|[^\W\d]\d", local)
            or local in ("me", "us", "him", "her", "them")
            or _ADDRESS_FOLLOWS.search(text, 0, match.start())
        ):
            yield match


def names(text, name):
    """Whether `text` names the asker: their full name in any case, or a word of it of three
    letters or more written as a name. Many names are words too ("Will", "Grace", "Back"), so a
    word alone counts only with its capital and where a sentence does not start, or with "'s",
    a possessive "s" or a comma after it: "Dear Will," "Grace's pain" and "Zoes question", not
    "it will ease" or "Back pain...". Accents count for nothing either way: "Zoe" names "Zoë"."""
    text, name = without_accents(text), without_accents(name).strip()
    if name and re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text, re.I):
        return True
    for word in re.findall(r"[^\W\d_]{3,}", name):
        pattern = rf"(?<!\w){re.escape(word.capitalize())}(?P<possessive>s)?(?!\w)"
        for found in re.finditer(pattern, text):
            before, after = text[: found.start()].rstrip(), text[found.end() :]
            if (
                found["possessive"]
                or after.startswith(("'s", "\u2019s", ","))
                or before
                and before[-1] not in '.!?:"\u201c('
            ):
                return True
    return False


def without_accents(text):
    """`text` with its letters' accents taken off ("Zoë" → "Zoe", "Séan" → "Sean")."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(letter for letter in decomposed if not unicodedata.combining(letter))


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
