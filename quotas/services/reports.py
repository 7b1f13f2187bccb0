"""Monthly reports (R17): open with system figures, edit, submit by the due day, review."""

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import RoleGrant
from accounts.roles import Role
from audit.services import audit_record
from core import periods
from core.links import absolute_url
from directory.models import Position, ServicePoint
from lms.models import HourEntry
from outbox.services import mail_queue
from quotas import rules
from quotas.models import MonthlyReport, PolicyPack
from supervision.models import SupervisionSession

EDITABLE = (MonthlyReport.Status.DRAFT, MonthlyReport.Status.RETURNED)
NARRATIVE = ("cases_served", "work_hours", "service_hours", "highlights", "problems", "next_plan")
REMIND_DAYS_BEFORE = 3


def due_day_for(*, service_point: ServicePoint) -> int:
    """The due day of the nearest policy pack above the station that sets one (R17)."""
    return due_day_for_region(region=service_point.region)


def due_day_for_region(*, region) -> int:
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
    sessions = SupervisionSession.objects.filter(
        service_point=service_point,
        held_on__gte=month,
        held_on__lte=last,
        status=SupervisionSession.Status.HELD,
    )
    staff = Position.objects.filter(service_point=service_point)
    current = staff.filter(starts_on__lte=last).filter(
        Q(ends_on__isnull=True) | Q(ends_on__gte=month)
    )
    training = HourEntry.objects.filter(
        person__in=current.values("person_id"), on__gte=month, on__lte=last
    ).aggregate(total=Sum("minutes"))["total"]
    changes = [
        {"name": p.person.name, "role": p.get_role_display(), "change": change}
        for change, positions in (
            ("joined", staff.filter(starts_on__gte=month, starts_on__lte=last)),
            ("left", staff.filter(ends_on__gte=month, ends_on__lte=last)),
        )
        for p in positions.select_related("person")
    ]
    return {
        "supervision_sessions": sessions.count(),
        "supervision_minutes": sessions.aggregate(total=Sum("duration_minutes"))["total"] or 0,
        "training_minutes": training or 0,
        "staff": current.count(),
        "staff_changes": changes,
    }


@transaction.atomic
def report_open(
    *, service_point: ServicePoint, month: dt.date, by, today: dt.date
) -> MonthlyReport:
    """The station's report for `month`, created with the system's figures if new. A month that
    has not ended, or lies before the portal's first year, cannot be reported on (R17)."""
    month = periods.day_within(month.replace(day=1), today=today)
    if not rules.report_may_open(month=month, today=today):
        raise ValidationError(_("该月尚未结束，不能填报月报。"))
    report, created = MonthlyReport.objects.get_or_create(
        service_point=service_point,
        month=month,
        defaults={
            "due_on": rules.report_due_on(
                month=month, due_day=due_day_for(service_point=service_point)
            ),
            "figures": figures_for(service_point=service_point, month=month),
        },
    )
    if created:
        audit_record(actor=by, verb="monthly_report.open", target=report)
    return report


def _editable(report: MonthlyReport) -> None:
    if report.status not in EDITABLE:
        raise ValidationError(_("月报已报送或已通过审核，不能修改。"))


@transaction.atomic
def report_save(*, report: MonthlyReport, data: dict, by) -> MonthlyReport:
    report = MonthlyReport.objects.select_for_update().get(pk=report.pk)
    _editable(report)
    if data["service_hours"] > data["work_hours"]:
        raise ValidationError(_("专业服务时长不能超过工作总时长。"))
    before = {field: getattr(report, field) for field in NARRATIVE}
    for field in NARRATIVE:
        setattr(report, field, data[field])
    report.save(update_fields=list(NARRATIVE))
    audit_record(actor=by, verb="monthly_report.save", target=report, before=before, after=data)
    return report


@transaction.atomic
def report_submit(*, report: MonthlyReport, by) -> MonthlyReport:
    """Submit with the figures refreshed; the county then reviews it."""
    report = (
        MonthlyReport.objects.select_for_update().select_related("service_point").get(pk=report.pk)
    )
    _editable(report)
    report.figures = figures_for(service_point=report.service_point, month=report.month)
    report.status = MonthlyReport.Status.SUBMITTED
    report.submitted_at = timezone.now()
    report.submitted_by = by
    report.save(update_fields=["figures", "status", "submitted_at", "submitted_by"])
    audit_record(actor=by, verb="monthly_report.submit", target=report)
    return report


