"""Monthly reports (R17): open with the system's figures, edit, submit, review; remind station
heads before the due day. Which month a report covers and its due day are the region's policy
(quotas.selectors.obligations): where none sets them a report has no due day and no reminder."""

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import scope
from accounts import selectors as account_selectors
from accounts.models import User
from accounts.roles import Role
from audit.services import audit_record
from core import periods
from core.links import absolute_url
from directory import selectors as directory_selectors
from directory.models import ServicePoint
from outbox.services import mail_queue
from quotas import report_states, rules
from quotas.models import HOURS_MESSAGE, VISITS_MESSAGE, MonthlyReport
from quotas.selectors import obligations
from quotas.selectors import reports as selectors

NARRATIVE = (
    "cases_opened",
    "cases_closed",
    "cases_served",
    "work_hours",
    "service_hours",
    "admin_hours",
    "key_clients",
    "key_clients_visited",
    "highlights",
    "problems",
    "next_plan",
)
REMIND_DAYS_BEFORE = 3


@transaction.atomic
def report_open(
    *, service_point: ServicePoint, month: dt.date, by: User, today: dt.date
) -> MonthlyReport:
    """The station's report for `month`, created with the system's figures if new, due as the
    region's policy says (no due day where it sets no report cycle). A report on the current
    month (Yunlong's progress table) opens once the month has begun, any other once it has
    ended; none before the portal's first year (R17)."""
    month = periods.day_within(month.replace(day=1), today=today)
    cycle = obligations.report_cycle_for(path=service_point.region.path, month=month)
    current = cycle is not None and cycle.covers_current_month
    if not rules.report_may_open(month=month, today=today, covers_current_month=current):
        if current:
            raise ValidationError(_("该月尚未开始，不能填报。"))
        raise ValidationError(_("该月尚未结束，不能填报月报。"))
    report, created = MonthlyReport.objects.get_or_create(
        service_point=service_point,
        month=month,
        defaults={
            "due_on": cycle.due_on(month) if cycle else None,
            "figures": selectors.figures_for(service_point=service_point, month=month),
        },
    )
    if created:
        audit_record(actor=by, verb="monthly_report.open", target=report)
    return report


def _allowed(*, report: MonthlyReport, action: str, by: User) -> str:
    """The status `action` by `by` leads to (R17, quotas.report_states). PermissionDenied when
    their role may not take the action on this station; ValidationError when the report's
    status does not allow it."""
    permission = report_states.PERMISSION.get(action)
    if permission is None:
        raise PermissionDenied(_("无效的月报操作。"))
    if not scope.role_allows(user=by, action=permission, obj=report.service_point):
        if action in report_states.FILING:
            raise PermissionDenied(_("只有本站站长可以填写和报送月报。"))
        raise PermissionDenied(_("只有辖区民政管理员可以审核月报。"))
    status = report_states.next_status(status=report.status, action=action)
    if status is None:
        if action in report_states.FILING:
            raise ValidationError(_("月报已报送或已通过审核，不能修改。"))
        raise ValidationError(_("只能审核已报送的月报。"))
    return status


def _write(*, report: MonthlyReport, data: dict, by: User) -> None:
    """Save the station's figures: service and administrative hours within the working time
    (R18, R19), visited key clients among the key clients (R20)."""
    if not rules.hours_add_up(
        work_hours=data["work_hours"],
        service_hours=data["service_hours"],
        admin_hours=data["admin_hours"],
    ):
        raise ValidationError(str(HOURS_MESSAGE))
    if data["key_clients_visited"] > data["key_clients"]:
        raise ValidationError(str(VISITS_MESSAGE))
    before = {field: getattr(report, field) for field in NARRATIVE}
    for field in NARRATIVE:
        setattr(report, field, data[field])
    report.save(update_fields=list(NARRATIVE))
    audit_record(actor=by, verb="monthly_report.save", target=report, before=before, after=data)


@transaction.atomic
def report_transition(
    *, report: MonthlyReport, action: str, by: User, data: dict | None = None, comment: str = ""
) -> MonthlyReport:
    """Take `action` (save, submit, accept, return) on the report (R17, quotas.report_states).
    The station head saves `data` (the form's figures and narrative) and submits, with the
    system's figures refreshed; the county accepts, which is final, or returns with a comment,
    and the station edits and submits again."""
    report = (
        MonthlyReport.objects.select_for_update(of=("self",))
        .select_related("service_point__region")
        .get(pk=report.pk)
    )
    status = _allowed(report=report, action=action, by=by)
    if action in report_states.FILING and data is not None:
        _write(report=report, data=data, by=by)
    if action == report_states.SAVE:
        return report
    if action == report_states.SUBMIT:
        report.figures = selectors.figures_for(
            service_point=report.service_point, month=report.month
        )
        report.submitted_at, report.submitted_by = timezone.now(), by
        stamped, after = ["figures", "submitted_at", "submitted_by"], None
    else:
        comment = comment.strip()
        if action == report_states.RETURN and not comment:
            raise ValidationError(_("退回月报必须填写审核意见。"))
        report.reviewed_at, report.reviewed_by, report.review_comment = timezone.now(), by, comment
        stamped, after = ["reviewed_at", "reviewed_by", "review_comment"], {"comment": comment}
    report.status = status
    report.save(update_fields=["status", *stamped])
    audit_record(actor=by, verb=f"monthly_report.{action}", target=report, after=after)
    return report


def reminders_send(*, today: dt.date) -> int:
    """Mail station heads whose report is due in 3 days and not yet filed: only where the
    region's policy sets a report cycle with a due day (R17) — the current month's report
    (Yunlong) or last month's."""
    this_month = today.replace(day=1)
    last_month = (this_month - dt.timedelta(days=1)).replace(day=1)
    packs = obligations.all_packs()
    sent = 0
    for point in directory_selectors.township_stations():
        for month in (last_month, this_month):
            cycle = obligations.report_cycle_for(path=point.region.path, month=month, packs=packs)
            due_on = cycle.due_on(month) if cycle else None
            if due_on is None or due_on - today != dt.timedelta(days=REMIND_DAYS_BEFORE):
                continue
            if selectors.is_filed(service_point=point, month=month):
                continue
            for head in account_selectors.holders_at(role=Role.STATION_HEAD, service_point=point):
                mail_queue(
                    to=head.email,
                    subject=_("[社工站平台] %(month)s %(name)s将于 %(due)s 截止")
                    % {"month": f"{month:%Y-%m}", "name": cycle.name, "due": due_on},
                    body=_(
                        "您好！%(station)s 的 %(month)s %(name)s尚未报送，请于 %(due)s 前报送："
                        "%(url)s"
                    )
                    % {
                        "station": point.name,
                        "month": f"{month:%Y-%m}",
                        "name": cycle.name,
                        "due": due_on,
                        "url": absolute_url("quotas:station_reports", point.pk),
                    },
                )
                sent += 1
    return sent
