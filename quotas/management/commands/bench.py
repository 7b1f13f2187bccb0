"""`manage.py bench [--repeat N] [--year Y]`: server times of the quota pages at province scale.

Run on PostgreSQL (with Redis as the cache, as in production) after `seed_demo --scale province`
and `VACUUM ANALYZE`. Prints one JSON line per case:

- `page_ms`: the whole page through the Django test client, median and p95 over `repeat` runs,
  each for a subject drawn at random (a worker, a township station, a county, a city);
- `evaluation_ms`: the evaluation call alone for the same subjects, without rendering;
- `floor_ms`: one hand-written SQL query computing the same numbers for the same subjects,
  from the same yearly summaries (the fastest the database can answer); for the region cases,
  one query reading the same rollups as the page (the region's tally, its rows, its worst
  stations), with `summaries_floor_ms` the former floor over the people's yearly summaries;
- `refresh_ms` (region cases, with the rollups clean for the other figures): counting one stale
  station again (median over the subjects) and every station of the province;
- `queries`: the fewest and the most queries one page took over the subjects: equal when the
  count does not grow with the data;
- `subjects`: how many distinct subjects were drawn, and the people they cover (median).

Start-up objects are set aside from the garbage collector first, as a server process does
(core/startup.py). Figures only: nothing asserts; targets are read from the output (issue:
quotas, item 7).
"""

import datetime as dt
import json
import random
import statistics
import sys
import time
from collections.abc import Callable

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from core import startup
from directory.models import Person, Region, ServicePoint
from quotas.selectors import dashboards, rule_results
from quotas.services import tallies

# The floor reads the tables directly: a measuring stick for the pages, which read through
# each app's selectors.
CURRENT = "p.starts_on <= %(on)s AND (p.ends_on IS NULL OR p.ends_on >= %(on)s)"

# One worker: the yearly totals their calendar-year rules add up.
FLOOR_WORKER = """
SELECT 'training', kind, providing_level, minutes, 0 FROM lms_hoursummary
WHERE person_id = %(person)s AND year = %(year)s
UNION ALL
SELECT 'supervision', '', providing_level, confirmed_minutes, pending_minutes
FROM supervision_receivedsummary WHERE person_id = %(person)s AND year = %(year)s
"""

# One station: what its rules measure (staff, full-time, verified qualifications, R9 minutes,
# linked experts, filed reports) and its staff's yearly totals by level.
FLOOR_STATION = f"""
WITH staff AS (
    SELECT DISTINCT p.person_id, p.full_time FROM directory_position p
    WHERE p.service_point_id = %(point)s AND {CURRENT}
)
SELECT
    (SELECT COUNT(*) FROM staff),
    (SELECT COUNT(*) FROM staff WHERE full_time),
    (SELECT COUNT(DISTINCT q.person_id) FROM credentials_qualification q
     JOIN staff ON staff.person_id = q.person_id WHERE q.verified_at IS NOT NULL),
    (SELECT minutes FROM supervision_stationsummary
     WHERE service_point_id = %(point)s AND year = %(year)s),
    (SELECT COUNT(*) FROM supervision_assignment a
     WHERE a.service_point_id = %(point)s AND a.mode = 'linked_expert' AND a.starts_on <= %(on)s
       AND (a.ended_on IS NULL OR a.ended_on >= %(on)s)),
    (SELECT SUM(work_hours) FROM quotas_monthlyreport
     WHERE service_point_id = %(point)s AND month BETWEEN %(first)s AND %(last)s),
    (SELECT SUM(h.minutes) FROM lms_hoursummary h JOIN staff ON staff.person_id = h.person_id
     WHERE h.year = %(year)s),
    (SELECT SUM(v.confirmed_minutes) FROM supervision_receivedsummary v
     JOIN staff ON staff.person_id = v.person_id WHERE v.year = %(year)s)
"""  # noqa: S608 - constant fragments only; values are query parameters

