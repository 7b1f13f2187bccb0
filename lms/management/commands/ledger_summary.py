"""`manage.py ledger_summary --check | --rebuild`: the yearly summary against the ledger."""

from django.core.management.base import BaseCommand, CommandError

from lms.services import ledger


class Command(BaseCommand):
    help = "Check the yearly training-hours summary against the ledger, or rebuild it."

    def add_arguments(self, parser):
        group = parser.add_mutually_exclusive_group(required=True)
        group.add_argument("--check", action="store_true")
        group.add_argument("--rebuild", action="store_true")

    def handle(self, *args, check: bool, rebuild: bool, **options):
        if rebuild:
            rows = ledger.summary_rebuild()
            self.stdout.write(f"summary rows written: {rows}")
            return
        differences = ledger.summary_differences()
        for person, year, kind, level, in_ledger, in_summary in differences[:50]:
            self.stdout.write(
                f"person {person} {year} {kind} {level}: ledger {in_ledger}, summary {in_summary}"
            )
        if differences:
            raise CommandError(f"{len(differences)} summary rows differ from the ledger.")
        self.stdout.write("summary matches the ledger")
