"""The words of an answer that go against the urgent advice of a warning sign its question shows
(archive.red_flags): those that tell the reader not to worry, or to wait, and those that tell them
not to get help. Every page, feed entry and e-mail that gives such an answer gives the advice
first; these decide what an editor must change, or confirm, before the answer goes out."""

import re

from archive import red_flags

# Words of an answer that tell its asker not to worry, or to wait. Under the advice of a warning
# sign their question showed ("Call 999 or go to A&E now"), which comes first in every e-mail and
# page that gives the answer, they read as leave not to follow it; so such an answer goes to no
# asker and into no archive until its editor confirms it tells the asker to follow that advice.
# Kept short on purpose: it asks an editor to look again, not to judge an answer, and the note
# before every such answer ("where this answer says not to worry, or to wait…") meets whatever
# it misses. Everyday words that are no leave to wait stay out: "normal activities", "not
# normal", "abnormal", "a waiting list", "do not wait a few days", "pass urine", "common sense".
REASSURANCE = re.compile(
    r"(?<!\bnot )(?<!n't )(?<!\bnot a )\bnormal\b(?! (activit|daily|routine|life|duties))"
    r"|\b(nothing to|no need to|no reason to|don't|do not|not to) (worry|panic|fret|be (worried"
    r"|alarmed|concerned|scared|frightened))\b"
    r"|\bnothing to (be )?(worried|concerned|alarmed|scared|frightened) (about|by)\b"
    r"|\bno (cause|reason|need) for (concern|alarm|worry|panic)\b"
    r"|(?<!\bnot )(?<!n't )(?<!\bnot a )(?<!n't a )\b(a )?(positive|good|healthy|encouraging) sign\b"
    r"|\b(perfectly|completely|absolutely|totally|quite) (fine|safe|harmless|ok|okay|expected)\b"
    r"|\b(you'll|you will) be (fine|ok|okay|all right|alright)\b"
    r"|\b(is|are|it's|that's) (usually |generally |completely |quite )?(harmless|nothing serious)\b"
    r"|(?<!\bnot )(?<!n't )\bwait(ing)? (and see|(for )?(a|a few|a couple of|several|some|\d+|one|"
    r"two|three) (days?|weeks?|months?))\b"
    r"|\b(will|\w+'ll|should|usually|normally|often|tends? to) (?!not\b|never\b)(\w+ )?(settle[sd]?|"
    r"pass(es)?|go(es)? away|wears? off|clears? up|clears?|eases? off|subsides?|dies? down"
    r"|calms? down|resolves?|gets? better|disappears?)\b(?! (out|urine|water|wind|stools?)\b)"
    r"|\bgive (it|this|them) (\w+ ){0,2}time\b"
    r"|\b(this|that|it)( is|'s) (very |quite |fairly |really )?(a )?common\b(?! sense)",
    re.IGNORECASE,
)

# Words of an answer that tell its asker not to get help, or to wait and see: "there is no need
# to see a doctor", "you don't need to see your GP", "do not go to A&E". Under a warning sign's
# advice they contradict it outright, which no note before the answer can set right, so no tick
# lets them out: the editor changes them. Only help the urgent advice sends people to is named
# ("no need to see your acupuncturist again" says nothing of it), and "don't wait and see" or
# "don't delay seeing a doctor" tell the asker to get it.
_HELP = (
    r"(?:(?:a|an|your|the|any|some|medical|urgent|emergency|NHS)\s+){0,2}"
    r"(?:doctors?|GPs?|A\s?&\s?E|A and E|accident and emergency|emergency department|999|111|"
    r"hospital|ambulance|nurse|specialist|consultant|help|advice|attention|care|treatment|"
    r"anyone|anybody|someone|somebody|medics?|out[- ]of[- ]hours)\b"
)
_SEEK = (
    r"(?:see|call|contact|phone|ring|visit|go to|go and see|go in to|seek|get|ask|ask for|"
    r"consult|attend|bother|trouble|book(?: in)? with|dial|(?:rush|hurry|run|race|dash|head)"
    r"(?: off| down)? to|go (?:running|rushing)(?: off)? to)"
)
# The same, as "seeing", "calling", "rushing to": "hold off on seeing your GP".
_SEEKING = (
    r"(?:seeing|calling|contacting|phoning|ringing|visiting|going to|going in to|seeking|getting|"
    r"asking for|consulting|attending|bothering|booking(?: in)? with|dialling|dialing|"
    r"(?:rushing|hurrying|running|racing|dashing|heading)(?: off| down)? to)"
)
_SEEN = (
    rf"(?:{_SEEK} {_HELP}"
    r"|(?:get|have) (?:it|this|that|them|these|those|yourself|you) "
    r"(?:checked|looked at|seen|examined))"
)
# Not after "not", "n't" or "never": "don't delay seeing a doctor", "do not put off calling 999".
_NOT_DENIED = r"(?<!\bnot )(?<!n't )(?<!\bnever )"
CONTRADICTION = re.compile(
    rf"\b(?:no|not any|little) (?:real )?(?:need|reason|point|call) (?:for you )?(?:in )?"
    rf"(?:to {_SEEN}|for {_HELP}|{_SEEKING} {_HELP})"
    rf"|\b(?:not|isn't|is not) (?:necessary|needed|worth it) to {_SEEN}"
    rf"|\b(?:don't|do not|won't|will not|shouldn't|should not|doesn't|does not) "
    rf"(?:really |even )?(?:need|have) to {_SEEN}"
    rf"|\b(?:don't|do not|won't|will not|shouldn't|should not) (?:really |even )?need {_HELP}"
    rf"|\b(?:needn't|need not) {_SEEN}"
    rf"|\b(?:don't|do not|never) {_SEEK} {_HELP}"
    rf"|{_NOT_DENIED}\b(?:hold|put|holding|putting) off (?:on )?{_SEEKING} {_HELP}"
    rf"|{_NOT_DENIED}\b(?:delay|postpone) {_SEEKING} {_HELP}"
    rf"|{_NOT_DENIED}\bwait\b[^.!?;]{{0,40}}? before {_SEEKING} {_HELP}"
    rf"|{_NOT_DENIED}\b(?:wait and see|wait it out|"
    r"see how (?:it|things|you) (?:goes?|gets? on))\b",
    re.IGNORECASE,
)


