"""Yearly partitions of the ledger table on PostgreSQL (migration lms 0007, docs/scale.md).

Each year of "on" has its own partition, `lms_hourentry_y<year>`; rows outside every year land
in `lms_hourentry_default`. `partitions_ensure` adds the missing years through a given year,
first moving any rows of those years out of the default partition; running it again changes
nothing. On SQLite, or before the migration, there is nothing to do.
"""

from django.db import connection, transaction

from lms.models import HourEntry

TABLE = HourEntry._meta.db_table
DEFAULT = f"{TABLE}_default"

PARTITION_YEARS = """
SELECT substring(c.relname FROM '_y([0-9]{4})$')::int FROM pg_inherits i
JOIN pg_class c ON c.oid = i.inhrelid
WHERE i.inhparent = %s::regclass AND c.relname ~ '_y[0-9]{4}$'
"""
SELF_REFERENCE = """
SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint
WHERE conrelid = %s::regclass AND confrelid = conrelid AND contype = 'f' AND conparentid = 0
"""


def is_partitioned() -> bool:
    """Whether the ledger is a partitioned table here (PostgreSQL after migration lms 0007)."""
    if connection.vendor != "postgresql":
        return False
    with connection.cursor() as cursor:
        cursor.execute("SELECT relkind FROM pg_class WHERE oid = %s::regclass", [TABLE])
        return cursor.fetchone()[0] == "p"


def partition_years() -> list[int]:
    """The years that have their own partition, in order."""
    with connection.cursor() as cursor:
        cursor.execute(PARTITION_YEARS, [TABLE])
        return sorted(year for (year,) in cursor.fetchall())


@transaction.atomic
def partitions_ensure(*, through_year: int) -> list[str]:
    """Create the partitions missing between the first partitioned year and `through_year`,
    and one for each year found in the default partition; returns the names created."""
    if not is_partitioned():
        return []
    existing = set(partition_years())
    with connection.cursor() as cursor:
        cursor.execute(
            f'SELECT DISTINCT EXTRACT(YEAR FROM "on")::int FROM {DEFAULT}'  # noqa: S608
        )
        stray = {year for (year,) in cursor.fetchall()}
    first = min(existing or {through_year})
    wanted = (set(range(first, through_year + 1)) | stray) - existing
    return [_partition_create(year, moving=year in stray) for year in sorted(wanted)]


def _partition_create(year: int, *, moving: bool) -> str:
    """One year's partition; with `moving`, its rows leave the default partition first (a new
    partition cannot be attached while the default one holds rows of its range). PostgreSQL
    checks the reversal self-reference per partition, so it is dropped for the move and added
    back (validated against every row) before the transaction ends."""
    name = f"{TABLE}_y{int(year)}"
    bounds = f"FROM ('{year}-01-01') TO ('{year + 1}-01-01')"
    where = f"\"on\" >= '{year}-01-01' AND \"on\" < '{year + 1}-01-01'"
    with connection.cursor() as cursor:
        if not moving:
            cursor.execute(f"CREATE TABLE {name} PARTITION OF {TABLE} FOR VALUES {bounds}")
            return name
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # no pending checks on altered tables
        cursor.execute(SELF_REFERENCE, [TABLE])
        self_reference = cursor.fetchall()
        for constraint, _ in self_reference:
            cursor.execute(f'ALTER TABLE {TABLE} DROP CONSTRAINT "{constraint}"')
        cursor.execute(
            f"CREATE TABLE {name} (LIKE {TABLE} INCLUDING DEFAULTS INCLUDING CONSTRAINTS)"
        )
        cursor.execute(f"INSERT INTO {name} SELECT * FROM {DEFAULT} WHERE {where}")  # noqa: S608
        cursor.execute(f"DELETE FROM {DEFAULT} WHERE {where}")  # noqa: S608
        cursor.execute(f"ALTER TABLE {TABLE} ATTACH PARTITION {name} FOR VALUES {bounds}")
        for constraint, definition in self_reference:
            cursor.execute(f'ALTER TABLE {TABLE} ADD CONSTRAINT "{constraint}" {definition}')
    return name
