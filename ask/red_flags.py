"""Red-flag signs in back pain and sciatica: the one reviewed place for the rules.

A question shows a sign when the asker ticks its box on the form or when its words match one of
the sign's patterns. Either way the asker is shown the sign's advice at once and the question is
marked urgent for the editors.

Decisions a reviewer should know about:
- We err towards a false alarm. A false alarm costs an asker a paragraph of advice and an editor
  a look; a missed sign can cost someone the use of their legs or bladder.
- So negation is NOT parsed: "I have no fever" still shows the fever advice. Telling "no fever"
  from "no feeling down there" reliably is beyond word patterns.
- Everyday phrasing is kept out by the patterns themselves and by `ignore` patterns that remove
  known look-alikes (hay fever, fell asleep, slipped disc) before matching. Each rule's tests in
  tests/ask/test_red_flags.py list phrases that must and must not match; add to them with any change.
- The signs and advice follow the NHS pages on back pain, sciatica and cauda equina syndrome.
"""

import re
from dataclasses import dataclass, field

EMERGENCY = "Call 999 or go to A&E now."
URGENT = "Call NHS 111, or ask your GP surgery for an urgent appointment today."

# Phrases within one sentence: up to this many characters between the two halves of a sign.
NEAR = r"[^.!?\n]{0,40}?"

SENSATION_LOSS = (
    r"(numb\w*|tingl\w*|pins and needles|no feeling|no sensation|cannot feel|unable to feel"
    r"|(lost|loss of|losing|lack of|reduced|altered|strange) (feeling|sensation))"
)
SADDLE_AREA = (
    r"(genital\w*|groin|private (parts|area)|back passage|anus|anal|rectum|rectal|perine\w*"
    r"|between (my|the|your) (legs|thighs)|inner thighs?|vagina\w*|vulva|labia|penis|scrotum"
    r"|testicles?|bottom(?! of)|saddle)"
)
LEG_WEAKNESS = (
    r"(weak\w*|numb\w*|tingl\w*|pins and needles|no feeling|paralys\w*|giv(e|es|ing) way|gave way"
    r"|(lost|loss of|losing) (feeling|sensation|strength|power|the use)|cannot (feel|move|lift))"
)
QUICKLY = r"(quickly|rapidly|fast|by the (hour|day)|day by day|hour by hour)"


@dataclass(frozen=True)
class RedFlag:
    """One red-flag sign: its stable name (stored with submissions), the label shown beside its
    tick box and to editors, the advice shown to the asker, and the word patterns that show it."""

    name: str
    label: str
    advice: str
    patterns: tuple[str, ...]
    ignore: tuple[str, ...] = ()
    _compiled: tuple = field(init=False, repr=False, compare=False)

    def __post_init__(self):
        object.__setattr__(
            self,
            "_compiled",
            (
                [re.compile(p) for p in self.patterns],
                [re.compile(p) for p in self.ignore],
            ),
        )

    def matches(self, normalised_text):
        patterns, ignore = self._compiled
        for pattern in ignore:
            normalised_text = pattern.sub(" ", normalised_text)
        return any(pattern.search(normalised_text) for pattern in patterns)


