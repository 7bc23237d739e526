"""Questions whose askers' details were erased before erasing also took what they said of the
asker's health (ask.services._erase) lose it now: the warning signs ticked and found, their
being urgent, and the factsheets and Q&As linked for the answer. It cannot be brought back."""

from django.db import migrations


def forget(apps, schema_editor):
    Submission = apps.get_model("ask", "Submission")
    erased = Submission.objects.filter(personal_data_erased_at__isnull=False)
    erased.update(red_flags_ticked=[], red_flags_in_text=[], urgent=False)
    for link in (Submission.factsheets.through, Submission.linked_questions.through):
        link.objects.filter(submission__personal_data_erased_at__isnull=False).delete()


class Migration(migrations.Migration):
    dependencies = [("ask", "0013_editors_see_retired_addresses")]

    operations = [migrations.RunPython(forget, migrations.RunPython.noop)]
