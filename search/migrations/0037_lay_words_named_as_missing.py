"""Words patients search with that the page named as mentioned by no answer, though the answers
say the same in other words: "butt" joins the row of "bum" (the buttock), "feeling faint" and
"fainting" that of "dizzy", "sleepy" and "drowsy" that of "tired", and "side affects", a common
misspelling of two words of English that spelling correction rightly leaves alone, that of "side
effects". "feeling faint after acupuncture" listed first the Q&A of legs feeling worse after
sessions and the Q&A of dizziness after a session second; "side affects of acupuncture" listed
first a factsheet that says "without side effects" once, and the Q&As of adverse effects after. Terms editors wrote in those rows are kept (search/0034's
`adding_terms`)."""

import importlib

from django.db import migrations

adding_terms = importlib.import_module("search.migrations.0034_giving_birth_synonym").adding_terms

SYNONYMS = {
    "bum": ["butt"],
    "dizzy": ["feeling faint", "fainting"],
    "tired": ["sleepy", "drowsy"],
    "side effects": ["side affects"],
}


class Migration(migrations.Migration):
    dependencies = [("search", "0036_disk_in_the_disc_terms")]

    operations = [migrations.RunPython(*adding_terms(SYNONYMS))]