@transaction.atomic
def report_review(*, report: MonthlyReport, by, accept: bool, comment: str) -> MonthlyReport:
    """Accept (final) or return with a comment (the station edits and submits again)."""
    report = MonthlyReport.objects.select_for_update().get(pk=report.pk)
    if report.status != MonthlyReport.Status.SUBMITTED:
        raise ValidationError(_("只能审核已报送的月报。"))
    comment = comment.strip()
    if not accept and not comment:
        raise ValidationError(_("退回月报必须填写审核意见。"))
    report.status = MonthlyReport.Status.ACCEPTED if accept else MonthlyReport.Status.RETURNED
    report.reviewed_at = timezone.now()
    report.reviewed_by = by
    report.review_comment = comment
    report.save(update_fields=["status", "reviewed_at", "reviewed_by", "review_comment"])
    audit_record(
        actor=by,
        verb="monthly_report.accept" if accept else "monthly_report.return",
        target=report,
        after={"comment": comment},
    )
    return report


def reminders_send(*, today: dt.date) -> int:
    """Mail station heads whose report for last month is due in 3 days and not yet submitted."""
    month = (today.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
    sent = 0
    for point in ServicePoint.objects.filter(
        kind=ServicePoint.Kind.TOWNSHIP_STATION
    ).select_related("region"):
        due_on = rules.report_due_on(month=month, due_day=due_day_for(service_point=point))
        if due_on - today != dt.timedelta(days=REMIND_DAYS_BEFORE):
            continue
        filed = MonthlyReport.objects.filter(
            service_point=point, month=month, status__in=("submitted", "accepted")
        ).exists()
        if filed:
            continue
        for grant in RoleGrant.objects.filter(
            service_point=point, role=Role.STATION_HEAD, revoked_at__isnull=True
        ).select_related("user"):
            mail_queue(
                to=grant.user.email,
                subject=_("[社工站平台] %(month)s 月报将于 %(due)s 截止")
                % {"month": f"{month:%Y-%m}", "due": due_on},
                body=_("您好！%(station)s 的 %(month)s 月报尚未报送，请于 %(due)s 前报送：%(url)s")
                % {
                    "station": point.name,
                    "month": f"{month:%Y-%m}",
                    "due": due_on,
                    "url": absolute_url("quotas:station_reports", point.pk),
                },
            )
            sent += 1
    return sent


def quarter_summary(*, region, year: int, quarter: int) -> dict:
    """R17: a county's quarter: per station, the filed months, cases, hours and late reports."""
    months = [dt.date(year, 3 * (quarter - 1) + offset, 1) for offset in (1, 2, 3)]
    filed = (
        MonthlyReport.objects.filter(
            service_point__region__path__startswith=region.path,
            month__in=months,
            status__in=(MonthlyReport.Status.SUBMITTED, MonthlyReport.Status.ACCEPTED),
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
        submitted_on = timezone.localdate(report.submitted_at) if report.submitted_at else None
        row["late"] += rules.report_is_late(
            due_on=report.due_on, submitted_on=submitted_on, today=submitted_on or report.due_on
        )
        row["cases"] += report.cases_served
        row["work_hours"] += report.work_hours
        row["service_hours"] += report.service_hours
        row["supervision_minutes"] += report.figures.get("supervision_minutes", 0)
        row["training_minutes"] += report.figures.get("training_minutes", 0)
    for row in stations.values():
        row["service_share"] = rules.service_time_share(
            service_hours=row["service_hours"], work_hours=row["work_hours"]
        )
    station_count = ServicePoint.objects.filter(
        region__path__startswith=region.path, kind=ServicePoint.Kind.TOWNSHIP_STATION
    ).count()
    return {
        "months": months,
        "rows": list(stations.values()),
        "stations": station_count,
        "expected": station_count * 3,
        "filed": sum(row["months"] for row in stations.values()),
        "late": sum(row["late"] for row in stations.values()),
    }