def _words(text, *patterns):
    """The words of `text` that any of `patterns` finds, each once, in the order they come."""
    plain = " ".join(text.replace("’", "'").split())
    matches = sorted(
        (match for pattern in patterns for match in pattern.finditer(plain)),
        key=lambda match: match.start(),
    )
    return list(dict.fromkeys(match.group(0) for match in matches))


def reassuring_words(text):
    """The words of `text` that tell the reader not to worry, or to wait (REASSURANCE), or not
    to get help (CONTRADICTION), each once, in the order they come."""
    return _words(text, REASSURANCE, CONTRADICTION)


def contradicting_words(text):
    """The words of `text` that tell the reader not to get help, or to wait and see
    (CONTRADICTION), each once, in the order they come."""
    return _words(text, CONTRADICTION)


def message(template, signs, words, **names):
    """`template` filled in with the `signs` shown, each one's urgent advice (its first sentence,
    "Call 999 or go to A&E now."), and the `words` of an answer that go against it. "" when there
    are no signs or no words."""
    if not (signs and words):
        return ""
    signs_by_advice = {}
    for sign in signs:
        first = re.match(r".*?[.!?](?=\s|$)", sign.advice)
        signs_by_advice.setdefault(first[0] if first else sign.advice, []).append(sign.label)
    advice = "; ".join(
        f"“{action}” ({'; '.join(labels)})" for action, labels in signs_by_advice.items()
    )
    return template.format(
        signs="a warning sign" if len(signs) == 1 else "warning signs",
        advice=advice,
        words=", ".join(f"“{word}”" for word in words),
        **names,
    )


# What an editor is told of a title that says not to worry, or to wait, or not to get help, above
# a question that describes a warning sign: no note comes before a title where it is listed.
TITLE_AGAINST_ADVICE = (
    "The question describes {signs}, and its page gives the urgent advice first: {advice}. The "
    "title says {words}, and it is listed where that advice is not (lists of Q&As, search "
    "results, the ask form's similar answers). Change those words: a title above such a question "
    "may not tell the reader not to worry, or to wait, or not to get help."
)


def title_against_advice(title, signs):
    """Why `title` may not stand above a question showing `signs`: it says not to worry, or to
    wait, or not to get help (REASSURANCE, CONTRADICTION), where it is listed without their
    advice, which no editor's confirmation sets right. "" when nothing stops it."""
    return message(TITLE_AGAINST_ADVICE, signs, reassuring_words(title))


# What an editor is told of a factsheet's text that says a warning sign is normal, or not to get
# help for one: its page gives the sign's urgent advice, and readers who have the sign read both.
SAID_AGAINST_A_SIGN = (
    "This says {words} of {signs} (“{said}”), whose urgent advice is {advice}. Change those "
    "words: a factsheet may not tell readers that a warning sign is nothing to worry about, or "
    "not to get help for it."
)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")
# Where a sentence turns from what usually passes to the signs, or back: "Sciatica usually gets
# better in weeks, but call 999 if your bottom is numb" says each apart.
_TURN = re.compile(r"[,;:–—-]?\s+(?=(?:but|although|though|however|whereas)\b)", re.IGNORECASE)


def said_against_signs(text):
    """Why `text` (general advice, such as a factsheet's) may not stand: a sentence of it
    describes a warning sign and says not to worry, or to wait, or not to get help ("if you get
    numbness around your bottom, don't worry"; "numbness around your bottom is a normal part of
    sciatica"), save where it turns from one to the other ("…, but call 999 if …"). A sentence
    that asks about a sign is read with the next ("Numbness around your bottom? Don't worry").
    "" when nothing stops it."""
    sentences = [sentence for sentence in _SENTENCE_END.split(text) if sentence.strip()]
    for n, sentence in enumerate(sentences):
        said = sentence
        if sentence.rstrip().endswith("?") and n + 1 < len(sentences):
            said = f"{sentence} {sentences[n + 1]}"
        if not (signs := red_flags.signs_shown(said)):
            continue
        if words := contradicting_words(said):
            return _said_against(said, signs, words)
        for part in _TURN.split(said):
            if (words := reassuring_words(part)) and (signs := red_flags.signs_shown(part)):
                return _said_against(part, signs, words)
    return ""


def _said_against(said, signs, words):
    return message(SAID_AGAINST_A_SIGN, signs, words, said=said.strip())
