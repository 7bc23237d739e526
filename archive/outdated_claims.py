"""Claims that archived answers and factsheets make and that the site knows are not true, or no
longer true: the one reviewed place for them.

The archive keeps its authors' words as they wrote them. A page that makes one of these claims
says, before them, what is known now and where that comes from, so that it never shows a claim
the site knows to be untrue without saying so. A claim is made when one sentence matches all of
its patterns; tests/archive/test_outdated_claims.py lists sentences that make each claim and
sentences that must not. Add to them with any change.

- NICE's 2009 guideline (CG88), on persistent non-specific low back pain and not sciatica, said
  to consider a course of up to ten sessions of acupuncture; it never called it safe and
  effective. Its 2016 guideline on low back pain and sciatica (NG59), which replaced it, says not
  to offer acupuncture for them (recommendation 1.2.8).
- That recommendation is also what the site knows of acupuncture for sciatica: a page saying
  acupuncture cures, heals, repairs or regenerates sciatica or the sciatic nerve, or is proven
  for it, says before it that NICE does not recommend acupuncture for sciatica, in the
  recommendation's own words and no more (they are not a finding that acupuncture cannot help, and
  say nothing of the nerve healing or regrowing).
- Acupuncture is not free of risk: with infections, a collapsed lung (pneumothorax) is the serious
  harm most often reported after it (Ernst, Lee and Choi, Pain 2011), and soreness, bruising and
  feeling faint or tired are common after a session.
- Acupuncture is not known to work better than other treatments for back pain or sciatica: NICE
  does not recommend it for them (NG59), and a sham-controlled trial for sciatica (216 people
  with long-lasting sciatica from a slipped disc, ten sessions) found leg pain eased more than
  after sham acupuncture, by 31 against 15 points out of 100 (Tu et al., JAMA Internal Medicine
  2024). A page calling acupuncture unrivalled, highly effective or the best treatment, or saying
  what it does best, says so before it, with both. A question ("is acupuncture very
  effective?") or a denial is no such claim, nor is "highly effective" said of another treatment
  or of "it", which may be one.
- How acupuncture might ease sciatica, by calming inflammation or changing the sciatic nerve's
  blood flow, has been seen in animals and not shown in people: in mice, electroacupuncture
  calmed inflammation that a bacterial toxin set off through the body (Liu et al., Nature 2021),
  and in animals a needle beside the spine raised the nerve's blood flow in some tests and
  lowered it or left it as it was in others (Inoue et al., Acupuncture in Medicine 2005). A page
  saying acupuncture reduces inflammation, or changes the sciatic nerve's blood flow, says so
  before it. Other things that reduce inflammation (ibuprofen, ice) are not the claim.
- A slipped disc does not slip out of place, so nothing puts it "back into place": part of the
  soft cushion between two bones of the spine bulges or pushes out, and it usually gets better
  slowly on its own (NHS, Slipped disc; patient.info, Slipped disc: "a disc does not actually
  slip").
- Feeling worse after a session does not always settle within a set time: the NHS lists worsening
  symptoms among acupuncture's mild, short-lived side effects, and an NHS pain clinic calls
  increased pain "usually temporary". A page promising that it always will ("in all cases this
  should stop after about 48 hours", "it will always settle within a day or two", "the pain will
  have subsided by the time you read this") says so before it, and, as the NHS's page on
  sciatica does, that pain that keeps getting worse needs a GP or NHS 111, and weakness or
  numbness in both legs, numbness around the genitals or bottom, or new trouble peeing or pooing
  needs 999. Saying that it usually settles, or to see a doctor if it does not, promises nothing.
"""

import re
from dataclasses import dataclass, field

# Sentences end at . ! or ?, or at a line break (factsheets' headings and list items).
SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")

# NICE's guideline on low back pain and sciatica, and its recommendation on acupuncture word for
# word: the notes that rely on it name and quote these rather than copies of their own.
NG59_ACUPUNCTURE = (
    "NICE guideline NG59, Low back pain and sciatica in over 16s (2016), recommendation 1.2.8"
)
NG59_ACUPUNCTURE_WORDS = (
    "Do not offer acupuncture for managing low back pain with or without sciatica."
)

