"""A visitor's words made ready for ranking, in three steps:

1. Parse: web-search syntax as people expect it: "quoted phrase", -word, `or`.
2. Correct: a word the archive does not know, or far rarer than a word that looks like it, is
   replaced by that word (pg_trgm similarity, at most one or two typos away by levenshtein, two
   neighbouring letters swapped, or a letter left out of a three-letter word), from the lexicon
   of the archive's own words and the synonym list's; never a word English uses commonly
   (`EnglishWord`), nor one of the synonym list's, and a word of English that the warning signs'
   rules read only into another form of it.
3. Widen: lay words are matched to their clinical synonyms and back (`Synonym`), compared by
   English stem so that "slipped discs" finds "herniated disc".

The result, `PreparedSearch`, holds the English stems to rank by (as PostgreSQL produced them),
grouped into concepts with their alternatives, and what a page must also match (quoted phrases,
minus words) as tsquery text written from those stems.
"""

import re
import time
from dataclasses import dataclass, field, replace

from django.db import connections, router

from archive.models import ContentVersion
from archive.red_flags import JOINERS_AND_MARKS, VOCABULARY
from config.personal_data import looks_personal
from search.models import Synonym

MAX_QUERY_LENGTH = 200
MAX_WORDS = 50
# Words each process remembers what the database said of (see `remembered_words`), and for
# how long at most: the words searched for may be a visitor's own (a name).
REMEMBERED_WORDS = 10_000
REMEMBERED_SECONDS = 3600
# What this process learnt from the database under the content version (`_remembered_now`).
_remembered = {}

WORD = re.compile(r"[^\W_]+")
# A quoted phrase (optionally negated, the closing quote optional) or any other run of text.
TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')
# Only words of this length or more are corrected: shorter ones have too many look-alikes. A
# three-letter word is corrected only by a letter left out, and never when it has no vowel: it is
# an abbreviation ("hrt" is not "hurt").
MIN_CORRECTED_LENGTH = 3
VOWEL = re.compile("[aeiouy]")
# Contractions typed with their apostrophe, which would leave a piece behind as a word ("didn",
# "wasn", "ve", "d"): a negation goes whole, as "not" is a stop word; of "i've", "you're", "it's",
# the word before the apostrophe is kept.
NEGATION = re.compile(r"\b\w+n['\u2019]t\b")
APOSTROPHE_ENDING = re.compile(r"['\u2019](ve|re|ll|d|m|s)\b")
# Contractions typed without their apostrophe are stop words, as PostgreSQL drops "don't": never
# searched for ("dont want painkillers" is no search for "dont"), nor corrected, as they are a
# letter from another word ("cant control my bladder" is not "can control my bladder").
CONTRACTIONS = {
    "arent", "cant", "couldnt", "didnt", "doesnt", "dont", "hadnt", "hasnt", "havent", "isnt",
    "mightnt", "mustnt", "neednt", "shant", "shouldnt", "theyre", "theyve", "wasnt", "werent",
    "wont", "wouldnt", "youre", "youve",
}  # fmt: skip
# A known but rare word (in at most 2 documents or 0.1% of them) is still corrected when a close
# look-alike is found in this many times more documents: the archive itself has "acupunture" in
# two answers. "pins" stays "pins" (not close enough to "pains").
RARE = {"rare": 2, "rare_share": 0.001, "rarer_by": 4, "known_similarity": 0.5}
# A word English uses this often (`EnglishWord`: about its 5,000 most used words) is never
# corrected: "blurred vision" is not "blurred visit", "legs giving way" not "legs going way".
# Rarer ones may be: "lumber pain" is "lumbar pain", "anesthetic" "anaesthetic".
COMMON_WORD = 10_000
# A word English uses at least this often (about its 19,000 most used) is corrected only into a
# word English uses less: one who means "lumbar" may type "lumber", but one who types "calf" or
# "ankle" meant them, not "call" or "angle". Any word of English is corrected only by a single
# small change or into another form of it: "my back is stiffer" is not "my back is suffer".
KNOWN_WORD = 1_000
# The endings of English that make another form of one word, for `CORRECTION_SQL`'s test of
# one: a word of English the archive lacks is searched as another form of it ("Including results
# for pelvis" for "pelvic") only when the two are one base with two of these endings (a word
# with none ends in ''). Inflections, the commonest derivations, and the Greek and Latin ones
# medical words are made with ("anaesthesia", "anaesthetic"; "stenosis", "stenotic"). Any other
# look-alike is another word that starts the same: "facet" (of a facet joint) is not "face",
# "acumen" not "acute". A lone "a" is left out, as it makes mostly names and other words ("cara",
# "costa", "norma"), not forms.
ENDINGS = [
    "", "e", "s", "es", "ed", "ing", "er", "ers", "est", "y", "ies", "ied", "ly", "ily",
    "en", "al", "ally", "ic", "ics", "ical", "is", "ia", "sis", "sia", "tic", "ae", "um", "us",
    "ion", "ions", "ive", "or", "ors", "ous",
]  # fmt: skip

