"""PostgreSQL only: the ledger becomes a table partitioned by year of "on" (docs/scale.md).

One partition per year, from the first year in the ledger (this year when empty) through next
year, plus a DEFAULT partition for anything outside; `manage.py ledger_partitions` adds later
years. Rows are copied into the new table, which then takes the old one's name, sequence,
indexes, checks, foreign keys and append-only trigger under their old names.

PostgreSQL requires every unique key of a partitioned table to include the partition key:
- the primary key becomes (id, "on"); ids still come from one sequence;
- the one-to-ones become unique on (attendance_id, "on"), (external_id, "on"),
  (reverses_id, "on");
- the reversal's self reference becomes (reverses_id, "on") → (id, "on"): a reversal carries its
  original's date (lms.services.ledger does so), which keeps one reversal per original.

Django's model state does not change (the ORM still sees `id` as the key and the one-to-ones), so
there are no state operations. The reverse turns the table back into a plain one. SQLite: no-op.
"""

from django.db import migrations
from django.utils import timezone

TABLE = "lms_hourentry"
ONE_TO_ONE = {"attendance_id", "external_id", "reverses_id"}

CONSTRAINTS = """
SELECT c.conname, c.contype, pg_get_constraintdef(c.oid), c.confrelid = c.conrelid,
    ARRAY(
        SELECT a.attname FROM unnest(c.conkey) WITH ORDINALITY AS k(attnum, n)
        JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum ORDER BY k.n
    )
FROM pg_constraint c WHERE c.conrelid = %s::regclass AND c.conparentid = 0
ORDER BY c.contype = 'f', c.conname
"""
INDEXES = """
SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema()
AND tablename = %s AND indexname NOT IN (
    SELECT conname FROM pg_constraint WHERE conrelid = %s::regclass AND contype IN ('p', 'u')
)
ORDER BY indexname
"""
TRIGGERS = """
SELECT pg_get_triggerdef(oid) FROM pg_trigger
WHERE tgrelid = %s::regclass AND NOT tgisinternal AND tgparentid = 0
"""
MISDATED_REVERSALS = """
SELECT COUNT(*) FROM lms_hourentry r JOIN lms_hourentry o ON o.id = r.reverses_id
WHERE r."on" <> o."on"
"""


def _catalog(cursor):
    cursor.execute(CONSTRAINTS, [TABLE])
    constraints = cursor.fetchall()
    cursor.execute(INDEXES, [TABLE, TABLE])
    indexes = [definition.replace(" ON ONLY ", " ON ") for _, definition in cursor.fetchall()]
    cursor.execute(TRIGGERS, [TABLE])
    triggers = [definition for (definition,) in cursor.fetchall()]
    return constraints, indexes, triggers


def _constraint_sql(name, kind, definition, self_reference, columns, *, partitioned):
    """The constraint as it must read on the new table: keys gain or lose "on"."""
    key = [c for c in columns if c != "on"]
    on = ', "on"' if partitioned else ""
    if kind == "p":
        return f"PRIMARY KEY (id{on})"
    if kind == "u":
        if len(key) != 1 or key[0] not in ONE_TO_ONE:
            raise RuntimeError(f"Unexpected unique constraint {name} on {columns}")
        return f"UNIQUE ({key[0]}{on})"
    if kind == "f" and self_reference:
        if partitioned:
            return (
                f'FOREIGN KEY ({key[0]}, "on") REFERENCES {TABLE} (id, "on") '
                "DEFERRABLE INITIALLY DEFERRED"
            )
        return f"FOREIGN KEY ({key[0]}) REFERENCES {TABLE} (id) DEFERRABLE INITIALLY DEFERRED"
    return definition


def _rebuild(schema_editor, *, partitioned):
    """Copy the ledger into a new (partitioned or plain) table that takes the old one's place."""
    new = f"{TABLE}_new"
    with schema_editor.connection.cursor() as cursor:
        constraints, indexes, triggers = _catalog(cursor)
        cursor.execute(MISDATED_REVERSALS)
        if partitioned and cursor.fetchone()[0]:
            raise RuntimeError("Some reversals are not dated as their originals; fix them first.")
        cursor.execute("SELECT pg_get_serial_sequence(%s, 'id')", [TABLE])
        (sequence,) = cursor.fetchone()
        cursor.execute(f"SELECT last_value, is_called FROM {sequence}")
        last_value, is_called = cursor.fetchone()
        cursor.execute(f'SELECT MIN("on"), MAX("on") FROM {TABLE}')
        first, last = cursor.fetchone()
        this_year = timezone.localdate().year
        suffix = ' PARTITION BY RANGE ("on")' if partitioned else ""
        cursor.execute(
            f"CREATE TABLE {new} (LIKE {TABLE} INCLUDING DEFAULTS INCLUDING IDENTITY){suffix}"
        )
        if partitioned:
            first = min(first.year if first else this_year, this_year)
            last = max(last.year if last else this_year, this_year + 1)
            for year in range(first, last + 1):
                cursor.execute(
                    f"CREATE TABLE {TABLE}_y{year} PARTITION OF {new} "
                    f"FOR VALUES FROM ('{year}-01-01') TO ('{year + 1}-01-01')"
                )
            cursor.execute(f"CREATE TABLE {TABLE}_default PARTITION OF {new} DEFAULT")
        cursor.execute(f"INSERT INTO {new} OVERRIDING SYSTEM VALUE SELECT * FROM {TABLE}")
        cursor.execute(f"DROP TABLE {TABLE}")
        cursor.execute(f"ALTER TABLE {new} RENAME TO {TABLE}")
        cursor.execute("SELECT pg_get_serial_sequence(%s, 'id')", [TABLE])
        (new_sequence,) = cursor.fetchone()
        cursor.execute(f"ALTER SEQUENCE {new_sequence} RENAME TO {sequence.split('.')[-1]}")
        cursor.execute("SELECT setval(%s, %s, %s)", [sequence, last_value, is_called])
        for name, kind, definition, self_reference, columns in constraints:
            sql = _constraint_sql(
                name, kind, definition, self_reference, columns, partitioned=partitioned
            )
            cursor.execute(f'ALTER TABLE {TABLE} ADD CONSTRAINT "{name}" {sql}')
        for statement in indexes + triggers:
            cursor.execute(statement)


def partition(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        _rebuild(schema_editor, partitioned=True)


def unpartition(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        _rebuild(schema_editor, partitioned=False)


class Migration(migrations.Migration):
    dependencies = [("lms", "0006_constraint_messages")]

    operations = [migrations.RunPython(partition, unpartition)]
