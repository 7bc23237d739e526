"""A herniation alone is a slipped disc: "herniation" joins the row of "slipped disc". The row
had it only within "disc herniation" and "herniated disc", terms of two words, so "herniation",
"herniations" and "herniated" typed alone (all stemmed "herniat") found nothing and were named as
words no page mentions, though the pages call it a slipped disc: on the seed archive they now
list the sciatica factsheet, as "slipped disc" does, and the relevance benchmark is unchanged.
"hernia" is another stem and stays apart (a hernia of the groin is no disc). Terms editors wrote
in the row are kept (search/0034's `adding_terms`)."""

import importlib

from django.db import migrations

adding_terms = importlib.import_module("search.migrations.0034_giving_birth_synonym").adding_terms

SYNONYMS = {"slipped disc": ["herniation"]}


class Migration(migrations.Migration):
    dependencies = [("search", "0037_lay_words_named_as_missing")]

    operations = [migrations.RunPython(*adding_terms(SYNONYMS))]