# Two words typed without the space between them ("lowerback", "sciaticapain"): a word no page
# holds, of no English and with no correction, that is two words pages hold, each of three
# letters or more, is searched as them. Of several such splits, the most even ("lower back",
# not "low erback", which is no split as "erback" is in no page).
RUN_TOGETHER_SQL = """
SELECT DISTINCT ON (q.word) q.word, left(q.word, n) || ' ' || substr(q.word, n + 1)
FROM unnest(%(words)s::text[]) AS q(word), generate_series(3, length(q.word) - 3) AS n
WHERE NOT EXISTS (SELECT FROM search_englishword AS e WHERE e.word = q.word)
  AND EXISTS (SELECT FROM search_word AS w WHERE w.word = left(q.word, n) AND w.documents > 0)
  AND EXISTS (SELECT FROM search_word AS w WHERE w.word = substr(q.word, n + 1) AND w.documents > 0)
ORDER BY q.word, least(n, length(q.word) - n) DESC
"""

CORRECTION_SQL = """
-- How many pages at most hold a rare word (see RARE). A subquery, not a join: the planner may
-- guess a table never analysed to hold hundreds of rows, and JIT-compile the statement for tens
-- of ms.
WITH rare AS (
    SELECT greatest(%(rare)s, documents * %(rare_share)s) AS documents FROM search_corpus
)
-- The fourth column: whether a published page holds the word in some form, or it was corrected
-- (into a word that one does, or a word of the synonym list, which widens to them); the last,
-- whether the correction is another form of a word of English (see `Words.forms`).
SELECT q.word, fix.word, lexeme.word, known.documents IS NOT NULL OR fix.word IS NOT NULL,
       coalesce(fix.form, false)
FROM unnest(%(words)s::text[], %(correct)s::boolean[]) AS q(word, correct)
-- A range, not '=': the trigram index answers '=' too, ten times slower than the b-tree.
-- LIMIT 1 tells the planner so (a word is there once): too high a row estimate sets off JIT.
-- A word is known in the form typed (`typed`), or in another form of it: "injections" when the
-- archive says "injection" is no typo, and not "insertions".
LEFT JOIN LATERAL (
    SELECT max(documents) AS documents, bool_or(typed) AS typed FROM (
        (SELECT documents, true AS typed FROM search_word
         WHERE word >= q.word AND word <= q.word LIMIT 1)
        UNION ALL
        (SELECT documents, false FROM search_term
         WHERE lexeme = (tsvector_to_array(to_tsvector('english', q.word)))[1] LIMIT 1)
    ) AS forms
) AS known ON true
LEFT JOIN search_englishword AS english ON english.word = q.word
LEFT JOIN LATERAL (
    -- One small change from the typed word, after its first letter, which trigrams and edit
    -- distance count as more than it is: two neighbouring letters swapped ("pian" for "pain")
    -- or a letter left out ("bak" for "back", too short for trigrams; "brused" for "bruised"),
    -- which keep every typed letter (kind 2), or, in a word of four letters or more, a letter
    -- typed wrong ("sciatika" for "sciatica", not "sciatic"; kind 1). Places up to a constant,
    -- so that the planner counts them as few (see above).
    WITH edit(word, kind) AS (
        SELECT overlay(q.word placing substr(q.word, i + 1, 1) || substr(q.word, i, 1)
                       from i for 2), 2
        FROM generate_series(1, 20) AS i WHERE i < length(q.word)
        UNION ALL
        SELECT overlay(q.word placing chr(letter) from place for 0), 2
        FROM generate_series(2, 21) AS place, generate_series(ascii('a'), ascii('z')) AS letter
        WHERE place <= length(q.word) + 1
        UNION ALL
        SELECT overlay(q.word placing chr(letter) from place for 1), 1
        FROM generate_series(2, 20) AS place, generate_series(ascii('a'), ascii('z')) AS letter
        WHERE length(q.word) > 3 AND place <= length(q.word)
    )
    SELECT w.word, english.word IS NOT NULL AND shape.ending AS form FROM (
        SELECT word, documents, 0 AS edit FROM search_word
        UNION ALL
        -- The synonym list's words, which the archive may lack: "pregnent" is "pregnant", a
        -- synonym of the archive's "pregnancy".
        SELECT word, 0, 0 FROM unnest(%(synonym_words)s::text[]) AS word
        UNION ALL
        -- The archive's words one small change away.
        SELECT t.word, t.documents, edit.kind FROM edit,
        LATERAL (SELECT word, documents FROM search_word
                 WHERE word >= edit.word AND word <= edit.word LIMIT 1) AS t
        UNION ALL
        -- In a word of four letters or more that English lacks, the words of English one small
        -- change away whose stem the archive has, in whatever form, and the synonym list's:
        -- "brused" is "bruised" (the archive says "bruises"), not "based", a look-alike by
        -- trigrams; "tierd" is "tired". A word of English is no typo ("logs" is not "longs").
        SELECT e.word, coalesce(t.documents, 0), edit.kind FROM edit,
        LATERAL (SELECT word FROM search_englishword
                 WHERE word >= edit.word AND word <= edit.word LIMIT 1) AS e
        LEFT JOIN LATERAL (
            SELECT documents FROM search_term
            WHERE lexeme = (tsvector_to_array(to_tsvector('english', e.word)))[1] LIMIT 1
        ) AS t ON true
        WHERE length(q.word) > 3 AND english.word IS NULL
          AND (t.documents IS NOT NULL OR e.word = ANY(%(synonym_words)s::text[]))
    ) AS w,
    -- Whether the two differ only in their last three letters (the same start), and whether
    -- they are one base with two endings of English (ENDINGS), another form of one word
    -- ("pelvic", "pelvis"; "achy", "ache"; "anaesthesia", "anaesthetic"): not a letter typed
    -- wrong inside ("lumber", "lumbar"), nor a word of its own that merely starts as the other
    -- ("facet" is not "face" with an ending, "acumen" not "acute"). A bare "e" is no ending
    -- either: "tense" is not "tens", "plane" not "plan".
    LATERAL (
        SELECT left(w.word, least(length(w.word), length(q.word)) - 3)
               = left(q.word, least(length(w.word), length(q.word)) - 3) AS start,
               EXISTS (
                   SELECT FROM unnest(%(endings)s::text[]) AS a(typed),
                               unnest(%(endings)s::text[]) AS b(other)
                   WHERE a.typed <> b.other AND a.typed || b.other <> 'e'
                     AND right(q.word, length(a.typed)) = a.typed
                     AND right(w.word, length(b.other)) = b.other
                     AND length(q.word) - length(a.typed) >= 3
                     AND left(q.word, length(q.word) - length(a.typed))
                         = left(w.word, length(w.word) - length(b.other))
               ) AS ending
    ) AS shape,
    -- Whether the word typed is a typo for this look-alike, however many pages hold it: the
    -- archive has it in no form, or, in a word of six letters or more that English lacks, has
    -- only its stem, in another word, while the look-alike holds every typed letter.
    -- "inflamation" stems as "inflamed" does ("inflam"), not as "inflammation" ("inflamm");
    -- "injections" is a word of English, and short words have too many look-alikes ("mens"
    -- for "men's" is not "means").
    LATERAL (
        SELECT known.documents IS NULL
               OR NOT known.typed AND english.word IS NULL AND length(q.word) > 5
                  AND w.edit = 2 AS typo
    ) AS unknown
    WHERE q.correct AND coalesce(english.frequency, 0) < %(common_word)s
      -- Nor a word of the synonym list, which editors wrote: "tens" (machine) is not "tend".
      AND NOT q.word = ANY(%(synonym_words)s::text[])
      -- A word of English that the warning signs' rules read (archive.red_flags.VOCABULARY),
      -- however seldom English uses it, is made only another form of itself: "drooping face",
      -- of a stroke, is not "dropping face" where no page says "drooping". The misspellings
      -- they read ("genatal") are no English, and are put right.
      AND (english.word IS NULL OR shape.ending
           OR NOT q.word = ANY(%(rule_words)s::text[]))
      -- A three-letter word English has is left alone, whatever its frequency: "rib" is no
      -- typo, and its look-alikes are many.
      AND (length(q.word) > 3 OR english.word IS NULL)
      AND (unknown.typo OR known.documents <= (SELECT documents FROM rare))
      -- People seldom get a word's first letter wrong, and a correction that changes it reads
      -- as another word: "fever" is not "ever". Tested first, as it is cheaper than '%%'. But
      -- one who spells a word by ear may: a word of five letters or more that the archive has
      -- in no form and English lacks may become a look-alike that sounds the same (Double
      -- Metaphone), "cyatica" "sciatica", "soriasis" "psoriasis".
      AND (left(w.word, 1) = left(q.word, 1)
           OR known.documents IS NULL AND english.word IS NULL AND length(q.word) >= 5
              AND dmetaphone(w.word) = dmetaphone(q.word))
      AND (w.edit > 0 OR length(q.word) > 3 AND w.word %% q.word)
      AND (unknown.typo
           OR (w.documents >= %(rarer_by)s * known.documents
               AND similarity(w.word, q.word) >= %(known_similarity)s
               -- A known word is never made another form of itself ("pregnant", "pregnancy").
               AND NOT shape.start))
      AND (w.edit > 0
           OR levenshtein(w.word, q.word) <= CASE WHEN length(q.word) < 6 THEN 1 ELSE 2 END)
      AND to_tsvector('english', w.word) <> to_tsvector('english', q.word)
      -- A word of English is a typo only a single small change away, or another form of it:
      -- "stiffer" is not "suffer", "rotated" not "related", look-alikes by trigrams.
      AND (english.word IS NULL
           OR (w.edit > 0 OR shape.ending)
              AND (english.frequency < %(known_word)s
                   OR coalesce((SELECT frequency FROM search_englishword WHERE word = w.word), 0)
                      < english.frequency
                      -- and is a word of the synonym list ("lumber" for "lumbar") or another
                      -- form of the word typed ("pelvic", "pelvis"): "lifting" is not "listing".
                      AND (w.word = ANY(%(synonym_words)s::text[]) OR shape.ending)))
    -- A look-alike keeping the first letter comes before one that only sounds the same.
    -- Letters left out are the commonest typo: a look-alike holding every typed letter in order
    -- comes first ("lowr" is "lower", not "low"), then one a single small change away, keeping
    -- the typed letters first ("sciatcia" is "sciatica", not "sciatic"). A word of English,
    -- of the synonym list or of more than a few pages comes before one a page or two hold,
    -- which may be the archive's own typo ("accupunture" is "acupuncture", not "acupunture").
    -- Look-alikes of three letters share too few trigrams to be told apart by them: the
    -- commonest.
    ORDER BY left(w.word, 1) = left(q.word, 1) DESC,
             w.word LIKE regexp_replace(q.word, '(.)', '\\1%%', 'g') DESC, w.edit DESC,
             w.documents > (SELECT documents FROM rare)
             OR w.word = ANY(%(synonym_words)s::text[])
             OR EXISTS (SELECT FROM search_englishword WHERE word = w.word) DESC,
             CASE WHEN length(q.word) > 3 THEN similarity(w.word, q.word) END DESC NULLS LAST,
             w.documents DESC, w.word
    LIMIT 1
) AS fix ON true
LEFT JOIN LATERAL unnest(tsvector_to_array(to_tsvector('english', coalesce(fix.word, q.word))))
    AS lexeme(word) ON true
"""


