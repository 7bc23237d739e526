"""Forget the counts kept under addresses that are no page of the site's: before the form checked
that the address is a published Q&A or a factsheet, any text posted as one was kept
("/questions/zora-smith-from-leeds-has-cancer/"), with no end. The counts of a real Q&A set back
to draft since, or published for later, stay: its address was a page, and may be again."""

from django.db import migrations
from django.urls import Resolver404, resolve

BATCH = 1000


def is_a_page(apps, path):
    if not path.startswith("/"):
        return False
    try:
        match = resolve(path)
    except Resolver404:
        return False
    if match.view_name == "archive:question":
        pages = apps.get_model("archive", "Question").objects.all()
    elif match.view_name == "factsheets:detail":
        pages = apps.get_model("factsheets", "Factsheet").objects.all()
    else:
        return False
    return pages.filter(slug=match.kwargs["slug"]).exists()


def forget_made_up_addresses(apps, schema_editor):
    FeedbackPage = apps.get_model("feedback", "FeedbackPage")
    made_up = [
        pk
        for pk, path in FeedbackPage.objects.values_list("pk", "path").iterator()
        if not is_a_page(apps, path)
    ]
    for start in range(0, len(made_up), BATCH):
        # Their daily counts go with them (on_delete=CASCADE).
        FeedbackPage.objects.filter(pk__in=made_up[start : start + BATCH]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("feedback", "0001_helpfulness_counts"),
        ("archive", "0013_question_red_flags_stored"),
        ("factsheets", "0003_factsheets_move_content_version"),
    ]

    operations = [
        migrations.RunPython(forget_made_up_addresses, migrations.RunPython.noop, elidable=True),
    ]
