"""The American "disk" in the synonym list's terms of a disc: "slipped disk", "herniated disk",
"prolapsed disk" and "bulging disk" join the row of "slipped disc"; "worn disks", "disk
degeneration" and "degenerative disk disease" that of "worn discs"; "disks" that of "disk", so
that it is never corrected. A term of several words matches typed words by their stems, and
"disk" is not "disc": "herniated disk" searched "herniated" and "disk" apart and said no page
mentions "herniated", as the pages call it a slipped disc; "worn disks" said "Showing results for
worn discs", calling a correct speller's word a typo ("disk" itself joined the list in
search/0020 for that reason). Terms editors wrote in those rows are kept (search/0034's
`adding_terms`)."""

import importlib

from django.db import migrations

adding_terms = importlib.import_module("search.migrations.0034_giving_birth_synonym").adding_terms

SYNONYMS = {
    "slipped disc": ["slipped disk", "herniated disk", "prolapsed disk", "bulging disk"],
    "worn discs": ["worn disks", "disk degeneration", "degenerative disk disease"],
    "disk": ["disks"],
}


class Migration(migrations.Migration):
    dependencies = [("search", "0035_sore_synonym")]

    operations = [migrations.RunPython(*adding_terms(SYNONYMS))]