def reading_connection():
    """The connection search's own SQL reads through: where the database router sends reads of
    the archive (a replica on public pages, when there is one; see config.db_router)."""
    from archive.models import Question

    return connections[router.db_for_read(Question)]


@dataclass
class Item:
    """A word, or a quoted phrase, as the visitor typed it."""

    words: list[str]
    phrase: bool = False
    negated: bool = False


def parse(text, *, syntax=True):
    """The query as groups of items: groups must all match, items of a group are alternatives
    (joined by `or`). Without `syntax`, quotes, `-` and `or` are plain text. Joiners and
    direction marks typed inside a word would split it: they are left out."""
    text = JOINERS_AND_MARKS.sub("", text.lower())
    if not syntax:
        return [[Item([word])] for word in WORD.findall(without_contractions(text))[:MAX_WORDS]]
    groups, join_next = [], False
    for match in TOKEN.finditer(text):
        negated_phrase, phrase, chunk = match.groups()
        if phrase is not None:
            words = WORD.findall(phrase)
            items = [Item(words, phrase=True, negated=bool(negated_phrase))] if words else []
        elif chunk == "or":
            join_next = bool(groups)
            continue
        else:
            words = WORD.findall(without_contractions(chunk))
            if chunk.startswith("-") and words:
                items = [Item(words, phrase=len(words) > 1, negated=True)]
            else:
                items = [Item([word]) for word in words]
        for item in items:
            if join_next and not item.negated and not groups[-1][0].negated:
                groups[-1].append(item)
            else:
                groups.append([item])
            join_next = False
    return groups[:MAX_WORDS]


