"""Near misses of common mail domains ("jane@gmial.com"): a question sent with one would send its
receipt, and later the panel's answer, to a stranger or nowhere."""

# The domains most askers' addresses are at: the big webmail services, the largest UK internet
# providers and NHSmail (nhs.net), chosen by hand. Only near misses of these are questioned, never
# any other domain: a company's own is as it was typed. A domain that keeps turning up mistyped
# in the "E-mail not delivered" list is one to add here.
COMMON_DOMAINS = (
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


def suggestion(address):
    """`address` with its domain put right when the domain is a near miss of one of
    COMMON_DOMAINS (the nearest, the first listed of equals), else None."""
    local, _, domain = address.rpartition("@")
    domain = domain.lower()
    if not local or domain in COMMON_DOMAINS:
        return None
    misses = [(_slips(domain, common), common) for common in COMMON_DOMAINS]
    misses = [miss for miss in misses if miss[0] is not None]
    return f"{local}@{min(misses, key=lambda miss: miss[0])[1]}" if misses else None


def _slips(domain, common):
    """How many slips of the keys make `common` into `domain`, if few enough to be a near miss,
    else None. Its name ("gmail") may take one slip when five or six letters long, two when
    longer, none when shorter: a slip in "me" or "sky" gives other real domains (ge.com, ski.com).
    Its ending ("com", "co.uk") may take one: "co.ukk", "con", "co"; two would turn "com" into
    real ones of other countries ("hotmail.ca", "yahoo.co.in"). A first letter slips rarely, and
    a name changed there is more often another real domain (mail.com, ymail.com, cloud.com)."""
    name, _, ending = domain.partition(".")
    common_name, _, common_ending = common.partition(".")
    name_slips = _edits(name, common_name)
    allowed = 0 if len(common_name) < 5 else 1 if len(common_name) < 7 else 2
    if name_slips > allowed or (name_slips and name[:1] != common_name[:1]):
        return None
    ending_slips = _edits(ending, common_ending)
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
