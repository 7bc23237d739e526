"""Spelling correction on the seed archive: words of English it should leave as typed, and typos
it should put right. Both samples are drawn from pyspellchecker's list of English (the table
`search_englishword`), so the figures can be rerun and compared as the rules change."""

import random

from django.db import connection

from search.query import COMMON_WORD, Words
from tools.bench.common import bench_database, load_seed_archive, progress

SAMPLE = 3000
# Words of English that may be corrected (below COMMON_WORD) and that people use.
FEWEST_USES = 500
# Words the typos are made from: common enough that a patient would mean them.
TYPO_SOURCE_USES = 1000
EXAMPLES = 8

# A word's English stem, as the site's search vectors hold it.
STEM = "(tsvector_to_array(to_tsvector('english', e.word)))[1]"
# Words of English the archive has in no form: correcting one changes what was asked.
UNKNOWN_WORDS = f"""
SELECT e.word FROM search_englishword AS e
WHERE e.frequency >= %(fewest)s AND e.frequency < %(common)s AND e.word ~ '^[a-z]{{4,}}$'
  AND NOT EXISTS (SELECT 1 FROM search_term AS t WHERE t.lexeme = {STEM})
ORDER BY md5(e.word) LIMIT %(sample)s
"""  # noqa: S608 - constants
# Words of English the archive has in some form, with the stem a search for them looks for.
KNOWN_STEMS = f"""
SELECT e.word, {STEM} FROM search_englishword AS e
WHERE e.frequency >= %(fewest)s AND e.word ~ '^[a-z]{{5,}}$'
  AND EXISTS (SELECT 1 FROM search_term AS t WHERE t.lexeme = {STEM})
ORDER BY md5(e.word) LIMIT %(sample)s
"""  # noqa: S608 - constants


def run(*, database, sample=SAMPLE, seed=1):
    """Load the seed archive into the benchmark database and return, as Markdown, how many
    unknown words of English the site leaves as typed and how many typos it puts right."""
    with bench_database(database, fresh=True):
        load_seed_archive(database)
        with connection.cursor() as cursor:
            arguments = {"common": COMMON_WORD, "sample": sample}
            cursor.execute(UNKNOWN_WORDS, arguments | {"fewest": FEWEST_USES})
            words = [word for (word,) in cursor.fetchall()]
            cursor.execute(KNOWN_STEMS, arguments | {"fewest": TYPO_SOURCE_USES})
            sources = cursor.fetchall()
            cursor.execute("SELECT word FROM search_englishword")
            english = {word for (word,) in cursor.fetchall()}
        progress(f"  Looking up {len(words)} words of English the archive lacks")
        corrected = {word: fix for word, (fix, _) in looked_up(words).items() if fix}
        # Seeded, so that a rerun makes the same typos.
        rng = random.Random(seed)  # noqa: S311
        samples = {kind: typos(sources, english, rng, make) for kind, make in TYPOS.items()}
        missed = {}
        for kind, sample in samples.items():
            progress(f"  Looking up {len(sample)} typos: {kind}")
            found = looked_up(list(sample))
            missed[kind] = {
                typo: sample[typo]
                for typo, (_, stems) in found.items()
                if sample[typo][1] not in stems
            }
    return report(words, corrected, samples, missed)


def looked_up(words):
    """{word: (its correction or None, the stems searched for)} as a search sees them, straight
    from the database (not what a process remembers)."""
    found = Words.query([(True, word) for word in words])
    return {word: found[(True, word)][:2] for word in words}


def dropped_letter(word, place):
    return word[:place] + word[place + 1 :]


def swapped_letters(word, place):
    place = min(place, len(word) - 2)  # the letter at `place` and the next: never the first
    return word[:place] + word[place + 1] + word[place] + word[place + 2 :]


# Each letter's right-hand neighbour on a QWERTY keyboard (the left-hand one at a row's end).
KEYBOARD_ROWS = ["qwertyuiop", "asdfghjkl", "zxcvbnm"]
NEIGHBOUR = {
    letter: row[n + 1] if n + 1 < len(row) else row[n - 1]
    for row in KEYBOARD_ROWS
    for n, letter in enumerate(row)
}


def wrong_key(word, place):
    return word[:place] + NEIGHBOUR.get(word[place], word[place]) + word[place + 1 :]


# The commonest typos, each made at a random place after the first letter.
TYPOS = {
    "a letter left out": dropped_letter,
    "two neighbouring letters swapped": swapped_letters,
    "a neighbouring key hit": wrong_key,
}


def typos(sources, english, rng, make):
    """{typo: (word, stem)}: each word with the typo `make` at a random place after its first
    letter, unless that leaves it unchanged or makes another word of English."""
    made = {}
    for word, stem in sources:
        typo = make(word, rng.randrange(1, len(word)))
        if typo != word and typo not in english:
            made.setdefault(typo, (word, stem))
    return made


def report(words, corrected, samples, missed):
    left = len(words) - len(corrected)
    lines = [
        "## Spelling",
        "",
        "On the seed archive, each word looked up by the statement the search page uses. "
        f"Words of English: {len(words):,} drawn from pyspellchecker's list, alphabetic, four "
        f"letters or more, used {FEWEST_USES:,} to {COMMON_WORD - 1:,} times in its counts "
        "(commoner ones are never corrected), that the archive has in no form. Typos: words of "
        f"English used {TYPO_SOURCE_USES:,} times or more that the archive has in some form, "
        "each with one of the three commonest typos at a random place after its first letter, "
        "where that makes no word of English.",
        "",
        "| Sample | n | Result |",
        "| --- | --: | --- |",
        f"| Words of English the archive lacks | {len(words):,} | {left:,} left as typed "
        f"({left / len(words):.1%}) |",
    ]
    for kind, sample in samples.items():
        right = len(sample) - len(missed[kind])
        lines.append(
            f"| Typos of words the archive has: {kind} | {len(sample):,} | {right:,} searched "
            f"for the intended word's stem ({right / len(sample):.1%}) |"
        )
    lines += [
        "",
        "Words of English still corrected, first few: "
        + (", ".join(f"{w} → {f}" for w, f in sorted(corrected.items())[:EXAMPLES]) or "none")
        + ".",
    ]
    for kind, wrong in missed.items():
        examples = ", ".join(f"{t} ({w})" for t, (w, _) in sorted(wrong.items())[:EXAMPLES])
        lines += ["", f"Typos not put right, {kind}, first few: {examples or 'none'}."]
    return "\n".join(lines) + "\n"
