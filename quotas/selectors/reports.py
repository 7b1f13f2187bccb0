"""Reads for monthly reports (R17): the system's figures, lists, the month and the quarter.
Which month a report covers and its due day are the region's policy (`obligations`)."""

import datetime as dt
from typing import NamedTuple

from django.db.models import QuerySet
from django.utils import timezone

from accounts import scope
from accounts.models import User
from directory import selectors as directory_selectors
from directory.models import Region, ServicePoint
from lms import selectors as lms_selectors
from quotas import report_states, rules
from quotas.models import MonthlyReport, PolicyRule
from quotas.selectors import obligations
from supervision import selectors as supervision_selectors

FILED = (MonthlyReport.Status.SUBMITTED, MonthlyReport.Status.ACCEPTED)


def figures_for(*, service_point: ServicePoint, month: dt.date) -> dict:
    """What the system knows of the station's month: supervision, training, staff changes."""
    last = rules.month_end(month)
    span = {"service_point": service_point, "starts_on": month, "ends_on": last}
    supervision = supervision_selectors.station_minutes_between(**span)
    staff = directory_selectors.positions_held_between(**span)
    return {
        "supervision_sessions": supervision["sessions"],
        "supervision_minutes": supervision["minutes"],
        "training_minutes": lms_selectors.people_total_minutes(
            people=staff.values("person_id"), starts_on=month, ends_on=last
        ),
        "staff": staff.count(),
        "staff_changes": directory_selectors.staff_changes_between(**span),
    }


def is_late(*, report: MonthlyReport, today: dt.date) -> bool:
    """Filed after its due day, or not filed and the due day has passed (R17)."""
    submitted_on = timezone.localdate(report.submitted_at) if report.submitted_at else None
    return rules.report_is_late(due_on=report.due_on, submitted_on=submitted_on, today=today)


def report_abilities(*, report: MonthlyReport, user: User) -> dict[str, bool]:
    """What `user` may do with `report` now, for its page (R17, quotas.report_states):
    `may_save` the draft, `may_submit` it, `may_review` it (accept or return)."""

    def may(action: str) -> bool:
        allowed = report_states.next_status(status=report.status, action=action) is not None
        permission = report_states.PERMISSION[action]
        return allowed and scope.role_allows(user=user, action=permission, obj=report.service_point)

    return {
        "may_save": may(report_states.SAVE),
        "may_submit": may(report_states.SUBMIT),
        "may_review": all(may(action) for action in report_states.REVIEWING),
    }


def is_filed(*, service_point: ServicePoint, month: dt.date) -> bool:
    """Whether the station's report for `month` has been submitted (or accepted)."""
    return MonthlyReport.objects.filter(
        service_point=service_point, month=month, status__in=FILED
    ).exists()


def reports_of_station(*, service_point: ServicePoint) -> QuerySet[MonthlyReport]:
    """The station's reports, newest month first."""
    return MonthlyReport.objects.filter(service_point=service_point).order_by("-month")


def reports_by_station(
    *, service_points: list[ServicePoint], month: dt.date
) -> dict[int, MonthlyReport]:
    """The stations' reports for `month`, by station id (stations without one are absent)."""
    return {
        report.service_point_id: report
        for report in MonthlyReport.objects.filter(service_point__in=service_points, month=month)
    }


class MonthRow(NamedTuple):
    """One station's month on the county's page (R17)."""

    point: ServicePoint
    report: MonthlyReport | None
    cycle: obligations.ReportCycle | None  # None: the region's policy asks for no report
    late: bool


def month_rows(
    *, service_points: list[ServicePoint], month: dt.date, today: dt.date
) -> list[MonthRow]:
    """R17: each station's report on `month` (stations need their region), the report its
    region's policy asks for that month, and whether it is late: a filed report after its own
    due date, a missing one after the policy's; never without a due day."""
    filed = reports_by_station(service_points=service_points, month=month)
    packs = obligations.all_packs()
    rows = []
    for point in service_points:
        cycle = obligations.report_cycle_for(path=point.region.path, month=month, packs=packs)
        report = filed.get(point.pk)
        if report is not None:
            late = is_late(report=report, today=today)
        else:
            due_on = cycle.due_on(month) if cycle else None
            late = rules.report_is_late(due_on=due_on, submitted_on=None, today=today)
        rows.append(MonthRow(point, report, cycle, late))
    return rows


def quarter_summary(*, region: Region, year: int, quarter: int) -> dict:
    """R17: a county's quarter: per station, the filed months, cases opened and closed (R9),
    hours (R18) and hours on the negative list (R19), late reports; and how many reports the
    region's policy asked for (none where no pack in force sets a report cycle)."""
    months = [dt.date(year, 3 * (quarter - 1) + offset, 1) for offset in (1, 2, 3)]
    filed = (
        MonthlyReport.objects.filter(
            service_point__region__path__startswith=region.path, month__in=months, status__in=FILED
        )
        .select_related("service_point")
        .order_by("service_point__code", "month")
    )
    points = list(directory_selectors.township_stations(region=region))
    packs = obligations.all_packs()
    owed = {
        point.pk: sum(
            obligations.report_cycle_for(path=point.region.path, month=month, packs=packs)
            is not None
            for month in months
        )
        for point in points
    }
    stations: dict[int, dict] = {}
    for report in filed:
        row = stations.setdefault(
            report.service_point_id,
            {
                "station": report.service_point,
                "months": 0,
                "owed": owed.get(report.service_point_id, 0),
                "late": 0,
                "cases_opened": 0,
                "cases_closed": 0,
                "work_hours": 0,
                "service_hours": 0,
                "admin_hours": 0,
                "supervision_minutes": 0,
                "training_minutes": 0,
            },
        )
        row["months"] += 1
        row["late"] += is_late(report=report, today=report.month)  # judged by its submission
        row["cases_opened"] += report.cases_opened
        row["cases_closed"] += report.cases_closed
        row["work_hours"] += report.work_hours
        row["service_hours"] += report.service_hours
        row["admin_hours"] += report.admin_hours
        row["supervision_minutes"] += report.figures.get("supervision_minutes", 0)
        row["training_minutes"] += report.figures.get("training_minutes", 0)
    for row in stations.values():
        row["service_share"] = rules.service_time_share(
            service_hours=row["service_hours"], work_hours=row["work_hours"]
        )
    return {
        "months": months,
        "rows": list(stations.values()),
        "stations": len(points),
        "expected": sum(owed.values()),
        "filed": sum(row["months"] for row in stations.values()),
        "late": sum(row["late"] for row in stations.values()),
    }


def sheet_with_rules(sheet: list[dict]) -> list[dict]:
    """The sheet's items, each rule item with its rule (`rule`, pack loaded) so that the page
    links it to its clause; items frozen before rules were kept by id show their citation only.
    One query."""
    ids = {item["rule_id"] for item in sheet if item.get("rule_id")}
    found = PolicyRule.objects.select_related("pack", "carried_forward_from").in_bulk(ids)
    return [{**item, "rule": found.get(item.get("rule_id"))} for item in sheet]
