"""`manage.py bench_supervision`: time the archive, the portfolio and the counts on the
largest data at hand (run after `seed_demo --scale province`); prints figures, asserts nothing.

Each figure is wall time and this process's CPU time (the database's work not included): on a
shared machine the second varies less."""

import time

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Count
from django.utils import timezone

from accounts.models import User
from directory.models import Region, ServicePoint
from supervision import pdf, selectors
from supervision.models import Supervisee, SupervisionSession, SupervisorProfile


class Command(BaseCommand):
    help = "Time one station's yearly archive, one supervisor's portfolio and the counts."

    def handle(self, *args, **options):
        year = timezone.localdate().year
        busiest = (
            SupervisionSession.objects.filter(held_on__year=year)
            .values("service_point_id")
            .annotate(n=Count("pk"))
            .order_by("-n")
            .first()
        )
        if busiest is None:
            raise CommandError("No sessions this year: run seed_demo first.")
        point = ServicePoint.objects.select_related("region").get(pk=busiest["service_point_id"])
        supervisor = (
            SupervisorProfile.objects.annotate(n=Count("sessions"))
            .order_by("-n")
            .select_related("person", "grade")
            .first()
        )
        person = Supervisee.objects.filter(held_on__year=year).first().person
        county = point.region.get_parent()
        admin = User(is_superuser=True, is_active=True)
        self.stdout.write(
            f"sessions {SupervisionSession.objects.count()}, "
            f"supervisee rows {Supervisee.objects.count()}"
        )
        self._time(
            f"station archive PDF ({point.name}, {year}, {busiest['n']} sessions)",
            lambda: len(pdf.station_archive_pdf(service_point=point, year=year)),
            unit="bytes",
        )
        self._time(
            f"station archive Excel ({point.name}, {year})",
            lambda: len(pdf.station_archive_xlsx(service_point=point, year=year)),
            unit="bytes",
        )
        self._time(
            f"portfolio PDF ({supervisor.person.name}, {supervisor.n} sessions)",
            lambda: len(pdf.portfolio_pdf(supervisor=supervisor)),
            unit="bytes",
        )
        first, last = timezone.datetime(year, 1, 1).date(), timezone.datetime(year, 12, 31).date()
        self._time(
            "minutes_received (one worker, one year)",
            lambda: selectors.minutes_received(person=person, starts_on=first, ends_on=last),
        )
        self._time(
            "station_minutes (one station, one year)",
            lambda: selectors.station_minutes(service_point=point, year=year),
        )
        self._time(
            "minutes_given (one supervisor, one year)",
            lambda: selectors.minutes_given(supervisor=supervisor, year=year),
        )
        stations = ServicePoint.objects.filter(region__path__startswith=county.path)
        self._time(
            f"stations x months grid ({county.name}, {stations.count()} points)",
            lambda: selectors.station_month_grid(service_points=stations, year=year),
        )
        province = Region.get_root_nodes().filter(code__startswith="43").first()
        if province:
            everything = ServicePoint.objects.filter(region__path__startswith=province.path)
            self._time(
                f"stations x months grid ({province.name}, whole province)",
                lambda: selectors.station_month_grid(service_points=everything, year=year),
            )
        self._time(
            "supervisor load R24 (superuser, whole country)",
            lambda: selectors.supervisor_load(user=admin, today=timezone.localdate()),
        )

    def _time(self, label: str, step, *, unit: str = "") -> None:
        started, cpu_started = time.perf_counter(), time.process_time()
        result = step()
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu_started
        size = f" ({result} {unit})" if unit else ""
        self.stdout.write(
            f"{label}: {seconds * 1000:.1f} ms, this process's CPU {cpu * 1000:.1f} ms{size}"
        )
