"""The addresses of deleted Q&As, kept so that no other Q&A is ever given one."""

import django.utils.timezone
from django.db import migrations, models

# A deleted Q&A's address is remembered in the same statement, whatever deletes it, and no Q&A
# is ever given a remembered one: a link to the deleted answer must never open another.
RETIRE_SLUGS = """
CREATE FUNCTION archive_retire_slug() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO archive_retiredslug (slug, retired_at) VALUES (OLD.slug, now())
    ON CONFLICT (slug) DO NOTHING;
    RETURN NULL;
END $$;
CREATE TRIGGER archive_question_retire_slug AFTER DELETE ON archive_question
FOR EACH ROW EXECUTE FUNCTION archive_retire_slug();

CREATE FUNCTION archive_refuse_retired_slug() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM archive_retiredslug WHERE slug = NEW.slug) THEN
        RAISE unique_violation USING MESSAGE = format(
            'The address %L belonged to a deleted Q&A and is never given to another.', NEW.slug
        );
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER archive_question_refuse_retired_slug BEFORE INSERT OR UPDATE OF slug
ON archive_question FOR EACH ROW EXECUTE FUNCTION archive_refuse_retired_slug();
"""
UNDO = """
DROP TRIGGER IF EXISTS archive_question_refuse_retired_slug ON archive_question;
DROP FUNCTION IF EXISTS archive_refuse_retired_slug();
DROP TRIGGER IF EXISTS archive_question_retire_slug ON archive_question;
DROP FUNCTION IF EXISTS archive_retire_slug();
"""


class Migration(migrations.Migration):

    dependencies = [
        ('archive', '0015_question_slug_kept_once_published'),
    ]

    operations = [
        migrations.CreateModel(
            name='RetiredSlug',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('slug', models.SlugField(max_length=200, unique=True)),
                ('retired_at', models.DateTimeField(default=django.utils.timezone.now)),
            ],
            options={
                'verbose_name': 'address of a deleted Q&A',
                'verbose_name_plural': 'addresses of deleted Q&As',
            },
        ),
        migrations.RunSQL(RETIRE_SLUGS, UNDO),
    ]
