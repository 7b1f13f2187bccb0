"""`manage.py seed_scale [--factor 10]`: multiply the province-scale demo data (PostgreSQL).

Run on a copy of a database seeded with `seed_demo --scale province` (docs/scale.md). The
province with the most cities gets `factor - 1` copies of each of its cities, with everything
the dashboards and the ledger read below them: regions, service points, people (without
accounts), positions, the historical ledger rows (adjustments; attendance and external credits
name rows that are not copied), the yearly training and supervision summaries, qualifications
and monthly reports. Copies are made in SQL (INSERT … SELECT), ids shifted by a per-table
offset; codes and hashes get a suffix so that they stay unique. Figures per phase go to stderr.
Run `VACUUM ANALYZE` afterwards (index-only scans need the visibility map).
"""

import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from directory.models import Region

# Table → {column: table whose id it holds}; those columns are shifted with that table's ids.
COPIED = {
    "directory_region": {},
    "directory_servicepoint": {"region_id": "directory_region"},
    "directory_person": {"region_id": "directory_region"},
    "directory_position": {
        "person_id": "directory_person",
        "service_point_id": "directory_servicepoint",
    },
    "supervision_receivedsummary": {"person_id": "directory_person"},
    "supervision_stationsummary": {"service_point_id": "directory_servicepoint"},
    "credentials_qualification": {"person_id": "directory_person"},
    "quotas_monthlyreport": {"service_point_id": "directory_servicepoint"},
}
# Which rows of each table belong to the province (temporary tables of ids, made below).
SCOPE = {
    "directory_region": "id IN (SELECT id FROM scale_regions)",
    "directory_servicepoint": "id IN (SELECT id FROM scale_points)",
    "directory_person": "id IN (SELECT id FROM scale_people)",
    "directory_position": "service_point_id IN (SELECT id FROM scale_points)",
    "supervision_receivedsummary": "person_id IN (SELECT id FROM scale_people)",
    "supervision_stationsummary": "service_point_id IN (SELECT id FROM scale_points)",
    "credentials_qualification": "person_id IN (SELECT id FROM scale_people)",
    "quotas_monthlyreport": "service_point_id IN (SELECT id FROM scale_points)",
}
# Columns rewritten in copy %(k)s: unique codes and hashes, accounts left behind.
REWRITTEN = {
    "directory_region": {
        "path": "m.new_prefix || substr(t.path, %(cut)s)",
        "code": "chr(64 + %(k)s) || substr(t.code, 2)",
    },
    "directory_servicepoint": {"code": "t.code || '~' || %(k)s"},
    "directory_person": {
        "id_number_hash": "md5(t.id_number_hash || %(k)s) || md5(%(k)s || t.id_number_hash)",
        "mobile_hash": "md5(t.mobile_hash || %(k)s) || md5(%(k)s || t.mobile_hash)",
        "user_id": "NULL",
    },
    "credentials_qualification": {"certificate_number": "t.certificate_number || '~' || %(k)s"},
}
LEDGER_INDEXES = """
SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'lms_hourentry' AND indexname NOT IN
(SELECT conname FROM pg_constraint WHERE conrelid = 'lms_hourentry'::regclass)
"""
LEDGER_COLUMNS = (
    'person_id, "on", minutes, kind, providing_level, source, reason, entered_by_id, entered_at'
)


