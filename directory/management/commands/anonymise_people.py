"""`manage.py anonymise_people [--years N] [--dry-run]`: pseudonymise people whose positions all
ended more than N years ago (PERSONAL_DATA_RETENTION_YEARS) and who have no active account."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from directory import rules, selectors, services


class Command(BaseCommand):
    help = "Replace the personal data of people past the retention period by pseudonyms."

    def add_arguments(self, parser):
        parser.add_argument("--years", type=int, default=settings.PERSONAL_DATA_RETENTION_YEARS)
        parser.add_argument("--dry-run", action="store_true", help="List, change nothing.")

    def handle(self, *args, years: int, dry_run: bool, **options):
        if years < 1:
            raise CommandError("--years must be at least 1.")
        cutoff = rules.retention_cutoff(today=timezone.localdate(), years=years)
        people = list(selectors.people_past_retention(cutoff=cutoff).only("pk", "born_on"))
        self.stdout.write(
            f"{len(people)} people with every position ended before {cutoff} and no active account"
        )
        if dry_run:
            for person in people:
                self.stdout.write(f"  would anonymise person {person.pk}")
            self.stdout.write("dry run: nothing changed")
            return
        done = services.people_anonymise(people=people, years=years)
        self.stdout.write(f"{done} people anonymised")