# Pain or symptoms settling, as an intransitive verb: not "stop taking", "ease the pain".
SETTLES = (
    r"(stop(s|ped)?|settle[sd]?( down)?|subside[sd]?|pass(es|ed)?( off)?|ease[sd]?( off)?"
    r"|clear(s|ed)? up|calm(s|ed)? down|die[sd]? down|wears? off|worn off|disappear(s|ed)?"
    r"|resolve[sd]?|abate[sd]?|go(es)? (away|off)|gone( away| off)?)\b"
    r"(?!\s+(the|your|my|his|her|their|its|a|an|this|that|these|those|it|them|you|me|him|us"
    r"|pain|back|symptoms?|sciatica|into|\w+ing)\b)"
)

# A sentence that doubts or reports a claim: "no evidence that acupuncture repairs".
DOUBTED = (
    r"(?i)\b(no|little|weak|insufficient|not enough|not any) "
    r"(good |reliable |strong |real )?(evidence|proof)\b"
    r"|\b(unproven|whether|doubts|doubtful)\b|\bclaims? that\b",
)


@dataclass(frozen=True)
class OutdatedClaim:
    """A claim the site knows is no longer true: the patterns one sentence must all match to
    make it, what readers are told instead, and where that comes from."""

    name: str
    patterns: tuple[str, ...]
    now: str
    source: str
    # A sentence matching one of these tells the change itself ("NICE used to recommend").
    unless: tuple[str, ...] = ()
    _compiled: tuple = field(init=False, repr=False, compare=False)

    def __post_init__(self):
        compiled = ([re.compile(p) for p in self.patterns], [re.compile(p) for p in self.unless])
        object.__setattr__(self, "_compiled", compiled)

    @property
    def headline(self):
        """The first sentence of what readers are told: enough beside a search result."""
        return SENTENCE_END.split(self.now, maxsplit=1)[0]

    def may_be_made_in(self, text):
        """False when some pattern matches nowhere in `text`, so no sentence of it makes the
        claim: one pass over the text instead of one per sentence."""
        patterns, _ = self._compiled
        return all(p.search(text) for p in patterns)

    def is_made_in(self, sentence):
        _, unless = self._compiled
        return self.may_be_made_in(sentence) and not any(p.search(sentence) for p in unless)


