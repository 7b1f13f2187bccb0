"""What the signed-in home pages show of quotas: a station's staff lines (from the station
dashboard's evaluation, `dashboards.station_board`), the monthly report a station works on now
and, for administrators, the reports waiting in their scope (R17)."""

import datetime as dt
from dataclasses import dataclass

from accounts import scope
from accounts.models import User
from accounts.roles import Action
from directory import selectors as directory_selectors
from directory.models import Position, ServicePoint
from quotas import rules
from quotas.models import MonthlyReport
from quotas.selectors import dashboards, obligations, reports
from quotas.selectors.rule_results import Result


@dataclass(frozen=True)
class StaffLine:
    """One person of a station: name, the roles of their current positions, their results."""

    person_id: int
    name: str
    roles: list[str]
    results: list[Result]


def staff_lines(*, service_point: ServicePoint, year: int, today: dt.date) -> list[StaffLine]:
    """The station dashboard's staff × person rules (`quotas:station`), one line per person by
    name: the same evaluation, read in the same few queries whatever the staff's size."""
    _station_results, placed = dashboards.station_board(
        service_point=service_point, year=year, today=today
    )
    names = directory_selectors.names_of(people=[p.person_id for p in placed])
    on = min(max(today, dt.date(year, 1, 1)), dt.date(year, 12, 31))
    roles: dict[int, list[str]] = {}
    for person_id, role in (
        directory_selectors.current_positions(on=on, service_point_id=service_point.pk)
        .order_by("pk")
        .values_list("person_id", "role")
    ):
        roles.setdefault(person_id, []).append(Position.Role(role).label)
    return sorted(
        (
            StaffLine(p.person_id, names[p.person_id], roles.get(p.person_id, []), p.results)
            for p in placed
        ),
        key=lambda line: line.name,
    )


@dataclass(frozen=True)
class ReportNow:
    """R17: the report a station works on now: its month, the report its region's policy asks
    for (`cycle`, None where none does), its due date, the report if opened, whether late."""

    month: dt.date
    cycle: obligations.ReportCycle | None
    due_on: dt.date | None
    report: MonthlyReport | None
    late: bool


def report_now(*, service_point: ServicePoint, today: dt.date) -> ReportNow:
    """R17: the monthly report the station works on today (the month its region's policy asks
    for now; the current month where no policy asks for one), with its due date and state."""
    cycle = obligations.report_cycle_on(path=service_point.region.path, on=today)
    month = rules.report_month_now(
        today=today, covers_current_month=cycle is None or cycle.covers_current_month
    )
    row = reports.month_rows(service_points=[service_point], month=month, today=today)[0]
    if row.report is not None:
        due_on = row.report.due_on
    else:
        due_on = row.cycle.due_on(month) if row.cycle else None
    return ReportNow(month=month, cycle=row.cycle, due_on=due_on, report=row.report, late=row.late)


@dataclass(frozen=True)
class ReportsWaiting:
    """R17: reports in an administrator's scope: owed and not filed, past their due date
    (`overdue`) or not yet (`due`), and filed ones waiting for review (`to_review`)."""

    overdue: int
    due: int
    to_review: int

    @property
    def total(self) -> int:
        return self.overdue + self.due + self.to_review


def reports_waiting(*, user: User, today: dt.date) -> ReportsWaiting:
    """R17: the reports owed now (the month each station's policy asks for today) by the
    township stations whose reports the user reviews, and every report submitted to them and
    not yet reviewed. Stations whose region's policy asks for no report owe nothing."""
    reviewed = scope.service_points_visible_to(user, Action.REVIEW_REPORTS)
    points = list(directory_selectors.township_stations().filter(pk__in=reviewed.values("pk")))
    packs = obligations.all_packs()
    owed: dict[int, tuple[dt.date, dt.date | None]] = {}
    for point in points:
        cycle = obligations.report_cycle_on(path=point.region.path, on=today, packs=packs)
        if cycle is not None:
            month = rules.report_month_now(
                today=today, covers_current_month=cycle.covers_current_month
            )
            owed[point.pk] = (month, cycle.due_on(month))
    filed = set(
        MonthlyReport.objects.filter(
            service_point__in=reviewed,
            month__in={month for month, _due_on in owed.values()},
            status__in=reports.FILED,
        ).values_list("service_point_id", "month")
    )
    overdue = due = 0
    for point_id, (month, due_on) in owed.items():
        if (point_id, month) in filed:
            continue
        if rules.report_is_late(due_on=due_on, submitted_on=None, today=today):
            overdue += 1
        else:
            due += 1
    to_review = MonthlyReport.objects.filter(
        service_point__in=reviewed, status=MonthlyReport.Status.SUBMITTED
    ).count()
    return ReportsWaiting(overdue=overdue, due=due, to_review=to_review)
