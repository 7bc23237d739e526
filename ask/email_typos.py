"""Mistyped domains of common mail addresses: a question sent with one would send its receipt,
and later the panel's answer, to a stranger or nowhere. Four kinds are caught, each put right to
the common domain meant:

- a near miss, a slip or two of the keys: "jane@gmial.com", "jane@yahoo.co.ukk";
- the ending left off, or its dot left out or typed as a comma: "jane@gmail", "jane@yahoo.",
  "jane@gmailcom", "jane@hotmailcouk", "jane@gmail,com" (addresses no mail can be sent to);
- an ending doubled, or a stray one added: "jane@gmail.com.com", "jane@gmail.comcom",
  "jane@hotmail.co.uk.com", "jane@gmail.com.uk";
- a domain typed for a common one that is not that service's: "jane@gmail.co.uk".

Any other domain is left as typed: a company's own, and other countries' real ones
("hotmail.ca", "yahoo.com.au")."""

# Only mistypings of the common mail domains are questioned, never any other domain: a company's
# own is as it was typed. A domain that keeps turning up mistyped in the "E-mail not delivered"
# list is one to add there.
from config.personal_data import COMMON_MAIL_DOMAINS

# Domains askers type for a common one that are not that service's at all: Google's
# consumer mail is gmail.com and googlemail.com only, in every country. Only a domain known not
# to be the service's belongs here: hotmail.co.uk, yahoo.co.uk and live.co.uk are real.
NOT_THE_SERVICES = {"gmail.co.uk": "gmail.com"}

# The endings of COMMON_MAIL_DOMAINS, for putting back a dot left out ("gmailcom").
ENDINGS = tuple(dict.fromkeys(domain.partition(".")[2] for domain in COMMON_MAIL_DOMAINS))


def suggestion(address):
    """`address` with its domain put right when the domain is a mistyped common one (of one of
    the module docstring's kinds), else None. The part before the "@" is kept as typed."""
    local, _, typed = address.rpartition("@")
    typed = typed.lower()
    if not local or typed in COMMON_MAIL_DOMAINS:
        return None
    meant = _meant(_tidied(typed))
    return f"{local}@{meant}" if meant else None


def _meant(domain):
    """The common domain `domain` (tidied) was typed for, else None: the domain itself once
    tidied, the service's for one that is not ("gmail.co.uk"), the nearest, or the one it
    begins with before a stray ending."""
    if domain in COMMON_MAIL_DOMAINS:
        return domain
    return NOT_THE_SERVICES.get(domain) or _nearest(domain) or _before_stray_ending(domain)


def _tidied(domain):
    """`domain` with what no domain has put as meant: a comma for a dot ("gmail,com"), no dot at
    either end ("yahoo.", "gmail.com."), and, when it has no dot at all, the dot put back before
    a common ending ("gmailcom", "hotmailcouk"). A domain mail can be sent to is unchanged."""
    domain = domain.replace(",", ".").strip(".")
    if "." not in domain:
        for ending in ENDINGS:
            run_on = ending.replace(".", "")
            if domain.endswith(run_on) and len(domain) > len(run_on):
                return f"{domain[: -len(run_on)]}.{ending}"
    return domain


def _nearest(domain):
    """The one of COMMON_MAIL_DOMAINS that `domain` is a near miss of (the nearest, the first listed
    of equals), else None."""
    misses = [(_slips(domain, common), common) for common in COMMON_MAIL_DOMAINS]
    misses = [miss for miss in misses if miss[0] is not None]
    return min(misses, key=lambda miss: miss[0])[1] if misses else None


def _before_stray_ending(domain):
    """The one of COMMON_MAIL_DOMAINS that `domain` begins with, when all that follows is an ending
    no mail service adds there, else None: its own again ("gmail.com.com", "gmail.comcom"),
    ".com" ("hotmail.co.uk.com"), or ".uk" after ".com" ("gmail.com.uk": com.uk is no UK
    ending). Never another country's ending after ".com": yahoo.com.au, hotmail.com.ar are real."""
    for common in COMMON_MAIL_DOMAINS:
        ending = common.partition(".")[2]
        strays = {f".{ending}", ending, ".com"} | ({".uk"} if ending == "com" else set())
        if domain.startswith(common) and domain[len(common) :] in strays:
            return common
    return None


def _slips(domain, common):
    """How many slips of the keys make `common` into `domain`, if few enough to be a near miss,
    else None. Its name ("gmail") may take one slip when five or six letters long, two when
    longer, none when shorter: a slip in "me" or "sky" gives other real domains (ge.com, ski.com).
    Its ending ("com", "co.uk") may take one: "co.ukk", "con", "co"; two would turn "com" into
    real ones of other countries ("hotmail.ca", "yahoo.co.in"). An ending left off ("gmail", no
    dot at all, which is no one's domain) counts as one. A first letter slips rarely, and a name
    changed there is more often another real domain (mail.com, ymail.com, cloud.com)."""
    name, _, ending = domain.partition(".")
    common_name, _, common_ending = common.partition(".")
    name_slips = _edits(name, common_name)
    allowed = 0 if len(common_name) < 5 else 1 if len(common_name) < 7 else 2
    if name_slips > allowed or (name_slips and name[:1] != common_name[:1]):
        return None
    ending_slips = _edits(ending, common_ending) if ending else 1
    slips = name_slips + ending_slips
    return slips if ending_slips <= 1 and slips <= 2 else None


def _edits(typed, meant):
    """The fewest letters added, dropped or changed, or neighbours swapped ("gmial"), that make
    `meant` into `typed` (the optimal string alignment distance)."""
    before, above = None, list(range(len(meant) + 1))
    for i, letter in enumerate(typed, 1):
        row = [i]
        for j, other in enumerate(meant, 1):
            cost = min(above[j] + 1, row[j - 1] + 1, above[j - 1] + (letter != other))
            if i > 1 and j > 1 and letter == meant[j - 2] and typed[i - 2] == other:
                cost = min(cost, before[j - 2] + 1)
            row.append(cost)
        before, above = above, row
    return above[-1]