class Command(BaseCommand):
    help = "Multiply the province-scale demo data by --factor (PostgreSQL, for benchmarks)."

    def add_arguments(self, parser):
        parser.add_argument("--factor", type=int, default=10)

    def handle(self, *args, factor: int, **options):
        if connection.vendor != "postgresql":
            raise CommandError("seed_scale writes with PostgreSQL's SQL; set DATABASE_URL.")
        province = Region.objects.filter(level=Region.Level.PROVINCE).order_by("-numchild")[0]
        cities = list(province.get_children().order_by("path").values_list("path", flat=True))
        if not cities or Region.objects.filter(code__startswith="A").exists():
            raise CommandError("No province-scale data, or it was multiplied already.")
        self.started = time.perf_counter()
        with transaction.atomic(), connection.cursor() as cursor:
            self.cursor = cursor
            # A bulk load of copies of consistent rows: skip the per-row foreign-key and
            # append-only triggers for this transaction (superuser; 18 M deferred checks
            # would otherwise be queued in memory until the commit).
            self._run("SET LOCAL session_replication_role = replica")
            self._run("SET CONSTRAINTS ALL IMMEDIATE")  # nothing pending on the tables altered
            self._scope(province)
            offsets = {
                table: self._one(f"SELECT COALESCE(MAX(id), 0) + 1 FROM {table}")  # noqa: S608
                for table in COPIED
            }
            self._city_map(province, cities, factor)
            for k in range(1, factor):
                for table, shifted in COPIED.items():
                    self._copy(table, shifted, offsets, k, cut=len(cities[0]) + 1)
            indexes = self._ledger_indexes_drop()
            for k in range(1, factor):
                self._ledger(offsets["directory_person"], k)
            for statement in indexes:
                self._run(statement)
            self._phase("ledger indexes rebuilt")
            self._run(
                "UPDATE directory_region SET numchild = %s WHERE id = %s",
                [len(cities) * factor, province.pk],
            )
            for table in [*COPIED, "lms_hourentry", "lms_hoursummary"]:
                self._run(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), MAX(id)) FROM {table}"  # noqa: S608
                )

    def _scope(self, province: Region) -> None:
        self._run(
            "CREATE TEMPORARY TABLE scale_regions ON COMMIT DROP AS "
            "SELECT id FROM directory_region WHERE path LIKE %s",
            [province.path + "_%"],
        )
        self._run(
            "CREATE TEMPORARY TABLE scale_points ON COMMIT DROP AS SELECT id "
            "FROM directory_servicepoint WHERE region_id IN (SELECT id FROM scale_regions)"
        )
        self._run(
            "CREATE TEMPORARY TABLE scale_people ON COMMIT DROP AS SELECT DISTINCT person_id AS id "
            "FROM directory_position WHERE service_point_id IN (SELECT id FROM scale_points)"
        )
        # The ledger rows copied, and their yearly totals (the summary of each copy).
        self._run(
            f"CREATE TEMPORARY TABLE scale_ledger ON COMMIT DROP AS SELECT {LEDGER_COLUMNS} "  # noqa: S608
            "FROM lms_hourentry WHERE person_id IN (SELECT id FROM scale_people) "
            "AND source = 'adjustment' AND reverses_id IS NULL"
        )
        self._run(
            "CREATE TEMPORARY TABLE scale_summary ON COMMIT DROP AS "
            'SELECT person_id, EXTRACT(YEAR FROM "on")::int AS year, kind, providing_level, '
            "SUM(minutes) AS minutes FROM scale_ledger GROUP BY 1, 2, 3, 4"
        )
        self._phase("scope")

    def _city_map(self, province: Region, cities: list[str], factor: int) -> None:
        """Copy k of the i-th city becomes the province's (k·n + i + 1)-th child."""
        self._run(
            "CREATE TEMPORARY TABLE scale_cities "
            "(k int, old_prefix text, new_prefix text) ON COMMIT DROP"
        )
        rows = [
            (k, path, Region._get_path(province.path, province.depth + 1, k * len(cities) + i + 1))
            for k in range(1, factor)
            for i, path in enumerate(cities)
        ]
        self.cursor.executemany("INSERT INTO scale_cities VALUES (%s, %s, %s)", rows)

    def _columns(self, table: str) -> list[str]:
        self.cursor.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = %s "
            "ORDER BY ordinal_position",
            [table],
        )
        return [name for (name,) in self.cursor.fetchall()]

    def _copy(self, table: str, shifted: dict, offsets: dict, k: int, *, cut: int) -> None:
        columns = self._columns(table)
        rewritten = REWRITTEN.get(table, {})
        values = []
        for column in columns:
            if column in rewritten:
                values.append(rewritten[column])
            elif column == "id":
                values.append(f"t.id + %(k)s * {offsets[table]}")
            elif column == "region_id":  # people and points outside the province keep theirs
                shift = f"t.region_id + %(k)s * {offsets['directory_region']}"
                inside = "t.region_id IN (SELECT id FROM scale_regions)"
                values.append(f"CASE WHEN {inside} THEN {shift} ELSE t.region_id END")
            elif column in shifted:
                values.append(f"t.{column} + %(k)s * {offsets[shifted[column]]}")
            else:
                values.append(f"t.{column}")
        join = (
            " JOIN scale_cities m ON m.k = %(k)s AND left(t.path, %(prefix)s) = m.old_prefix"
            if table == "directory_region"
            else ""
        )
        quoted = ", ".join(f'"{c}"' for c in columns)
        sql = (
            f"INSERT INTO {table} ({quoted}) SELECT {', '.join(values)} "  # noqa: S608
            f"FROM {table} t{join} WHERE t.{SCOPE[table]}"
        )
        self._run(sql, {"k": k, "cut": cut, "prefix": cut - 1})
        self._phase(f"copy {k}: {table}")

    def _ledger(self, person_offset: int, k: int) -> None:
        shift = f"person_id + {k} * {person_offset}"
        self._run(
            f"INSERT INTO lms_hourentry ({LEDGER_COLUMNS}) "  # noqa: S608
            f"SELECT {shift}, {LEDGER_COLUMNS.split(', ', 1)[1]} FROM scale_ledger"
        )
        self._phase(f"copy {k}: lms_hourentry")
        self._run(
            "INSERT INTO lms_hoursummary (person_id, year, kind, providing_level, minutes) "  # noqa: S608
            f"SELECT {shift}, year, kind, providing_level, minutes FROM scale_summary"
        )

    def _ledger_indexes_drop(self) -> list[str]:
        """Drop the ledger's plain indexes (faster to build once after the load than to
        maintain row by row); returns the statements that create them again."""
        self.cursor.execute(LEDGER_INDEXES)
        indexes = self.cursor.fetchall()
        for name, _ in indexes:
            self._run(f'DROP INDEX "{name}"')
        return [definition.replace(" ON ONLY ", " ON ") for _, definition in indexes]

    def _one(self, sql: str):
        self.cursor.execute(sql)
        return self.cursor.fetchone()[0]

    def _run(self, sql: str, params=None) -> None:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            self.rows = cursor.rowcount

    def _phase(self, name: str) -> None:
        elapsed = time.perf_counter() - self.started
        self.stderr.write(f"{elapsed:8.1f}s  {name}: {self.rows} rows")
