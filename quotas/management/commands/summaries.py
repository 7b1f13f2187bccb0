"""`manage.py summaries check | rebuild`: the yearly summaries the quota pages read.

The training ledger's `HourSummary` and supervision's `ReceivedSummary` and `StationSummary` are
kept by the services that write the raw rows. `check` compares every summary row with the raw
rows and exits non-zero on any difference; `rebuild` recomputes them (after bulk loads).
"""

import time

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from lms.services import ledger
from supervision.services import summary as supervision_summary

SHOWN = 50


def _training_differences() -> list[str]:
    return [
        f"training (person, year, kind, level) {tuple(row[:4])}: rows {row[4]}, summary {row[5]}"
        for row in ledger.summary_differences()
    ]


class Command(BaseCommand):
    help = "Check the yearly summaries against the raw rows, or rebuild them."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["check", "rebuild"])

    def handle(self, *args, action: str, **options):
        started = time.perf_counter()
        if action == "rebuild":
            with transaction.atomic():
                written = {"training": ledger.summary_rebuild(), **supervision_summary.rebuild()}
            for name, rows in written.items():
                self.stdout.write(f"{name}: {rows} summary rows written")
            self.stdout.write(f"rebuilt in {time.perf_counter() - started:.1f} s")
            return
        differences = _training_differences() + supervision_summary.differences()
        for line in differences[:SHOWN]:
            self.stdout.write(line)
        if differences:
            raise CommandError(f"{len(differences)} summary rows differ from the raw rows.")
        self.stdout.write(
            f"summaries match the raw rows (checked in {time.perf_counter() - started:.1f} s)"
        )