RED_FLAGS = (
    RedFlag(
        name="saddle_numbness",
        label="Numbness or tingling around your genitals or back passage (bottom)",
        advice=f"{EMERGENCY} Numbness around the genitals or bottom can mean the nerves at the "
        "base of the spine are being squashed (cauda equina syndrome), which needs treating "
        "within hours.",
        patterns=(
            rf"\b{SENSATION_LOSS}\b{NEAR}\b{SADDLE_AREA}",
            rf"\b{SADDLE_AREA}\b{NEAR}\b{SENSATION_LOSS}",
            r"\bsaddle (area|region|numbness|anaesthesia|anesthesia)",
        ),
        ignore=(r"\b(bike|bicycle|horse|riding) saddle\b",),
    ),
    RedFlag(
        name="bladder_bowel",
        label="New trouble peeing, or you cannot control when you pee or poo",
        advice=f"{EMERGENCY} New bladder or bowel trouble with back pain can mean the nerves at "
        "the base of the spine are being squashed (cauda equina syndrome).",
        patterns=(
            r"\b(cannot|unable to|trouble|difficulty|problems?|struggl\w*( to)?|hard to|not able to)"
            r" (pee|peeing|wee|weeing|urinat\w*|pass(ing)? (urine|water)|empty (my )?bladder)\b",
            r"\b(lost|loss of|losing|lose|no|poor|cannot) control (of|over)? ?(my |the |when i )?"
            r"(bladder|bowels?|pee|wee|urine|poo|toilet)",
            r"\bcannot control (when|whether|if) i (pee|wee|poo|go)",
            r"\bincontinen\w*",
            r"\b(wet|wetting|soiled|soiling) (myself|the bed|my (pants|underwear|trousers))",
            r"\b(leak\w*|dribbl\w*) (urine|pee|wee)|\b(urine|pee|wee) leak\w*",
            r"\b(bladder|bowel)s? (problems?|trouble|issues?|changes?|dysfunction|accidents?)",
            r"\b(cannot|don't|do not) (feel|tell) (when|if) i (need|have) to (pee|wee|go|poo)",
            r"\b(urinary|urine) retention|\bretaining urine",
        ),
    ),
    RedFlag(
        name="both_legs",
        label="Weakness or numbness in both legs, or sciatica in both legs",
        advice=f"{EMERGENCY} Weakness or numbness in both legs can mean the spinal cord or the "
        "nerves at the base of the spine are being squashed.",
        patterns=(
            rf"\b{LEG_WEAKNESS}\b{NEAR}\bboth (of (my|the) )?(legs|feet)\b",
            rf"\bboth (of (my|the) )?(legs|feet)\b{NEAR}\b{LEG_WEAKNESS}",
            rf"\b{LEG_WEAKNESS}\b (in|of|down|to) (my |the |his |her )?legs\b",
            rf"\blegs\b (are|feel|feels|felt|have|keep|went|go|going|both)? ?(\w+ )?{LEG_WEAKNESS}",
            r"\b(sciatica|nerve pain|shooting pain)\W+(\w+\W+){0,3}?(both (legs|sides)|each leg)",
            r"\bbilateral sciatica",
        ),
    ),
    RedFlag(
        name="rapidly_worsening",
        label="Symptoms that are getting worse quickly",
        advice=f"{EMERGENCY} Pain, numbness or weakness that is getting worse quickly needs to be "
        "seen by a doctor today.",
        patterns=(
            rf"\b(getting|got|gotten|become|becoming|became|gone|going|gets|get) (much |a lot |far "
            rf"|even )?worse (very |so |really )?{QUICKLY}",
            r"\b(getting|got|gotten|becoming|became|gone|going|gets) (very |so )?"
            r"(quickly|rapidly|suddenly) (much |a lot |far )?worse",
            r"\b(quickly|rapidly|suddenly) (getting |got |gotten |become |becoming |gone |much "
            r"|far |a lot )*worse",
            r"\b(rapid(ly)?|quick(ly)?|fast) deteriorat\w*|\bdeteriorat\w* (rapidly|quickly|fast)",
        ),
    ),
    RedFlag(
        name="fever",
        label="A high temperature (fever), or feeling hot and shivery, with your back pain",
        advice=f"{URGENT} Back pain with a fever can be a sign of an infection.",
        patterns=(
            r"\bfever(s|ish)?\b",
            r"\b(a|have|has|had|got|with|running) (very |slightly )?(high|raised) temperature",
            r"\b(running|have|has|had|got) a temperature",
            r"\btemp(erature)? (of |is |was )?(3[89]|4[01])\b",
            r"\b(3[89]|4[01])(\.\d)? ?(°|degrees)",
            r"\bhot and (cold|shivery)|\bshivery\b",
        ),
        ignore=(r"\b(hay|cabin|glandular|scarlet) fever\b", r"\bfever pitch\b"),
    ),
    RedFlag(
        name="fall_or_accident",
        label="Back pain that started after a fall, car accident or other injury",
        advice="If you were hurt in a serious accident, such as a car crash, call 999 or go to "
        "A&E now. After a fall or a smaller accident, call NHS 111, or ask your GP surgery for an "
        "urgent appointment today.",
        patterns=(
            r"\b(fell|fallen|falling|fall) (off|down|from|over|onto|backwards|forwards|out of"
            r"|heavily|awkwardly|hard|in the (bath|shower)|on (my|the|to|some|a|an) )",
            r"\b(a|my|the|bad|nasty|heavy|serious|recent) (fall|tumble)\b",
            r"\baccidents?\b",
            r"\b(crash|crashed|collision|whiplash|rear.ended)\b",
            r"\b(hit|knocked over|knocked down) by a (car|bus|van|lorry|truck|bike|cyclist|vehicle)",
            r"\b(slipped|tripped) (on|over|and|down|up)\b",
        ),
        ignore=(
            r"\b(fell|fall|falling|fallen) asleep\b",
            r"\b(fell|fall|falling|fallen) (pregnant|in love|ill|apart|through)\b",
            r"\b(in|this|last|next|since|during|until) the fall\b",
            r"\b(this|last|next) fall\b",
            r"\bby accident\b",
            r"\b(toilet|bladder|bowel) accidents?\b",
            r"\bfell on (a|the) (same )?(day|week|weekend|monday|tuesday|wednesday|thursday|friday"
            r"|saturday|sunday)\b",
        ),
    ),
)

BY_NAME = {flag.name: flag for flag in RED_FLAGS}
CHOICES = [(flag.name, flag.label) for flag in RED_FLAGS]


def normalise(text):
    """Lower case, plain apostrophes, one space between words, and "can't"/"can not"/"cant"
    written one way, so the patterns stay readable."""
    text = text.lower().replace("\u2019", "'").replace("\u2018", "'")
    text = re.sub(r"\b(can't|can not|cant)\b", "cannot", text)
    return re.sub(r"[ \t]+", " ", text)


def found_in(text):
    """Names of the signs whose patterns match `text`, in the order of RED_FLAGS."""
    normalised = normalise(text)
    return [flag.name for flag in RED_FLAGS if flag.matches(normalised)]


def flags_named(names):
    """The RedFlag for each known name, in the order of RED_FLAGS (unknown names are skipped)."""
    wanted = set(names)
    return [flag for flag in RED_FLAGS if flag.name in wanted]


def emergency_signs():
    """The signs whose advice is to call 999 now."""
    return [flag for flag in RED_FLAGS if flag.advice.startswith(EMERGENCY)]


def other_urgent_signs():
    """The signs that need same-day help but not an ambulance."""
    return [flag for flag in RED_FLAGS if not flag.advice.startswith(EMERGENCY)]
