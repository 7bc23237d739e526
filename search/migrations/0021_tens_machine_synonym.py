"""A TENS machine (transcutaneous electrical nerve stimulation) joins the synonyms. Patients with
back pain ask about them, and "tens" was corrected to "tend" ("Showing results for tend
machine"): a word of the synonym list is now never corrected (search.query.CORRECTION_SQL).
Unapplying removes the row only if it is as added."""

import importlib

from django.db import migrations

adding_synonym = importlib.import_module("search.migrations.0020_english_words").adding_synonym

TENS = {
    "lay_term": "TENS machine",
    "clinical_terms": "TENS, transcutaneous electrical nerve stimulation",
}


class Migration(migrations.Migration):
    dependencies = [("search", "0020_english_words")]

    operations = [migrations.RunPython(*adding_synonym(TENS))]
