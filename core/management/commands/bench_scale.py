"""`manage.py bench_scale [--inserts N]`: data size and the ledger insert path (JSON lines).

Run on PostgreSQL after `seed_demo --scale province` (and `seed_scale --factor 10` for the
10× figures, docs/scale.md), next to `manage.py bench` (the dashboards) and `bench_ledger`.
Prints the sizes (people, stations, ledger rows, whether the ledger is partitioned by year),
then the time of one credit through the real service (`ledger.hour_entry_adjust`: the ledger
row, its yearly summary and the audit row), each in its own savepoint, for people drawn at
random: median and p95 over `--inserts`. Everything written is rolled back at the end, so the
commit (WAL flush) is not in the figure. Figures only: nothing asserts.
"""

import json
import random
import statistics
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone

from accounts.models import User
from directory.models import Person, ServicePoint
from lms import partitions
from lms.models import HourEntry, Kind, Level
from lms.services import ledger


class _Rollback(Exception):
    """Raised to undo the benchmark's writes."""


class Command(BaseCommand):
    help = "Sizes and the ledger insert path's timings (JSON lines)."

    def add_arguments(self, parser):
        parser.add_argument("--inserts", type=int, default=300)

    def handle(self, *args, inserts: int, **options):
        admin = User.objects.filter(is_superuser=True).first()
        if admin is None:
            raise CommandError("No superuser: run seed_demo first.")
        self._emit(
            database=connection.vendor,
            people=Person.objects.count(),
            stations=ServicePoint.objects.filter(kind=ServicePoint.Kind.TOWNSHIP_STATION).count(),
            ledger_rows=self._count(HourEntry._meta.db_table),
            ledger_partitioned=partitions.is_partitioned(),
            partition_years=partitions.partition_years() if partitions.is_partitioned() else [],
        )
        rng = random.Random(11)  # noqa: S311 - sampling, not secrets
        pool = list(Person.objects.values_list("pk", flat=True))
        people = list(Person.objects.in_bulk(rng.sample(pool, min(inserts, len(pool)))).values())
        today = timezone.localdate()
        samples = []
        try:
            with transaction.atomic():
                for person in people:
                    started = time.perf_counter()
                    with transaction.atomic():
                        ledger.hour_entry_adjust(
                            person=person,
                            on=today,
                            minutes=rng.choice((60, 90, 180)),
                            kind=Kind.CONTINUING,
                            providing_level=Level.COUNTY,
                            reason="bench_scale",
                            entered_by=admin,
                        )
                    samples.append(time.perf_counter() - started)
                raise _Rollback
        except _Rollback:
            pass
        ordered = sorted(samples)
        self._emit(
            case="ledger credit (hour_entry_adjust)",
            median_ms=round(statistics.median(ordered) * 1000, 2),
            p95_ms=round(ordered[int(len(ordered) * 0.95)] * 1000, 2),
            inserts=len(ordered),
        )

    def _count(self, table: str) -> int:
        """Rows in a table (a count over tens of millions takes a few seconds)."""
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT COUNT(*) FROM {table}")  # noqa: S608
            return cursor.fetchone()[0]

    def _emit(self, **line) -> None:
        self.stdout.write(json.dumps(line, ensure_ascii=False))