# A region: how many of its people reach each level's training and supervision thresholds (the
# person rules of the province's pack), and how many township stations have staff certified.
FLOOR_REGION = f"""
WITH people AS MATERIALIZED (
    SELECT p.person_id, p.service_point_id FROM directory_position p
    JOIN directory_servicepoint s ON s.id = p.service_point_id
    JOIN directory_region r ON r.id = s.region_id
    WHERE r.path LIKE %(path)s AND {CURRENT}
),
training AS (
    SELECT h.person_id,
        SUM(h.minutes) FILTER (WHERE h.providing_level = 'city') AS city,
        SUM(h.minutes) FILTER (WHERE h.providing_level = 'county') AS county
    FROM lms_hoursummary h
    WHERE h.year = %(year)s AND h.person_id IN (SELECT person_id FROM people)
    GROUP BY h.person_id
),
received AS (
    SELECT v.person_id,
        SUM(v.confirmed_minutes) FILTER (WHERE v.providing_level = 'city') AS city,
        SUM(v.confirmed_minutes) FILTER (WHERE v.providing_level = 'county') AS county
    FROM supervision_receivedsummary v
    WHERE v.year = %(year)s AND v.person_id IN (SELECT person_id FROM people)
    GROUP BY v.person_id
)
SELECT COUNT(*),
    COUNT(*) FILTER (WHERE t.city >= %(training)s),
    COUNT(*) FILTER (WHERE t.county >= %(training)s),
    COUNT(*) FILTER (WHERE v.city >= %(supervision)s),
    COUNT(*) FILTER (WHERE v.county >= %(supervision)s),
    (SELECT COUNT(DISTINCT people.service_point_id) FROM people
     JOIN credentials_qualification q ON q.person_id = people.person_id
     WHERE q.verified_at IS NOT NULL)
FROM people
LEFT JOIN training t ON t.person_id = people.person_id
LEFT JOIN received v ON v.person_id = people.person_id
"""  # noqa: S608 - constant fragments only; values are query parameters

# A region from its rollups: its tally and its sub-regions' (above the county) or its stations'
# (county, township), and its ten stations with the lowest share of results met.
FLOOR_ROLLUP = """
SELECT r.id, r.name, t.people, t.tallies, NULL FROM quotas_regiontally t
JOIN directory_region r ON r.id = t.region_id
WHERE t.year = %(year)s AND r.path LIKE %(path)s AND r.depth <= %(depth)s + %(below)s
UNION ALL
SELECT s.id, s.name, t.people, t.tallies, t.station_results FROM quotas_stationtally t
JOIN directory_servicepoint s ON s.id = t.service_point_id
WHERE t.year = %(year)s AND t.path LIKE %(path)s AND %(below)s = 0
UNION ALL
SELECT * FROM (
    SELECT s.id, s.name, t.met_percent, t.tallies, t.station_results FROM quotas_stationtally t
    JOIN directory_servicepoint s ON s.id = t.service_point_id
    WHERE t.year = %(year)s AND t.path LIKE %(path)s AND t.counted > 0
    ORDER BY t.met_percent, t.behind DESC, s.name, s.id LIMIT 10
) AS worst
"""


def _ms(samples: list[float]) -> dict:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
    return {"median": round(statistics.median(ordered) * 1000, 2), "p95": round(p95 * 1000, 2)}


def _timed(call: Callable[[object], object], subjects: list) -> dict:
    call(subjects[0])  # warm: imports, the rule book, prepared plans
    samples = []
    for subject in subjects:
        started = time.perf_counter()
        call(subject)
        samples.append(time.perf_counter() - started)
    return _ms(samples)


def _sql(sql: str, params: dict) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        cursor.fetchall()


