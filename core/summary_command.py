"""The shape of a `check | rebuild` command for a summary table kept beside its raw rows.

An app that keeps a summary (training's `HourSummary`, supervision's yearly summaries) has its
own command built on `SummaryCommand`: `check` prints the first differences between the summary
and the raw rows and exits non-zero on any; `rebuild` recomputes the summary in one transaction
(after bulk loads).
"""

import time

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

SHOWN = 50


class SummaryCommand(BaseCommand):
    help = "Check a summary table against its raw rows, or rebuild it."

    def rebuild(self) -> dict[str, int]:
        """Rows written per summary table."""
        raise NotImplementedError

    def differences(self) -> list[str]:
        """One line per summary row that differs from the raw rows."""
        raise NotImplementedError

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["check", "rebuild"])

    def handle(self, *args, action: str, **options):
        started = time.perf_counter()
        if action == "rebuild":
            with transaction.atomic():
                written = self.rebuild()
            for name, rows in written.items():
                self.stdout.write(f"{name}: {rows} summary rows written")
            self.stdout.write(f"rebuilt in {time.perf_counter() - started:.1f} s")
            return
        differences = self.differences()
        for line in differences[:SHOWN]:
            self.stdout.write(line)
        if differences:
            raise CommandError(f"{len(differences)} summary rows differ from the raw rows.")
        self.stdout.write(
            f"summaries match the raw rows (checked in {time.perf_counter() - started:.1f} s)"
        )
