"""The seed factsheet's author was guessed by an earlier importer from a biography at the end of
its source page, which never says that person wrote it. The importer no longer guesses, and
fixtures/seed.json has no author for it; `seed` leaves rows already loaded as they are, so a
database seeded before still shows the guessed name: it is forgotten here, only where it is
still the guessed one."""

from django.db import migrations

SOURCE = "004_a843011e60147a29.txt"
GUESSED = "Colette Assor"


def forget(apps, schema_editor):
    Factsheet = apps.get_model("factsheets", "Factsheet")
    Factsheet.objects.filter(source=SOURCE, author=GUESSED).update(author="")


class Migration(migrations.Migration):
    dependencies = [("factsheets", "0003_factsheets_move_content_version")]

    # Not undone: a name the site does not know is not put back.
    operations = [migrations.RunPython(forget, migrations.RunPython.noop)]
