"""What a region's policy packs ask of its stations beside the quota rules (R17, R19): a
monthly report and which month it covers, its due day, a weekly status, a quarterly meeting,
the items they put on every station's service and negative lists.

There is no national default: where no pack in force sets a report cycle, a station owes no
monthly report (it may still file one to record its cases and hours, with no due day), no
reminder is sent and nothing is late. Each answer comes from the nearest pack in force at or
above the region (`pack_settings.nearest`) and names it, so pages can cite it.
"""

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext as _

from quotas import rules
from quotas.models import PolicyPack
from quotas.selectors import pack_settings, rulebook


@dataclass(frozen=True)
class ReportCycle:
    """R17: the report a region's pack asks for each month."""

    covers_current_month: bool
    due_day: int | None  # None: the document gives no due day, so nothing is late
    name: str
    pack: PolicyPack

    @property
    def source(self) -> str:
        return f"《{self.pack.title}》{self.pack.report_source}"

    def due_on(self, month: dt.date) -> dt.date | None:
        return rules.report_due_on(
            month=month, due_day=self.due_day, covers_current_month=self.covers_current_month
        )

    @property
    def sentence(self) -> str:
        """What the policy asks, for the reports pages."""
        values = {"name": self.name, "day": self.due_day}
        if self.covers_current_month:
            text = (
                _("每月 %(day)s 日前（含当日）报送当月%(name)s")
                if self.due_day
                else _("每月报送当月%(name)s，未规定截止日")
            )
        else:
            text = (
                _("每月 %(day)s 日前（含当日）报送上月%(name)s")
                if self.due_day
                else _("每月报送上月%(name)s，未规定截止日")
            )
        return text % values


def all_packs() -> list[PolicyPack]:
    """The packs, read once by a list or task that asks about many stations."""
    return rulebook.all_packs()


def report_cycle_on(
    *, path: str | None, on: dt.date, packs: list[PolicyPack] | None = None
) -> ReportCycle | None:
    """R17: the monthly report the nearest pack in force on `on` at or above the region at
    `path` asks for; None where none does (no obligation, no due day, no reminder)."""
    found = pack_settings.nearest_on_path(
        path=path, name="report_covers_current_month", on=on, packs=packs
    )
    if found is None:
        return None
    covers_current_month, pack = found
    return ReportCycle(
        covers_current_month=covers_current_month,
        due_day=pack.report_due_day,  # set with the cycle, on the same pack
        name=pack.report_name or _("月报"),
        pack=pack,
    )


def report_cycle_for(
    *, path: str | None, month: dt.date, packs: list[PolicyPack] | None = None
) -> ReportCycle | None:
    """R17: the report owed on `month`: asked by a pack in force at the month's end (Yunlong's
    progress table is owed for the months of 2021 only)."""
    return report_cycle_on(path=path, on=rules.month_end(month), packs=packs)


def asked(*, path: str | None, name: str, on: dt.date) -> PolicyPack | None:
    """The nearest pack in force on `on` that asks for `name` (weekly_status,
    quarterly_meeting) at or above the region at `path`, or None."""
    found = pack_settings.nearest_on_path(path=path, name=name, on=on)
    return found[1] if found is not None and found[0] else None


@dataclass(frozen=True)
class ListSeed:
    """R19: the items a pack puts on a station's list, with the citation they carry."""

    items: list[str]
    source: str


def list_seed(*, path: str | None, kind: str, on: dt.date) -> ListSeed | None:
    """R19: the items of the nearest pack in force on `on` for a station's `kind` of list
    ("service" or "negative"), or None where no pack sets that list."""
    found = pack_settings.nearest_on_path(path=path, name=f"{kind}_list", on=on)
    if found is None:
        return None
    items, pack = found
    return ListSeed(items=items, source=f"《{pack.title}》{getattr(pack, f'{kind}_list_source')}")
