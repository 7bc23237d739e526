""""Backpain", the two words typed as one, is back pain: it joins the row of "back pain". A search
for a word some page holds is not split in two (query.RUN_TOGETHER_SQL splits only words no page
holds), and one seed Q&A writes "backpain", so a search for it listed that Q&A alone, not the
pages that say "back pain", "backache" or "lumbago". Terms editors wrote in the row are kept
(search/0034's `adding_terms`)."""

import importlib

from django.db import migrations

adding_terms = importlib.import_module("search.migrations.0034_giving_birth_synonym").adding_terms

SYNONYMS = {"back pain": ["backpain"]}


class Migration(migrations.Migration):
    dependencies = [("search", "0038_herniation_synonym")]

    operations = [migrations.RunPython(*adding_terms(SYNONYMS))]
