"""`manage.py seed_demo [--scale province] [--reset]`: demo data from the seed documents.

Running it twice changes nothing; `--reset` empties the directory (all regions, service points,
agencies, universities, people, positions, role grants, invitations) and the demo accounts, then
seeds again. `--scale province` adds Hunan with 2,000 township stations and 10,000 workers and
prints how long each phase took.
"""

import time

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import ProtectedError, RestrictedError

from directory.demo import base, extensions, province, reset, table
from directory.demo.build import Figures, plan_write
from directory.demo.plan import Plan
from directory.models import ServicePoint


class Command(BaseCommand):
    help = "Seed demo regions, stations, people and accounts; running it again changes nothing."

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale",
            choices=("demo", "province"),
            default="demo",
            help="'province' also builds Hunan with --stations township stations.",
        )
        parser.add_argument(
            "--reset",
            action="store_true",
            help="First delete the whole directory and the demo accounts.",
        )
        parser.add_argument(
            "--stations",
            type=int,
            default=2000,
            help="Province scale: township stations (changing it later needs --reset).",
        )
        parser.add_argument("--staff", type=int, default=5, help="Province scale: staff each.")

    def handle(self, *args, scale: str, reset: bool, stations: int, staff: int, **options):
        started = time.perf_counter()
        figures = Figures()
        demo = base.base_plan()
        with transaction.atomic():
            if reset:
                self._reset(demo, figures)
            plan_write(demo, password=base.PASSWORD, figures=figures, label="demo")
            if scale == "province":
                self._province(demo, figures, stations=stations, staff=staff)
            for module in extensions.demo_seed_modules():
                module.seed(scale=scale, figures=figures)
            committing = time.perf_counter()
        figures.add("commit", time.perf_counter() - committing, 0)
        self._report(demo, figures, time.perf_counter() - started)

    def _reset(self, demo: Plan, figures: Figures) -> None:
        started = time.perf_counter()
        for module in reversed(extensions.demo_seed_modules()):
            module.reset()
        try:
            deleted = reset.demo_delete(emails={a.email for a in demo.accounts})
        except (ProtectedError, RestrictedError) as error:
            raise CommandError(
                f"--reset stopped: other records refer to the directory: {error}"
            ) from error
        figures.add("reset", time.perf_counter() - started, 0)
        self.stdout.write("Deleted: " + ", ".join(f"{k} {v}" for k, v in deleted.items()))

    def _province(self, demo: Plan, figures: Figures, *, stations: int, staff: int) -> None:
        started = time.perf_counter()
        plan = province.province_plan(
            stations=stations,
            staff_per_station=staff,
            skip_counties=frozenset(r.code for r in demo.regions if r.level == "county"),
        )
        figures.add("province: plan", time.perf_counter() - started, 0)
        townships = [s.code for s in plan.stations if s.kind == "township_station"]
        if ServicePoint.objects.filter(code__in=townships).count() == len(townships):
            self.stdout.write(f"Province already holds its {len(townships)} stations; skipped.")
            return
        plan_write(plan, password=base.PASSWORD, figures=figures, label="province")

    def _report(self, demo: Plan, figures: Figures, seconds: float) -> None:
        rows = [("phase", "seconds", "rows created")]
        rows += [(name, f"{secs:.2f}", str(n)) for name, secs, n in figures.phases]
        rows.append(("total", f"{seconds:.2f}", str(sum(n for *_, n in figures.phases))))
        self._lines(table.aligned(rows))
        counts = [("table", "rows")] + [(k, str(v)) for k, v in reset.table_counts().items()]
        self._lines(table.aligned(counts))
        self._lines(table.aligned(table.account_rows(demo, password=base.PASSWORD)))
        for module in extensions.demo_seed_modules():
            if hasattr(module, "report"):
                self._lines(module.report())
        others = sum(not a.featured for a in demo.accounts)
        self.stdout.write(
            f"Password for every demo account: {base.PASSWORD}. {others} more accounts follow the "
            "pattern head.<station>@, deputy.<station>@, worker<n>.<station>@ and "
            "supervisor.<station or county>@example.cn; staff also sign in by mobile number."
        )

    def _lines(self, lines: list[str]) -> None:
        self.stdout.write("")
        for line in lines:
            self.stdout.write(line)
