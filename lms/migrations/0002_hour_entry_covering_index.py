"""PostgreSQL only: a covering index so that ledger sums read the index alone.

At province scale (2M rows) it took a county's totals from ~3 to ~2 ms and the province's from
~450 to ~150 ms (`manage.py bench_ledger`). SQLite has no INCLUDE; the plain (person, on) index
of 0001 serves there.
"""

from django.db import migrations

CREATE = (
    'CREATE INDEX IF NOT EXISTS hour_entry_person_on_covering ON lms_hourentry '
    '(person_id, "on") INCLUDE (minutes, kind, providing_level)'
)
DROP = "DROP INDEX IF EXISTS hour_entry_person_on_covering"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("lms", "0001_initial")]

    operations = [migrations.RunPython(create, drop)]
