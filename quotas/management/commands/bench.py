"""`manage.py bench [--repeat N]`: server times of the quota pages at province scale.

Run on PostgreSQL after `seed_demo --scale province`. Prints one JSON line per case: the whole
page through the Django test client (median and p95 in ms over repeated runs with random
subjects), the evaluation call alone, the number of queries of one page, and the time of one
hand-written SQL query computing the same numbers (the floor). Figures only: nothing asserts.
"""

import json
import random
import statistics
import time
from collections.abc import Callable

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from directory.models import Person, Position, Region, ServicePoint
from quotas import dashboards, evaluation

FLOOR_PERSON = """
SELECT kind, providing_level, SUM(minutes) FROM lms_hourentry
WHERE person_id = %s AND "on" BETWEEN %s AND %s GROUP BY kind, providing_level
"""
FLOOR_STATION = """
SELECT person_id, kind, providing_level, SUM(minutes) FROM lms_hourentry
WHERE person_id IN ({marks}) AND "on" BETWEEN %s AND %s GROUP BY 1, 2, 3
"""
FLOOR_REGION = """
SELECT e.person_id, e.kind, e.providing_level, SUM(e.minutes)
FROM lms_hourentry e
JOIN directory_position p ON p.person_id = e.person_id AND p.ends_on IS NULL
JOIN directory_servicepoint s ON s.id = p.service_point_id
JOIN directory_region r ON r.id = s.region_id
WHERE r.path LIKE %s AND e."on" BETWEEN %s AND %s
GROUP BY e.person_id, e.kind, e.providing_level
"""


def _ms(samples: list[float]) -> dict:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
    return {"median": round(statistics.median(ordered) * 1000, 2), "p95": round(p95 * 1000, 2)}


def _timed(call: Callable[[], object], repeat: int) -> list[float]:
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        call()
        samples.append(time.perf_counter() - started)
    return samples


