"""`manage.py sync_station_pages`: region and station pages for every station in the directory."""

import time

from django.core.management.base import BaseCommand

from cms.services import station_pages


class Command(BaseCommand):
    help = "Create, rename, move or unpublish the public site's region and station pages."

    def handle(self, *args, **options):
        started = time.perf_counter()

        def progress(done: int, total: int) -> None:
            elapsed = time.perf_counter() - started
            self.stdout.write(f"{done}/{total} stations ({elapsed:.1f} s)")

        result = station_pages.station_pages_sync(progress=progress)
        self.stdout.write(
            f"Created {result.created}, renamed {result.renamed}, moved {result.moved}, "
            f"unpublished {result.unpublished} pages; {result.skipped} stations have no county "
            f"above them. {time.perf_counter() - started:.1f} s."
        )
