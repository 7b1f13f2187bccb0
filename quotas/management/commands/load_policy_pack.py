"""`manage.py load_policy_pack NAME [NAME ...]` (or `--all`): write the packs of quotas/packs.py.

Running it twice changes nothing: packs are found by name and rules by (pack, code, start).
"""

from django.core.management.base import BaseCommand, CommandError

from quotas import packs
from quotas.services import policy_packs


class Command(BaseCommand):
    help = "Load policy packs (hangzhou, haining, pinghu, hunan, beijing, yunlong, national)."

    def add_arguments(self, parser):
        parser.add_argument("names", nargs="*", help=", ".join(packs.PACKS))
        parser.add_argument("--all", action="store_true", help="load every pack")

    def handle(self, *args, names: list[str], all: bool, **options):
        chosen = list(packs.PACKS) if all else names
        unknown = [name for name in chosen if name not in packs.PACKS]
        if not chosen or unknown:
            raise CommandError("Name packs among: " + ", ".join(packs.PACKS))
        for name in chosen:
            try:
                pack, created, changed = policy_packs.policy_pack_load(name=name)
            except policy_packs.PackError as error:
                raise CommandError(str(error)) from error
            self.stdout.write(
                f"{name}: {pack.rules.count()} rules ({created} created, {changed} updated)"
            )
