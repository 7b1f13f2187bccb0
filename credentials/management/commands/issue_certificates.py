"""`manage.py issue_certificates --region CODE --year YEAR [--include-empty]`.

The batch issue of the back office, run in the foreground: creates a batch and runs it to the
end (resuming an unfinished batch for the same region and year), printing progress.
"""

import time

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from core import periods
from credentials import batches
from credentials.models import CertificateBatch
from directory.selectors import region_with_code


class Command(BaseCommand):
    help = "Issue yearly hour certificates to everyone working in a region."

    def add_arguments(self, parser):
        parser.add_argument("--region", required=True, help="administrative code, e.g. 430121")
        parser.add_argument("--year", required=True, type=int)
        parser.add_argument("--include-empty", action="store_true")

    def handle(self, *args, region: str, year: int, include_empty: bool, **options):
        today = timezone.localdate()
        try:
            periods.year_from(year, today=today)
        except ValidationError as error:
            raise CommandError(error.messages[0]) from None
        if year > today.year:
            raise CommandError(f"Year {year} has not started")
        found = region_with_code(region)
        if found is None:
            raise CommandError(f"Unknown region code {region}")
        batch = (
            CertificateBatch.objects.filter(region=found, year=year)
            .exclude(status=CertificateBatch.Status.DONE)
            .first()
        ) or CertificateBatch.objects.create(region=found, year=year, include_empty=include_empty)
        started = time.perf_counter()
        while batch.status != CertificateBatch.Status.DONE:
            batch = batches.batch_run(batch_id=batch.pk, chunk=50, requeue=False)
            self.stdout.write(f"{batch.done}/{batch.total} done")
        seconds = time.perf_counter() - started
        per = seconds / batch.issued if batch.issued else 0
        self.stdout.write(
            f"Issued {batch.issued}, skipped {batch.skipped} (no hours), "
            f"{seconds:.1f} s ({per * 1000:.0f} ms per certificate); archive: {batch.archive.name}"
        )