def without_contractions(text):
    """`text` without the pieces contractions typed with an apostrophe leave (outside quotes:
    a quoted phrase is searched as written)."""
    return APOSTROPHE_ENDING.sub(" ", NEGATION.sub(" ", text))


def quote(lexeme):
    return "'" + lexeme.replace("\\", "\\\\").replace("'", "''") + "'"


@dataclass
class Words:
    """What the database knows of the words in play: corrections, English stems, and the
    stems no published page holds. A word of English changed into another form of itself
    ("pelvic", "pelvis") is no typo: it is in `forms`, not `fixes`."""

    fixes: dict[str, str] = field(default_factory=dict)
    forms: dict[str, str] = field(default_factory=dict)
    lexemes: dict[str, tuple[str, ...]] = field(default_factory=dict)
    absent: set[str] = field(default_factory=set)

    @classmethod
    def look_up(cls, words, *, correct_spelling, remember=True):
        """Corrections (if asked for) and lexemes for `words`: what this process remembers of
        them, and one query for the others, remembered too unless `remember` is false."""
        keys = [(correct_spelling and correctable(word), word) for word in dict.fromkeys(words)]
        remembered = remembered_words()
        learnt = cls.query([key for key in keys if key not in remembered])
        if remember:
            remembered.update(learnt)
        found = cls()
        for key in keys:
            fix, found.lexemes[key[1]], absent, form = learnt.get(key) or remembered[key]
            found.absent.update(absent)
            if fix:
                (found.forms if form else found.fixes)[key[1]] = fix
        return found

    @staticmethod
    def query(keys):
        """{(correct, word): (its correction or None, its lexemes, those of them no page holds,
        whether the correction is another form of a word of English)} from the database
        (contractions, stop words, without it)."""
        found = {key: (None, (), (), False) for key in keys}
        correct = {word: c for c, word in keys if word not in CONTRACTIONS}
        if not correct:
            return found
        # Corrections may be the synonym list's words, as this process keeps them.
        synonym_words = list(synonym_lexicon()[1].lexemes) if any(correct.values()) else []
        with reading_connection().cursor() as cursor:
            cursor.execute(
                CORRECTION_SQL,
                {
                    "words": list(correct),
                    "correct": list(correct.values()),
                    "synonym_words": synonym_words,
                    "rule_words": [word for word in correct if word in VOCABULARY],
                    "common_word": COMMON_WORD,
                    "known_word": KNOWN_WORD,
                    "endings": ENDINGS,
                    **RARE,
                },
            )
            for word, fix, lexeme, indexed, form in cursor.fetchall():
                key = (correct[word], word)
                _, lexemes, absent, _ = found[key]
                if lexeme:
                    lexemes += (lexeme,)
                    absent += () if indexed else (lexeme,)
                found[key] = (fix, lexemes, absent, form)
        return found

    def including(self, other):
        """What these words and `other`'s are known by, these first."""
        return Words(
            self.fixes, self.forms, other.lexemes | self.lexemes, self.absent | other.absent
        )


