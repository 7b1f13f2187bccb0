"""One consistent moment for the dump and the manifest while the portal keeps running."""

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection, transaction


class SnapshotInsideTransaction(Exception):
    pass


@contextmanager
def consistent_snapshot() -> Iterator[str | None]:
    """Hold one read-only view of the database while the dump is taken and the manifest measured.

    PostgreSQL: a repeatable-read transaction exports its snapshot, yielded for
    `pg_dump --snapshot`, so both see the same rows. SQLite: a deferred transaction that only
    reads keeps one view (WAL), and SQLite's backup API may copy from it; it may not copy from a
    connection that is writing, so Django's transactions (BEGIN IMMEDIATE) are not used here.
    """
    if connection.in_atomic_block:
        raise SnapshotInsideTransaction
    if connection.vendor == "postgresql":
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            cursor.execute("SELECT pg_export_snapshot()")
            yield cursor.fetchone()[0]
        return
    connection.ensure_connection()
    raw = connection.connection
    raw.execute("BEGIN DEFERRED")
    try:
        raw.execute("SELECT count(*) FROM sqlite_master").fetchone()
        yield None
    finally:
        raw.execute("COMMIT")
