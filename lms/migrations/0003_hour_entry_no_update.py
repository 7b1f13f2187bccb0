"""PostgreSQL only: the ledger refuses UPDATE (append-only, STYLE.md §5).

Corrections are reversing rows; a trigger makes an accidental `.update()` or `.save()` on an
existing row fail loudly. Deleting stays possible for `seed_demo --reset`.
"""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION lms_hourentry_refuse_update() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'lms_hourentry is append-only: add a reversing row instead';
END
$$ LANGUAGE plpgsql;
CREATE TRIGGER lms_hourentry_no_update BEFORE UPDATE ON lms_hourentry
    FOR EACH ROW EXECUTE FUNCTION lms_hourentry_refuse_update();
"""
DROP = """
DROP TRIGGER IF EXISTS lms_hourentry_no_update ON lms_hourentry;
DROP FUNCTION IF EXISTS lms_hourentry_refuse_update();
"""


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("lms", "0002_hour_entry_covering_index")]

    operations = [migrations.RunPython(create, drop)]