def _remembered_now():
    """What this process learnt of words and synonyms under the current content version."""
    return ContentVersion.remembered(_remembered, words={}, runs={}, synonyms=None)


def remembered_words(kind="words"):
    """What this process has learnt of words: `words`, {(corrected, word): (correction, lexemes,
    absent lexemes)}, or `runs`, {word: the two words it runs together, or None}. Most searches
    repeat words searched before: kept under the content version, and forgotten past
    REMEMBERED_WORDS or REMEMBERED_SECONDS after the first was kept (SECURITY.md)."""
    remembered = _remembered_now()
    since = remembered.setdefault(f"{kind} since", time.monotonic())
    if len(remembered[kind]) >= REMEMBERED_WORDS or time.monotonic() - since > REMEMBERED_SECONDS:
        remembered[kind] = {}
        remembered[f"{kind} since"] = time.monotonic()
    return remembered[kind]


def correctable(word):
    return (
        len(word) >= MIN_CORRECTED_LENGTH
        and word.isalpha()
        and (len(word) > 3 or VOWEL.search(word) is not None)
    )


def synonym_lexicon():
    """The synonym list as (stem key, row) for each of its terms, each row a list of terms and
    each term a list of words, with what the database knows of those words and its acronyms
    whose English stem is another word (`stemmed_acronyms`). Every search needs it: kept under
    the content version, which a change to the list moves on (a trigger), so every process sees
    an editor's change at once."""
    remembered = _remembered_now()
    if remembered["synonyms"] is None:
        written = [synonym.terms() for synonym in Synonym.objects.all()]
        rows = [[WORD.findall(term.lower()) for term in terms] for terms in written]
        words = Words.look_up(
            [word for terms in rows for term in terms for word in term], correct_spelling=False
        )
        acronyms = stemmed_acronyms([term for terms in written for term in terms], words)
        keyed_terms = [
            (key, row) for row in rows for term in row if (key := stem_key(term, words, acronyms))
        ]
        remembered["synonyms"] = (keyed_terms, words, acronyms)
    return remembered["synonyms"]


