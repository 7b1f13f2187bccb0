"""`manage.py bench_ledger`: time the ledger selectors on the current data (JSON lines).

Prints the ledger size, then for one person's yearly summary, a station's, a county's and the
province's totals (from the ledger rows, and for whole years from the summary table) the median
time over `--repeat` runs (the first run warms the cache and is not counted).
"""

import json
import statistics
import time

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Count
from django.utils import timezone

from directory.models import Position, Region, ServicePoint
from lms import selectors
from lms.models import HourEntry


class Command(BaseCommand):
    help = "Time the training-hours selectors; prints JSON lines."

    def add_arguments(self, parser):
        parser.add_argument("--repeat", type=int, default=21)

    def handle(self, *args, repeat: int, **options):
        today = timezone.localdate()
        year = {
            "starts_on": today.replace(month=1, day=1),
            "ends_on": today.replace(month=12, day=31),
        }
        busiest = (
            HourEntry.objects.values("person_id").annotate(n=Count("pk")).order_by("-n").first()
        )
        if busiest is None:
            raise CommandError("The ledger is empty: run `manage.py seed_demo --scale province`.")
        person = busiest["person_id"]
        station = ServicePoint.objects.get(
            pk=Position.objects.filter(person_id=person).values("service_point_id")[:1]
        )
        county = Region.objects.get(level="county", path=station.region.path[: 3 * Region.steplen])
        self._line({"ledger_rows": HourEntry.objects.count()})
        cases = {
            "person_year_summary": lambda: selectors.person_minutes(person=person, **year),
            "station_totals": lambda: selectors.station_minutes(
                service_point=station, today=today, **year
            ),
            "county_totals": lambda: selectors.region_minutes(
                region_path=county.path, today=today, **year
            ),
            "province_totals": lambda: selectors.region_minutes(
                region_path=county.path[: Region.steplen], today=today, **year
            ),
            "county_year_from_summary": lambda: selectors.region_year_minutes(
                region_path=county.path, year=today.year, today=today
            ),
            "province_year_from_summary": lambda: selectors.region_year_minutes(
                region_path=county.path[: Region.steplen], year=today.year, today=today
            ),
        }
        for name, call in cases.items():
            result = call()
            times = []
            for _ in range(repeat):
                started = time.perf_counter()
                call()
                times.append(time.perf_counter() - started)
            self._line(
                {
                    "case": name,
                    "median_ms": round(statistics.median(times) * 1000, 3),
                    "repeat": repeat,
                    "result_minutes": sum(result.values()),
                }
            )

    def _line(self, data: dict) -> None:
        self.stdout.write(json.dumps(data, ensure_ascii=False))
