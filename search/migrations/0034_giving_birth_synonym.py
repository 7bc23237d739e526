"""Giving birth joins the synonym list: "childbirth", "birth", "labour" (and "labor") and "having
a baby". "back pain after childbirth" said no page mentions childbirth and listed the Q&A of back
pain since an epidural in labour below the first five, as it says "birth" and "my son"; "back pain
after having my baby" did the same for "baby".

Each term joins the row of its lay term when the list has one, keeping the terms editors wrote
there, or makes a row of its own (`adding_terms`, which later lists of patients' words use too).
Unapplying deletes the rows it made, as it made them; terms it added to editors' rows stay, as
they cannot be told from the same terms written by an editor."""

from django.db import migrations

# {lay term: terms added to its row}. "having a baby" is "baby" to search, as "having" and "a"
# are common words.
SYNONYMS = {"giving birth": ["childbirth", "birth", "labour", "labor", "having a baby"]}


def split_terms(text):
    return [term.strip() for term in text.split(",") if term.strip()]


def adding_terms(synonyms):
    """RunPython's two functions for {lay term: terms}: add each term to its lay term's row,
    unless the row has it already, or make the row; remove only the rows made, as made."""

    def add(apps, schema_editor):
        Synonym = apps.get_model("search", "Synonym")
        for lay_term, added in synonyms.items():
            row = Synonym.objects.filter(lay_term__iexact=lay_term).first()
            if row is None:
                Synonym.objects.create(lay_term=lay_term, clinical_terms=", ".join(added))
                continue
            terms = split_terms(row.clinical_terms)
            listed = {term.lower() for term in [row.lay_term, *terms]}
            new = [term for term in added if term.lower() not in listed]
            if new:
                row.clinical_terms = ", ".join(terms + new)
                row.save()

    def remove(apps, schema_editor):
        Synonym = apps.get_model("search", "Synonym")
        for lay_term, added in synonyms.items():
            Synonym.objects.filter(lay_term=lay_term, clinical_terms=", ".join(added)).delete()

    return add, remove


class Migration(migrations.Migration):
    dependencies = [("search", "0033_search_common_stems_estimated_from_their_upper_tiers")]

    operations = [migrations.RunPython(*adding_terms(SYNONYMS))]