def stemmed_acronyms(terms, known):
    """The words the synonym list writes in capitals whose English stem is another word: "TENS"
    (a TENS machine) is kept as "ten", the number, as every page's words are. They are compared
    as typed, and never searched alone (see `widen`)."""
    capitals = {word.lower() for term in terms for word in WORD.findall(term) if word.isupper()}
    return {word for word in capitals if known.lexemes[word] != (word,)}


def item_query(item, known):
    """The item's tsquery text and its lexemes, or None when it holds only stop words. A quoted
    phrase needs its words in order (stop words only taking up places); other words, synonym
    terms included, need only be present: that needs no re-reading of each matching row."""
    placed = [(known.lexemes[word], n) for n, word in enumerate(item.words) if known.lexemes[word]]
    if not placed:
        return None
    parts, previous = [], placed[0][1]
    for lexemes, position in placed:
        text = " & ".join(quote(lexeme) for lexeme in lexemes)
        text = f"({text})" if len(lexemes) > 1 else text
        if parts:
            distance = position - previous
            text = (
                f"{'<->' if distance == 1 else f'<{distance}>'} {text}"
                if item.phrase
                else f"& {text}"
            )
        parts.append(text)
        previous = position
    return " ".join(parts), [lexemes for lexemes, _ in placed]


