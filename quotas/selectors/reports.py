"""Reads for monthly reports (R17): due days, the system's figures, lists and the quarter."""

import datetime as dt

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils import timezone

from accounts import scope
from accounts.models import User
from directory import selectors as directory_selectors
from directory.models import Region, ServicePoint
from lms import selectors as lms_selectors
from quotas import report_states, rules
from quotas.models import MonthlyReport, PolicyPack
from supervision import selectors as supervision_selectors

FILED = (MonthlyReport.Status.SUBMITTED, MonthlyReport.Status.ACCEPTED)


def due_day_for(*, service_point: ServicePoint) -> int:
    """The due day of the nearest policy pack above the station that sets one (R17)."""
    return due_day_for_region(region=service_point.region)


def due_day_for_region(*, region: Region) -> int:
    """The due day of the nearest policy pack at or above `region` that sets one (R17), else the
    platform's default (REPORT_DUE_DAY_DEFAULT)."""
    path = region.path
    above = [path[:end] for end in range(4, len(path) + 1, 4)]
    pack = (
        PolicyPack.objects.filter(report_due_day__isnull=False)
        .filter(Q(region__path__in=above) | Q(region__isnull=True))
        .order_by("-region__depth")
        .first()
    )
    return pack.report_due_day if pack else settings.REPORT_DUE_DAY_DEFAULT


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


def unfiled_is_late(*, region: Region, month: dt.date, today: dt.date) -> bool:
    """Whether a station of `region` that has not filed `month` is late by now (R17)."""
    due_day = due_day_for_region(region=region)
    return rules.report_is_late(
        due_on=rules.report_due_on(month=month, due_day=due_day), submitted_on=None, today=today
    )


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


def quarter_summary(*, region: Region, year: int, quarter: int) -> dict:
    """R17: a county's quarter: per station, the filed months, cases, hours and late reports."""
    months = [dt.date(year, 3 * (quarter - 1) + offset, 1) for offset in (1, 2, 3)]
    filed = (
        MonthlyReport.objects.filter(
            service_point__region__path__startswith=region.path, month__in=months, status__in=FILED
        )
        .select_related("service_point")
        .order_by("service_point__code", "month")
    )
    stations: dict[int, dict] = {}
    for report in filed:
        row = stations.setdefault(
            report.service_point_id,
            {
                "station": report.service_point,
                "months": 0,
                "late": 0,
                "cases": 0,
                "work_hours": 0,
                "service_hours": 0,
                "supervision_minutes": 0,
                "training_minutes": 0,
            },
        )
        row["months"] += 1
        row["late"] += is_late(report=report, today=report.due_on)
        row["cases"] += report.cases_served
        row["work_hours"] += report.work_hours
        row["service_hours"] += report.service_hours
        row["supervision_minutes"] += report.figures.get("supervision_minutes", 0)
        row["training_minutes"] += report.figures.get("training_minutes", 0)
    for row in stations.values():
        row["service_share"] = rules.service_time_share(
            service_hours=row["service_hours"], work_hours=row["work_hours"]
        )
    station_count = directory_selectors.township_stations(region=region).count()
    return {
        "months": months,
        "rows": list(stations.values()),
        "stations": station_count,
        "expected": station_count * 3,
        "filed": sum(row["months"] for row in stations.values()),
        "late": sum(row["late"] for row in stations.values()),
    }
