"""`manage.py bench_certificates [--single K] [--count N] [--year Y] [--region CODE]`: how long
certificates take to render and store, one by one and as a batch, on the data at hand (run after
`seed_demo --scale province`). Prints one JSON line per figure:

- `single`: one hour certificate rendered and stored (`services.certificate_render`: the PDF,
  its hash, the file written, the row updated) for K people, median and p95 in ms;
- `batch`: the batch job of the back office (`batches.batch_run`, as its task runs it) over a
  region with at least N people (the smallest such region, or the one named), every person
  certified (`include_empty`), the ZIP and the mail included: total seconds and ms per
  certificate.

`cpu` figures are this process's CPU time (the database's work not included): on a shared
machine they vary less than wall time. Nothing is kept: the work runs in one transaction that
is rolled back, and the files it wrote are deleted. Figures only, nothing asserts.
"""

import json
import statistics
import time

from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models.functions import Length
from django.utils import timezone

from credentials import batches, services
from credentials.models import CertificateBatch
from directory import selectors as directory_selectors
from directory.models import Region


class _RolledBack(Exception):
    """Raised to leave the benchmark's transaction without keeping anything."""


class Command(BaseCommand):
    help = "Time one certificate rendered and stored, and a batch of N, without keeping them."

    def add_arguments(self, parser):
        parser.add_argument("--single", type=int, default=30, help="certificates timed one by one")
        parser.add_argument("--count", type=int, default=1000, help="people in the batch")
        parser.add_argument("--year", type=int, default=None, help="default: this year")
        parser.add_argument("--region", default=None, help="region code; default: see --count")

    def handle(self, *args, single: int, count: int, year: int | None, region: str | None, **kw):
        year = year or timezone.localdate().year
        batch_region, people = self._region(code=region, count=count, year=year)
        written: list[str] = []
        try:
            with transaction.atomic():
                self._single(region=batch_region, year=year, n=single, written=written)
                self._batch(region=batch_region, year=year, people=people, written=written)
                raise _RolledBack
        except _RolledBack:
            pass
        finally:
            for name in written:
                default_storage.delete(name)

    def _region(self, *, code: str | None, count: int, year: int) -> tuple[Region, int]:
        """The named region, or the smallest one (by people placed in the year) with `count`
        people, else the largest; with its number of people."""
        regions = Region.objects.order_by(Length("path"), "path")
        if code:
            regions = regions.filter(code=code)
        sizes = [(self._people(region=r, year=year).count(), r) for r in regions]
        if not sizes or not max(n for n, _region in sizes):
            raise CommandError("Nobody is placed in that year: run seed_demo first.")
        enough = [(n, r.path) for n, r in sizes if n >= count]
        people, path = min(enough) if enough else max((n, r.path) for n, r in sizes)
        return next(r for n, r in sizes if r.path == path), people

    def _people(self, *, region: Region, year: int):
        return directory_selectors.people_placed_in(
            region_path=region.path,
            starts_on=timezone.datetime(year, 1, 1).date(),
            ends_on=timezone.datetime(year, 12, 31).date(),
        )

    def _single(self, *, region: Region, year: int, n: int, written: list[str]) -> None:
        starts_on = timezone.datetime(year, 1, 1).date()
        ends_on = timezone.datetime(year, 12, 31).date()
        seconds, cpu = [], []
        for person in self._people(region=region, year=year)[:n]:
            certificate = services.hour_certificate_issue(
                person=person,
                starts_on=starts_on,
                ends_on=ends_on,
                issued_by=None,
                allow_empty=True,
            )
            started, cpu_started = time.perf_counter(), time.process_time()
            certificate = services.certificate_render(certificate_id=certificate.pk)
            seconds.append(time.perf_counter() - started)
            cpu.append(time.process_time() - cpu_started)
            written.append(certificate.pdf.name)
            certificate.superseded_at = timezone.now()  # out of the batch's way
            certificate.save(update_fields=["superseded_at"])
        if seconds:
            self._print(
                figure="single",
                certificates=len(seconds),
                median_ms=statistics.median(seconds) * 1000,
                p95_ms=_p95(seconds) * 1000,
                cpu_median_ms=statistics.median(cpu) * 1000,
            )

    def _batch(self, *, region: Region, year: int, people: int, written: list[str]) -> None:
        batch = CertificateBatch.objects.create(region=region, year=year, include_empty=True)
        started, cpu_started = time.perf_counter(), time.process_time()
        while batch.status != CertificateBatch.Status.DONE:
            batch = batches.batch_run(batch_id=batch.pk, requeue=False)
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu_started
        written.extend(batch.certificates.exclude(pdf="").values_list("pdf", flat=True))
        written.append(batch.archive.name)
        self._print(
            figure="batch",
            region=f"{region.code} {region.name}",
            people=people,
            issued=batch.issued,
            total_s=seconds,
            per_certificate_ms=seconds / batch.issued * 1000 if batch.issued else 0,
            cpu_s=cpu,
        )

    def _print(self, **figures) -> None:
        rounded = {k: round(v, 1) if isinstance(v, float) else v for k, v in figures.items()}
        self.stdout.write(json.dumps(rounded, ensure_ascii=False))


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
