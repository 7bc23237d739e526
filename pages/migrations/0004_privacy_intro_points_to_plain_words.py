"""The privacy page's first text pointed to a table and said an administrator deletes a withdrawn
question. The facts below it are now in plain words, withdrawing included (SECURITY.md): its
intro only says what follows. An intro an editor has changed is left as it is."""

from importlib import import_module

from django.db import migrations

URL = "/about/privacy/"
INTRO = """
<p>You can read every page and search the archive without giving us anything, and asking a
question needs no account. Below, for each thing the site keeps that could be about you, is what
it is, why it is kept, when it ends and how to end it sooner.</p>
"""


def first_intro():
    first = import_module("pages.migrations.0001_about_pages")
    return next(page["content"] for page in first.PAGES if page["url"] == URL)


def point_to_plain_words(apps, schema_editor):
    FlatPage = apps.get_model("flatpages", "FlatPage")
    FlatPage.objects.filter(url=URL, content=first_intro()).update(content=INTRO)


def restore_first_intro(apps, schema_editor):
    FlatPage = apps.get_model("flatpages", "FlatPage")
    FlatPage.objects.filter(url=URL, content=INTRO).update(content=first_intro())


class Migration(migrations.Migration):
    dependencies = [("pages", "0003_pages_move_content_version")]

    operations = [migrations.RunPython(point_to_plain_words, restore_first_intro)]