class Command(BaseCommand):
    help = "Benchmark the quota pages and evaluations (JSON lines)."

    def add_arguments(self, parser):
        parser.add_argument("--repeat", type=int, default=20)
        parser.add_argument("--year", type=int, default=None)

    def handle(self, *args, repeat: int, year: int | None, **options):
        today = timezone.localdate()
        year = year or today.year
        admin = User.objects.filter(is_superuser=True).first()
        if admin is None:
            raise CommandError("No superuser: run seed_demo first.")
        rng = random.Random(7)  # noqa: S311 - sampling subjects, not secrets
        workers = list(
            Person.objects.filter(user__isnull=False, positions__ends_on__isnull=True)
            .values_list("pk", flat=True)
            .distinct()[:500]
        ) or list(Person.objects.values_list("pk", flat=True)[:500])
        counties = list(Region.objects.filter(level="county").values_list("pk", flat=True))
        cities = list(Region.objects.filter(level="city").values_list("pk", flat=True))
        stations = list(
            ServicePoint.objects.filter(kind="township_station").values_list("pk", flat=True)
        )
        province = Region.objects.filter(level="province").order_by("-numchild").first()
        first, last = f"{year}-01-01", min(today, today.replace(year=year, month=12, day=31))
        with override_settings(ALLOWED_HOSTS=["testserver"], DEBUG=False):
            client = Client()
            client.force_login(admin)
            self._person_case(client, rng, workers, year, today, repeat, first, last)
            client.force_login(admin)
            self._station_case(client, rng, stations, year, today, repeat)
            for name, pool in (("county dashboard", counties), ("city dashboard", cities)):
                self._region_case(client, name, rng, pool, year, today, repeat, first, last)
            self._region_case(
                client,
                "province dashboard",
                rng,
                [province.pk],
                year,
                today,
                max(3, repeat // 4),
                first,
                last,
            )
            self._export_case(client, rng, counties, year, max(3, repeat // 4))

    def _emit(self, **line) -> None:
        self.stdout.write(json.dumps(line, ensure_ascii=False))

    def _page(self, client: Client, url: str) -> int:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        if response.status_code != 200:
            raise CommandError(f"{url} answered {response.status_code}")
        return len(queries)

    def _floor(self, sql: str, params: list, repeat: int) -> dict:
        def run():
            with connection.cursor() as cursor:
                cursor.execute(sql, params)
                cursor.fetchall()

        return _ms(_timed(run, repeat))

    def _person_case(self, client, rng, workers, year, today, repeat, first, last):
        people = {
            pk: Person.objects.get(pk=pk) for pk in rng.sample(workers, min(repeat, len(workers)))
        }
        users = {pk: p.user for pk, p in people.items() if p.user_id}
        subjects = list(users)

        def page():
            person_id = rng.choice(subjects)
            client.force_login(users[person_id])
            client.get(reverse("quotas:mine") + f"?year={year}")

        client.force_login(users[subjects[0]])
        queries = self._page(client, reverse("quotas:mine") + f"?year={year}")
        page_ms = _ms(_timed(page, repeat))
        eval_ms = _ms(
            _timed(
                lambda: evaluation.evaluate_person(
                    person=people[rng.choice(subjects)], year=year, today=today
                ),
                repeat,
            )
        )
        floor = self._floor(FLOOR_PERSON, [subjects[0], first, last], repeat)
        self._emit(
            case="worker page",
            page_ms=page_ms,
            evaluation_ms=eval_ms,
            queries=queries,
            floor_ms=floor,
        )

    def _station_case(self, client, rng, stations, year, today, repeat):
        url = lambda pk: reverse("quotas:station", args=[pk]) + f"?year={year}"  # noqa: E731
        queries = self._page(client, url(stations[0]))
        page_ms = _ms(_timed(lambda: client.get(url(rng.choice(stations))), repeat))
        points = {
            pk: ServicePoint.objects.select_related("region").get(pk=pk)
            for pk in rng.sample(stations, min(repeat, len(stations)))
        }
        eval_ms = _ms(
            _timed(
                lambda: evaluation.evaluate_station(
                    service_point=points[rng.choice(list(points))], year=year, today=today
                ),
                repeat,
            )
        )
        staff = list(
            Position.objects.filter(service_point_id=stations[0], ends_on__isnull=True).values_list(
                "person_id", flat=True
            )
        )
        marks = ", ".join(["%s"] * len(staff)) or "NULL"
        floor = self._floor(
            FLOOR_STATION.format(marks=marks), [*staff, f"{year}-01-01", f"{year}-12-31"], repeat
        )
        self._emit(
            case="station page",
            page_ms=page_ms,
            evaluation_ms=eval_ms,
            queries=queries,
            floor_ms=floor,
        )

    def _region_case(self, client, name, rng, pool, year, today, repeat, first, last):
        url = lambda pk: reverse("quotas:region", args=[pk]) + f"?year={year}"  # noqa: E731
        queries = self._page(client, url(pool[0]))
        page_ms = _ms(_timed(lambda: client.get(url(rng.choice(pool))), repeat))
        regions = {pk: Region.objects.get(pk=pk) for pk in pool[: max(repeat, 1)]}
        eval_ms = _ms(
            _timed(
                lambda: dashboards.region_dashboard(
                    region=regions[rng.choice(list(regions))], year=year, today=today
                ),
                repeat,
            )
        )
        floor = self._floor(FLOOR_REGION, [regions[pool[0]].path + "%", first, last], repeat)
        self._emit(
            case=name, page_ms=page_ms, evaluation_ms=eval_ms, queries=queries, floor_ms=floor
        )

    def _export_case(self, client, rng, counties, year, repeat):
        url = lambda pk: reverse("quotas:region_export", args=[pk]) + f"?year={year}"  # noqa: E731
        queries = self._page(client, url(counties[0]))
        page_ms = _ms(_timed(lambda: client.get(url(rng.choice(counties))), repeat))
        self._emit(case="county export", page_ms=page_ms, queries=queries)
