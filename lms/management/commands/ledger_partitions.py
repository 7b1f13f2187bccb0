"""`manage.py ledger_partitions [--through YEAR]`: create the ledger's missing yearly partitions.

PostgreSQL after migration lms 0007 (docs/scale.md); idempotent, and also run monthly by a
django-q2 schedule. Prints the partitions created, then every year that has one.
"""

from django.core.management.base import BaseCommand
from django.utils import timezone

from lms import partitions


class Command(BaseCommand):
    help = "Create the training-hours ledger's missing yearly partitions (PostgreSQL)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--through", type=int, default=None, help="Last year to cover (default: next year)."
        )

    def handle(self, *args, through: int | None, **options):
        if not partitions.is_partitioned():
            self.stdout.write("The ledger is not partitioned here (SQLite, or before lms 0007).")
            return
        through = through or timezone.localdate().year + 1
        for name in partitions.partitions_ensure(through_year=through):
            self.stdout.write(f"Created {name}")
        years = partitions.partition_years()
        self.stdout.write(f"Partitions: {years[0]}–{years[-1]} and default.")