OUTDATED_CLAIMS = (
    OutdatedClaim(
        name="nice_recommends_acupuncture",
        patterns=(
            # Case matters: "NICE" or "Nice recommends", not a nice practitioner.
            r"\b(NICE|National Institute for (Health and )?(Clinical|Care) Excellence"
            r"|Nice (recommends|guidelines?|guidance))\b",
            r"(?i)\b(recommend\w*|accepted|includ\w*|offer\w*|advis\w*|approv\w*|endors\w*"
            r"|backed)\b",
            r"(?i)\b(acupuncture|sessions?|treatments?)\b",
        ),
        # The 2009 guideline covered persistent non-specific low back pain only, not sciatica, and
        # said to "consider" acupuncture: the note may not suggest more.
        now="NICE does not recommend acupuncture for low back pain or sciatica. Its guideline "
        "of 2016 says not to offer acupuncture for them. It replaced a guideline of 2009 on "
        "persistent low back pain without sciatica, which said to consider a course of up to "
        "ten sessions.",
        source=NG59_ACUPUNCTURE,
        unless=(
            r"(?i)\b(used to|until recently|no longer|stopped|withdr[ae]wn?|previously)\b"
            # What NICE says now: "NICE says do not offer acupuncture".
            r"|\b(do not|don't|not to|never) offer\b|\b(advises?|recommends?) against\b"
            r"|\b(does not|doesn't|do not|don't) recommend\b",
        ),
    ),
    OutdatedClaim(
        name="acupuncture_heals_sciatica",
        patterns=(
            r"(?i)\b(sciatica|sciatic nerves?|nerve inflammation)\b",
            r"(?im)"
            # Acupuncture as the one doing it: "acupuncture cures sciatica", not "acupuncture
            # cannot cure it", "acupuncture eases the pain while the nerve heals".
            r"\bacupuncture (treatment )?(can |will |may |often |usually |really |actually )?"
            r"(cures?|heals?|repairs?|regenerates?|reverses?|gets? rid of) (\w+ ){0,3}?"
            r"(sciatica|sciatic nerves?)\b"
            r"|\bacupuncture (treatment )?(is|has been) (clinically |scientifically )?proven\b"
            # A list item under "How does acupuncture work?" has no subject of its own.
            r"|(^|[.!?]\s+)[-\u2022*\s]*((it|this|acupuncture|treatment|needling) )?"
            r"((also|can|may|even|actually|helps?( to)?) )?"
            r"(promotes?|stimulates?|encourages?|speeds? up|accelerates?|enhances?|aids?) "
            r"(the )?(regeneration|regrowth|repair) of (the |a )?(damaged |injured )?"
            r"sciatic nerves?\b",
        ),
        # The recommendation's words, no more: they are not a finding that acupuncture cannot
        # help sciatica, and say nothing of the nerve healing or regrowing.
        now=f"NICE does not recommend acupuncture for sciatica. Its guideline of 2016 on low back "
        f"pain and sciatica says: \u201c{NG59_ACUPUNCTURE_WORDS}\u201d",
        source=NG59_ACUPUNCTURE,
        unless=DOUBTED,
    ),
    OutdatedClaim(
        name="free_of_risk",
        patterns=(
            r"(?i)\b(without (any )?(harmful )?(risks?|side[ -]effects)"
            r"|no (known )?(harmful )?(risks?|side[ -]effects)"
            # Also where a title cut the sentence short ("should have no harmful…").
            r"|no (known )?harmful(?=…| (\w+ )?effects)"
            r"|free (from|of) (any )?(harmful )?(risks?|side[ -]effects)"
            r"|(completely|totally|perfectly|entirely|100%) (safe|harmless)|risk[ -]free"
            r"|(cannot|can't|can not|will not|won't) do (you )?any harm|can do (you )?no harm"
            # "Harmless" of the treatment itself, not of a bruise it left.
            r"|(acupuncture|treatment|needles?|needling) (is|are) (?!not\b|never\b)(\w+ )?harmless"
            r")\b",
        ),
        now="Acupuncture is not free of risk or side effects. Soreness, bruising and feeling "
        "faint or tired are common after a session, and, rarely, a needle causes an infection or "
        "a collapsed lung.",
        source="Ernst, Lee and Choi, Acupuncture: does it alleviate pain and are there serious "
        "risks? A review of reviews, Pain 2011",
    ),
    OutdatedClaim(
        name="works_best",
        patterns=(
            r"(?i)\bacupuncture (treatment )?(is|are|has been|can be|was) (\w+ ){0,2}?"
            r"(unrivall?ed|unsurpassed|unbeatable"
            r"|(highly|very|extremely|remarkably|incredibly|hugely|amazingly) effective"
            r"|the (most effective|best) (treatment|cure|therapy))\b"
            r"|\bwhat acupuncture does best\b",
        ),
        now="Acupuncture is not known to work better than other treatments for back pain or "
        "sciatica. NICE does not recommend it for them. In a trial of 216 people with "
        "long-lasting sciatica from a slipped disc, leg pain eased more after ten sessions of "
        "acupuncture than after sham acupuncture: by 31 against 15 points out of 100, four weeks "
        "on.",
        source=f"{NG59_ACUPUNCTURE}; Tu et al., Acupuncture vs sham acupuncture for chronic "
        "sciatica from herniated disk, JAMA Internal Medicine 2024",
        # A question, or a denial: "acupuncture is not very effective for everyone".
        unless=(*DOUBTED, r"\?", r"(?i)\b(not|isn't|aren't|never|no longer)\b"),
    ),
    OutdatedClaim(
        name="mechanism_seen_in_animals",
        patterns=(
            r"(?im)"
            # Acupuncture as the one doing it, or a list item under "How acupuncture may help"
            # with no subject of its own ("- reduces pain and inflammation"); not ibuprofen or ice.
            r"(^|[.!?]\s+)[-\u2022*\s]*((acupuncture|needling|treatment)(:\s*|\s+))?"
            r"((also|can|may|will|helps?( to)?) )?("
            r"(reduces?|relieves?|eases?|calms?|lowers?|fights?|gets? rid of) (\w+ and )?(the )?"
            r"inflammation"
            r"|(causes?|brings?( about)?|makes?) changes? in (the )?sciatic nerve('?s)? blood flow"
            r"|(increases?|improves?|boosts?|changes?) (the )?(blood (flow|supply)|circulation) "
            r"(to|in|of) (the )?sciatic nerves?"
            r")\b"
            r"|\bacupuncture (is|has) (an? )?(\w+ )?anti-?inflammatory\b",
        ),
        now="How acupuncture might ease sciatica, by calming inflammation or changing the blood "
        "flow in the sciatic nerve, has been seen in animals, not shown in people. In mice, "
        "electroacupuncture calmed inflammation that a bacterial toxin set off through the body. "
        "In animals, a needle beside the spine raised the blood flow in the sciatic nerve in some "
        "tests, and lowered it or left it as it was in others.",
        source="Liu et al., A neuroanatomical basis for electroacupuncture to drive the "
        "vagal-adrenal axis, Nature 2021 (in mice); Inoue et al., Effects of lumbar acupuncture "
        "stimulation on blood flow to the sciatic nerve trunk, Acupuncture in Medicine 2005",
        # Or one that says where it was seen ("in rats, acupuncture reduced inflammation").
        unless=(*DOUBTED, r"(?i)\bin (rats|mice|animals)\b"),
    ),
    OutdatedClaim(
        name="disc_back_into_place",
        patterns=(r"(?i)\bdiscs?\b[^.!?;]{0,40}?\bback (in|into) (place|position|alignment)\b",),
        now="A slipped disc has not slipped out of place, and acupuncture cannot put it back: "
        "part of the soft cushion between two bones of the spine bulges or pushes out. It "
        "usually gets better slowly, with rest, gentle exercise and painkillers.",
        source="NHS, Slipped disc (nhs.uk/conditions/slipped-disc)",
    ),
    OutdatedClaim(
        name="worse_always_settles",
        patterns=(
            r"(?i)"
            # A certainty, beside a verb of settling: "in all cases this should stop", "it will
            # always settle", "is guaranteed to pass", "never lasts longer than".
            r"(\bin (all|every) cases?\b,?(\s+\w+){0,4}?"
            r"|\b(always|definitely|certainly|invariably|guaranteed to)(\s+(have|be))?)"
            rf"\s+{SETTLES}"
            r"|\bnever (lasts?|persists?|continues?|goes on)( for)? (any )?(more|longer) than\b"
            # What will have happened by the time the answer is read: "the paim [sic, as the
            # seed's author typed it] will have subsided considerably".
            r"|\b(pai[nm]|symptoms?|soreness|aches?|aching|discomfort|stiffness|sciatica"
            r"|flare[- ]?ups?|reactions?|worsening|it|this|that|they)\b"
            # A few words between ("the pain in your leg"), none of them the reader or the panel.
            r"(\s+(?!(you|we|I)\b)\w+){0,3}?"
            rf"\s+will (all )?have( completely| largely)?\s+{SETTLES}",
            # Within a set time.
            r"(?i)\b(hours?|hrs|days?|weeks?|overnight|tomorrow|by (now|then)"
            r"|by the time (you|they) (read|get|see) (this|these))\b",
        ),
        now="Feeling worse for a short time after a session of acupuncture usually passes, but "
        "not always. The NHS lists worsening symptoms among acupuncture's mild, short-lived side "
        "effects. Pain that keeps getting worse needs a GP or NHS 111; weakness or numbness in "
        "both legs, numbness around the genitals or bottom, or new trouble peeing or pooing "
        "needs 999 or A&E now.",
        source="NHS, Acupuncture (nhs.uk/conditions/acupuncture); North Bristol NHS Trust, "
        "Acupuncture for pain relief (possible side effects: \u201cIncreased pain (usually "
        "temporary)\u201d); NHS, Sciatica (nhs.uk/conditions/sciatica)",
        # A condition ("if it has not settled in 48 hours"), a denial ("does not always settle"),
        # a hedge ("almost always", "hopefully") or a question promises nothing.
        unless=(
            *DOUBTED,
            r"(?i)\b(if|unless|not|almost|nearly|virtually|usually|normally|generally|mostly"
            r"|probably|likely|hope|hopefully)\b|n't\b|\?",
        ),
    ),
)


def found_in(*texts):
    """The OutdatedClaims that any sentence of `texts` makes, in the order of OUTDATED_CLAIMS."""
    whole = "\n".join(text for text in texts if text)
    candidates = [claim for claim in OUTDATED_CLAIMS if claim.may_be_made_in(whole)]
    if not candidates:
        return []
    sentences = [s for s in SENTENCE_END.split(whole) if s]
    return [claim for claim in candidates if any(claim.is_made_in(s) for s in sentences)]