@dataclass
class Concept:
    """One thing the visitor asked for: its alternatives (synonyms, `or`), each the English
    stems of its words, and as a tsquery. A page scores its best alternative's BM25F."""

    tsquery: str
    alternatives: list[tuple[str, ...]]
    # Holds a quoted phrase: its words must stand together, not only score.
    phrase: bool = False
    # No published page holds any of its alternatives.
    absent: bool = False
    # Its words, as the visitor typed them (or as the synonym list words them).
    words: str = ""


@dataclass
class PreparedSearch:
    """A visitor's query made ready for PostgreSQL."""

    text: str
    corrected_text: str = ""
    # Other forms of words of English typed, searched in their place ("pelvis" for "pelvic").
    forms: list[str] = field(default_factory=list)
    concepts: list[Concept] = field(default_factory=list)
    negations: list[str] = field(default_factory=list)

    @property
    def is_empty(self):
        """True when the query held nothing to look for (no words, only common words)."""
        return not self.concepts

    @property
    def missing(self):
        """The words of the concepts no published page holds: the page says the results match
        the others."""
        return [concept.words for concept in self.concepts if concept.absent]

    def terms(self):
        """The stems to rank by as three parallel lists: stem, concept number, alternative
        number (search_top's arguments)."""
        rows = [
            (lexeme, n, m)
            for n, concept in enumerate(self.concepts)
            for m, lexemes in enumerate(concept.alternatives)
            for lexeme in lexemes
        ]
        return [list(column) for column in zip(*rows, strict=True)] if rows else [[], [], []]

    def must(self):
        """What a page must also match, as tsquery text (quoted phrases in order, no minus
        words), or None when ranking alone decides."""
        parts = [f"({concept.tsquery})" for concept in self.concepts if concept.phrase]
        parts += [f"!({negation})" for negation in self.negations]
        return " & ".join(parts) or None

    def highlight_query(self):
        """Any of the concepts, as tsquery text."""
        return " | ".join(f"({concept.tsquery})" for concept in self.concepts)


def prepare(text, *, correct_spelling=True, syntax=True, remember=True):
    """Parse, correct and widen a query (one small query to the database, none when its words
    were looked up before). With `remember` false, or words that look like someone's e-mail
    address or phone number, what the database says of its words is not kept in this process's
    memory."""
    remember = remember and not looks_personal(text)
    groups = parse(text, syntax=syntax)
    query_words = [word for group in groups for item in group for word in item.words]
    if not query_words:
        return PreparedSearch(text)
    keyed_terms, synonym_words, acronyms = synonym_lexicon()
    known = Words.look_up(query_words, correct_spelling=correct_spelling, remember=remember)
    runs = run_together(query_words, known, remember=remember) if correct_spelling else {}
    if runs:
        # Searched as if typed with the spaces, and said so as a correction.
        spaced = WORD.sub(lambda m: runs.get(m.group().lower(), m.group()), text)
        prepared = prepare(spaced, syntax=syntax, remember=remember)
        return replace(prepared, text=text, corrected_text=prepared.corrected_text or spaced)
    known = known.including(synonym_words)
    prepared = PreparedSearch(text, corrected(text, known.fixes), list(known.forms.values()))
    for group in widen(groups, keyed_terms, known, acronyms):
        queries = {q[0]: (item, q[1]) for item in group if (q := item_query(item, known))}
        if not queries:
            continue
        tsquery = " | ".join(queries)
        if group[0].negated:
            prepared.negations.append(tsquery)
        elif tsquery not in {concept.tsquery for concept in prepared.concepts}:
            alternatives = [
                tuple(dict.fromkeys(lexeme for lexemes in placed for lexeme in lexemes))
                for _, placed in queries.values()
            ]
            phrase = any(item.phrase for item, _ in queries.values())
            absent = all(known.absent.intersection(lexemes) for lexemes in alternatives)
            words = " or ".join(" ".join(item.words) for item, _ in queries.values())
            prepared.concepts.append(Concept(tsquery, alternatives, phrase, absent, words))
    return prepared


