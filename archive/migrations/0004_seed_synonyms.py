"""A first list of patients' words and the clinical words the answers use for the same thing.

Editors keep the list in admin from here on; unapplying this migration removes only these rows.
"""

from django.db import migrations

SYNONYMS = [
    ("slipped disc", "herniated disc, prolapsed disc, disc herniation, disc prolapse, bulging disc"),
    ("dizzy", "vertigo, dizziness, imbalance, giddiness"),
    ("bum", "buttock, buttocks, gluteal"),
    ("bottom", "buttock, buttocks"),
    ("pins and needles", "tingling, paraesthesia, paresthesia"),
    ("trapped nerve", "nerve impingement, pinched nerve, nerve compression, radiculopathy"),
    ("sciatic", "sciatica"),
    ("shooting pain", "radiating pain, neuralgia"),
    ("lower back", "lumbar, lumbar spine"),
    ("back pain", "lumbago, backache"),
    ("wear and tear", "degeneration, degenerative, spondylosis, osteoarthritis"),
    ("worn discs", "disc degeneration, degenerative disc disease"),
    ("narrowing of the spine", "stenosis, spinal stenosis, lumbar canal stenosis"),
    ("bruise", "haematoma, hematoma"),
    ("side effects", "adverse events, adverse effects, adverse reactions"),
    ("flare up", "exacerbation, exacerbated, aggravated"),
    ("cramp", "spasm, spasms"),
    ("feeling sick", "nausea, nauseous"),
    ("tired", "tiredness, fatigue"),
    ("pregnant", "pregnancy, antenatal"),
    ("tailbone", "coccyx"),
    ("backbone", "spine, spinal"),
    ("scan", "MRI, magnetic resonance imaging"),
    ("doctor", "GP, physician"),
    ("jab", "injection"),
    ("weak legs", "leg weakness, weakness"),
]


def add_synonyms(apps, schema_editor):
    Synonym = apps.get_model("archive", "Synonym")
    Synonym.objects.bulk_create(
        [Synonym(lay_term=lay, clinical_terms=clinical) for lay, clinical in SYNONYMS]
    )


def remove_synonyms(apps, schema_editor):
    Synonym = apps.get_model("archive", "Synonym")
    Synonym.objects.filter(lay_term__in=[lay for lay, _ in SYNONYMS]).delete()


class Migration(migrations.Migration):
    dependencies = [("archive", "0003_search_lexicon")]

    operations = [migrations.RunPython(add_synonyms, remove_synonyms)]
