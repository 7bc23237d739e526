"""Lay words patients search with that had no synonym: "acupuncturist", "physio", "arthritis",
"unsteady" and "light-headed" for dizzy, "exhausted" for tired, "relapse" for a flare-up, "pain
killers", "bent", "back surgery". Each joins the row of its lay term when the list has one,
keeping the terms editors wrote there, or makes a row of its own. Unapplying deletes the rows it
made, as it made them; terms it added to editors' rows stay, as they cannot be told from the same
terms written by an editor."""

from django.db import migrations

# {lay term: terms added to its row}.
SYNONYMS = {
    "acupuncturist": ["practitioner"],
    "physio": ["physiotherapy", "physiotherapist"],
    "arthritis": ["arthritic", "osteoarthritis"],
    "dizzy": ["unsteady", "lightheaded", "light-headed"],
    "tired": ["exhausted"],
    "flare up": ["relapse"],
    "pain killers": ["painkillers"],
    "bend": ["bent"],
    "back surgery": ["back operation", "spinal fusion", "operation"],
}


def split_terms(text):
    return [term.strip() for term in text.split(",") if term.strip()]


def add(apps, schema_editor):
    Synonym = apps.get_model("search", "Synonym")
    for lay_term, added in SYNONYMS.items():
        row = Synonym.objects.filter(lay_term__iexact=lay_term).first()
        if row is None:
            Synonym.objects.create(lay_term=lay_term, clinical_terms=", ".join(added))
            continue
        terms = split_terms(row.clinical_terms)
        listed = {term.lower() for term in [row.lay_term, *terms]}
        row.clinical_terms = ", ".join(terms + [term for term in added if term.lower() not in listed])
        row.save()


def remove(apps, schema_editor):
    Synonym = apps.get_model("search", "Synonym")
    for lay_term, added in SYNONYMS.items():
        Synonym.objects.filter(lay_term=lay_term, clinical_terms=", ".join(added)).delete()


class Migration(migrations.Migration):
    dependencies = [("search", "0027_search_forgets_stems_no_page_holds")]

    operations = [migrations.RunPython(add, remove)]
