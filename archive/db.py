"""SQL that keeps `archive.ContentVersion` moving, for migrations: any app whose table holds
public content adds `content_version_trigger(its table)` in a migration of its own."""

from django.db import migrations

# Moves the version on (re-creating its row if it was ever removed); callable from SQL and from
# ContentVersion.bump().
BUMP_FUNCTION = """
CREATE OR REPLACE FUNCTION archive_bump_content_version() RETURNS void LANGUAGE sql AS $$
    INSERT INTO archive_contentversion (id, version, changed_at)
    VALUES (1, 1, clock_timestamp())
    ON CONFLICT (id) DO UPDATE
        SET version = archive_contentversion.version + 1, changed_at = clock_timestamp();
$$;
CREATE OR REPLACE FUNCTION archive_content_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM archive_bump_content_version();
    RETURN NULL;
END $$;
INSERT INTO archive_contentversion (id, version, changed_at) VALUES (1, 1, clock_timestamp())
ON CONFLICT (id) DO NOTHING;
"""
DROP_BUMP_FUNCTION = """
DROP FUNCTION IF EXISTS archive_content_changed();
DROP FUNCTION IF EXISTS archive_bump_content_version();
"""


def content_version_trigger(table):
    """A migration operation: every statement that writes `table` moves the version on, once per
    statement (however many rows), inside the writer's own transaction."""
    name = f"{table}_content_version"
    return migrations.RunSQL(
        f"CREATE TRIGGER {name} AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table} "
        "FOR EACH STATEMENT EXECUTE FUNCTION archive_content_changed();",
        f"DROP TRIGGER IF EXISTS {name} ON {table};",
    )