class Command(BaseCommand):
    help = "Benchmark the quota pages and evaluations (JSON lines)."

    def add_arguments(self, parser):
        parser.add_argument("--repeat", type=int, default=20)
        parser.add_argument("--year", type=int, default=None)

    def handle(self, *args, repeat: int, year: int | None, **options):
        self.today = timezone.localdate()
        self.year = year or self.today.year
        self.on = min(max(self.today, dt.date(self.year, 1, 1)), dt.date(self.year, 12, 31))
        self.rng = random.Random(7)  # noqa: S311 - sampling subjects, not secrets
        self.repeat = repeat
        admin = User.objects.filter(is_superuser=True).first()
        if admin is None:
            raise CommandError("No superuser: run seed_demo first.")
        sys.stderr.write(
            f"database {connection.vendor}; people {Person.objects.count()}; "
            f"stations {ServicePoint.objects.count()}; year {self.year}\n"
        )
        startup.settle()  # as config/wsgi.py does in a server process
        # The pages are measured signed in; the second factor at sign-in is not what is timed.
        with override_settings(
            ALLOWED_HOSTS=["testserver"], DEBUG=False, MFA_REQUIRED_FOR_ADMINS=False
        ):
            self.client = Client()
            self._worker_case()
            self.client.force_login(admin)
            self._station_case()
            self._region_case("county dashboard", Region.Level.COUNTY, self.repeat)
            self._region_case("city dashboard", Region.Level.CITY, self.repeat)
            self._region_case("province dashboard", Region.Level.PROVINCE, max(5, repeat // 4))
            self._export_case()

    # Subjects and measurements.

    def _draw(self, pool: list, count: int) -> list:
        if not pool:
            raise CommandError("No subjects for a case: run seed_demo --scale province first.")
        return [self.rng.choice(pool) for _ in range(count)]

    def _queries(self, urls: list[str]) -> list[int]:
        counts = []
        for url in urls:
            with CaptureQueriesContext(connection) as queries:
                response = self.client.get(url)
            if response.status_code != 200:
                raise CommandError(f"{url} answered {response.status_code}")
            counts.append(len(queries))
        return [min(counts), max(counts)]

    def _emit(self, **line) -> None:
        self.stdout.write(json.dumps(line, ensure_ascii=False))

    def _params(self, **extra) -> dict:
        first, last = dt.date(self.year, 1, 1), dt.date(self.year, 12, 31)
        return {"year": self.year, "on": self.on, "first": first, "last": last, **extra}

    def _worker_case(self):
        pool = list(
            Person.objects.filter(user__isnull=False, positions__ends_on__isnull=True)
            .values_list("pk", flat=True)
            .distinct()
        )
        subjects = self._draw(pool, self.repeat)
        people = Person.objects.select_related("user").in_bulk(set(subjects))
        url = reverse("quotas:mine") + f"?year={self.year}"

        def page(pk):
            self.client.force_login(people[pk].user)
            self.client.get(url)

        counts = []
        for pk in sorted(set(subjects))[:5]:
            self.client.force_login(people[pk].user)
            counts += self._queries([url])
        self._emit(
            case="worker page",
            page_ms=_timed(page, subjects),
            evaluation_ms=_timed(
                lambda pk: rule_results.evaluate_person(
                    person=people[pk], year=self.year, today=self.today
                ),
                subjects,
            ),
            floor_ms=_timed(lambda pk: _sql(FLOOR_WORKER, self._params(person=pk)), subjects),
            queries=[min(counts), max(counts)],
            subjects={"distinct": len(set(subjects)), "people": 1},
        )

    def _station_case(self):
        pool = list(
            ServicePoint.objects.filter(kind=ServicePoint.Kind.TOWNSHIP_STATION).values_list(
                "pk", flat=True
            )
        )
        subjects = self._draw(pool, self.repeat)
        points = ServicePoint.objects.select_related("region").in_bulk(set(subjects))
        url = lambda pk: reverse("quotas:station", args=[pk]) + f"?year={self.year}"  # noqa: E731

        def evaluate(pk):
            dashboards.station_board(service_point=points[pk], year=self.year, today=self.today)

        self._emit(
            case="station page",
            page_ms=_timed(lambda pk: self.client.get(url(pk)), subjects),
            evaluation_ms=_timed(evaluate, subjects),
            floor_ms=_timed(lambda pk: _sql(FLOOR_STATION, self._params(point=pk)), subjects),
            queries=self._queries([url(pk) for pk in sorted(set(subjects))[:5]]),
            subjects={"distinct": len(set(subjects)), "people": self._people(points.values())},
        )

    def _people(self, places) -> int:
        """The median number of people currently working at the subjects (stations or regions)."""
        sizes = []
        for place in places:
            at = (
                {"positions__service_point__region__path__startswith": place.path}
                if isinstance(place, Region)
                else {"positions__service_point": place}
            )
            sizes.append(
                Person.objects.filter(positions__ends_on__isnull=True, **at).distinct().count()
            )
        return int(statistics.median(sizes))

    def _province(self) -> Region:
        """The province with the province-scale data (the most cities)."""
        return Region.objects.filter(level=Region.Level.PROVINCE).order_by("-numchild")[0]

    def _region_case(self, name: str, level: str, repeat: int):
        province = self._province()
        pool = (
            [province.pk]
            if level == Region.Level.PROVINCE
            else list(
                Region.objects.filter(level=level, path__startswith=province.path).values_list(
                    "pk", flat=True
                )
            )
        )
        subjects = self._draw(pool, repeat)
        regions = Region.objects.in_bulk(set(subjects))
        url = lambda pk: reverse("quotas:region", args=[pk]) + f"?year={self.year}"  # noqa: E731
        training, supervision = self._thresholds(province)
        province_ms = self._recount_all(province)  # the other figures read clean rollups

        def summaries_floor(pk):
            params = self._params(
                path=regions[pk].path + "%", training=training, supervision=supervision
            )
            _sql(FLOOR_REGION, params)

        def floor(pk):
            by_station = regions[pk].level in (Region.Level.COUNTY, Region.Level.TOWNSHIP)
            params = self._params(
                path=regions[pk].path + "%", depth=regions[pk].depth, below=0 if by_station else 1
            )
            _sql(FLOOR_ROLLUP, params)

        self._emit(
            case=name,
            page_ms=_timed(lambda pk: self.client.get(url(pk)), subjects),
            evaluation_ms=_timed(
                lambda pk: dashboards.region_dashboard(
                    region=regions[pk], year=self.year, today=self.today
                ),
                subjects,
            ),
            floor_ms=_timed(floor, subjects),
            summaries_floor_ms=_timed(summaries_floor, subjects),
            refresh_ms={
                "one_station": self._recount_one(regions, subjects),
                "province": province_ms,
            },
            queries=self._queries([url(pk) for pk in sorted(set(subjects))[:5]]),
            subjects={"distinct": len(set(subjects)), "people": self._people(regions.values())},
        )

    def _recount_all(self, province: Region) -> float:
        """Every station of the province counted again (as each morning): milliseconds."""
        tallies.tallies_mark_stale(region_path=province.path, year=self.year)
        started = time.perf_counter()
        tallies.tallies_refresh(region_path=province.path, year=self.year, today=self.today)
        return round((time.perf_counter() - started) * 1000, 2)

    def _recount_one(self, regions: dict, subjects: list) -> dict:
        """One station below each subject marked stale (as a credit does), then the subject's
        refresh: what the first read after a change adds."""
        samples = []
        for pk in subjects:
            region = regions[pk]
            point_id = (
                ServicePoint.objects.filter(region__path__startswith=region.path)
                .values_list("pk", flat=True)
                .first()
            )
            tallies.tallies_mark_stale(service_point_ids=[point_id], year=self.year)
            started = time.perf_counter()
            tallies.tallies_refresh(region_path=region.path, year=self.year, today=self.today)
            samples.append(time.perf_counter() - started)
        return _ms(samples)

    def _thresholds(self, region: Region) -> tuple[int, int]:
        """The minutes the province's person rules ask of each level (floor parameters)."""
        owed = {"training": 0, "supervision": 0}
        year_rules = dashboards.year_rules_around(region, self.year, self.today)
        for rule in year_rules.rules:
            key = rule_results.amount_key(rule)
            if key[0] in owed and rule.providing_level and rule.region_id:
                owed[key[0]] = year_rules.owed[rule.pk]
        return owed["training"], owed["supervision"]

    def _export_case(self):
        pool = list(
            Region.objects.filter(
                level=Region.Level.COUNTY, path__startswith=self._province().path
            ).values_list("pk", flat=True)
        )
        subjects = self._draw(pool, max(5, self.repeat // 4))
        url = lambda pk: reverse("quotas:region_export", args=[pk]) + f"?year={self.year}"  # noqa: E731
        self._emit(
            case="county export",
            page_ms=_timed(lambda pk: self.client.get(url(pk)), subjects),
            queries=self._queries([url(pk) for pk in sorted(set(subjects))[:5]]),
            subjects={"distinct": len(set(subjects))},
        )