def run_together(words, known, *, remember=True):
    """{word: the two words it runs together, spaced} for the words typed that no page holds,
    that have no correction and are two words pages hold (RUN_TOGETHER_SQL). What a word is, or
    that it is none, is remembered as its look-up is (`Words.look_up`), so that a search for a
    word no page holds does not ask again each time."""
    unknown = [
        word
        for word in dict.fromkeys(words)
        if word.isalpha()
        and len(word) >= 6
        and word not in known.fixes
        and word not in known.forms
        and known.lexemes[word]
        and known.absent.issuperset(known.lexemes[word])
    ]
    remembered = remembered_words("runs")
    asked = [word for word in unknown if word not in remembered]
    learnt = dict.fromkeys(asked)
    if asked:
        with reading_connection().cursor() as cursor:
            cursor.execute(RUN_TOGETHER_SQL, {"words": asked})
            learnt.update(cursor.fetchall())
        if remember:
            remembered.update(learnt)
    found = {word: learnt[word] if word in learnt else remembered[word] for word in unknown}
    return {word: spaced for word, spaced in found.items() if spaced}


def prepare_question(text):
    """An asker's question read as `prepare` reads a search, its quotes and minus signs plain
    text. Its words are not remembered by this process: an asker's words end with their question
    (SECURITY.md), while a process may live for days."""
    return prepare(text, syntax=False, remember=False)


def corrected(text, fixes):
    """The query as typed with its misspelt words replaced, or '' when none was."""
    if not fixes:
        return ""
    return WORD.sub(lambda m: fixes.get(m.group().lower(), m.group()), text)


def widen(groups, keyed_terms, known, acronyms):
    """Replace runs of plain words that say a synonym term (`synonym_lexicon`'s keyed terms) by a
    group of all its terms. An acronym that pages' stems cannot tell from another word (one of
    `acronyms`, "TENS" from "ten") is searched only within its row's terms of several words, each
    of whose words a page must hold ("TENS machine"), and its other terms: "tens" does not find
    "ten sessions"."""
    # Each plain word's key ('' for a stop word); None where no term may run through.
    stems = [
        key_stem(group[0].words[0], known, acronyms) if is_plain(group) else None
        for group in groups
    ]
    alone = {(acronym,) for acronym in acronyms}  # such an acronym as a term of its own
    widened, start = [], 0
    while start < len(groups):
        matched, length = [], 0
        for key, row in keyed_terms:
            end = start + len(key)
            if tuple(stems[start:end]) == key:
                if len(key) > length:
                    matched, length = [], len(key)
                if len(key) == length and row not in matched:
                    matched.append(row)
        if matched:
            terms = dict.fromkeys(tuple(term) for row in matched for term in row)
            widened.append([Item(list(term)) for term in terms if term not in alone])
            start += length
        else:
            widened.append(groups[start])
            start += 1
    return widened


def is_plain(group):
    item = group[0]
    return len(group) == 1 and len(item.words) == 1 and not item.phrase and not item.negated


def key_stem(word, known, acronyms):
    """A word as synonym terms are compared: its lexemes ('' for a stop word), or one of
    `acronyms` in capitals, as no lexeme is written."""
    return word.upper() if word in acronyms else " ".join(known.lexemes[word])


def stem_key(words, known, acronyms):
    """A word sequence as `key_stem`s, trimmed of stop words: how synonym terms are compared."""
    key = [key_stem(word, known, acronyms) for word in words]
    while key and not key[-1]:
        key.pop()
    while key and not key[0]:
        key.pop(0)
    return tuple(key)
