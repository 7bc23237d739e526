""""Sore" joins the synonym list with "soreness", "ache", "aching", "tender" and "tenderness":
the answers say a back or legs "ache", patients that they are sore. "sore back after acupuncture"
named "sore" as a word no page mentions and listed first the pages of its other words; the Q&A
whose back "started to ache" after two sessions came tenth, and "soreness" alone found nothing.
A page of aching now comes before one that says only "pain" (a synonym of every page's "pain"
would widen every search of pain): "sore where the needles went in" lists the Q&A of pain where
the needles went in fourth, not second. Unapplying deletes the row only if it is as added
(search/0034's `adding_terms`)."""

import importlib

from django.db import migrations

adding_terms = importlib.import_module("search.migrations.0034_giving_birth_synonym").adding_terms

SYNONYMS = {"sore": ["soreness", "ache", "aching", "tender", "tenderness"]}


class Migration(migrations.Migration):
    dependencies = [("search", "0034_giving_birth_synonym")]

    operations = [migrations.RunPython(*adding_terms(SYNONYMS))]
