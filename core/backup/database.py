"""The database as one file: SQLite's online backup API, or pg_dump's custom format.

Both copy a consistent state of a live database, without loading rows into Python (no
`dumpdata`), and restore only into an empty database.
"""

import os
import sqlite3
import subprocess
from pathlib import Path

from django.db import connection

SQLITE_FILE = "database.sqlite3"
POSTGRESQL_FILE = "database.dump"


class UnsupportedDatabase(Exception):
    pass


def database_file_name() -> str:
    if connection.vendor == "sqlite":
        return SQLITE_FILE
    if connection.vendor == "postgresql":
        return POSTGRESQL_FILE
    raise UnsupportedDatabase(connection.vendor)


def database_is_empty() -> bool:
    """No table at all: nothing has been migrated or restored into it yet."""
    return not connection.introspection.table_names()


def database_dump(target: Path, *, snapshot: str | None = None) -> None:
    """Copy the database into `target`; on PostgreSQL as of `snapshot` when one is given."""
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        copy = sqlite3.connect(target)
        try:
            connection.connection.backup(copy)
        finally:
            copy.close()
        return
    database_file_name()
    arguments = ["--format=custom", "--no-owner", "--file", str(target)]
    if snapshot:
        arguments.append(f"--snapshot={snapshot}")
    _run_postgresql("pg_dump", arguments)


def database_load(source: Path) -> None:
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        backup = sqlite3.connect(source)
        try:
            backup.backup(connection.connection)
        finally:
            backup.close()
        return
    database_file_name()
    _run_postgresql(
        "pg_restore",
        ["--no-owner", "--exit-on-error", "--single-transaction", str(source)],
        database_option=True,
    )


def _run_postgresql(program: str, arguments: list[str], *, database_option: bool = False) -> None:
    """Run a PostgreSQL client with the connection settings Django's `dbshell` would use."""
    client_args, client_env = connection.client.settings_to_cmd_args_env(
        connection.settings_dict, []
    )
    *connection_args, database = client_args[1:]
    target = ["--dbname", database] if database_option else [database]
    env = {**os.environ, **(client_env or {})}
    command = [program, *connection_args, *target, *arguments]
    subprocess.run(command, env=env, check=True)  # noqa: S603 (settings and a path, no shell)
