"""Monthly reports (R17): open with the system's figures, edit, submit by the due day, review;
remind station heads before the due day."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import selectors as account_selectors
from accounts.roles import Role
from audit.services import audit_record
from core import periods
from core.links import absolute_url
from directory import selectors as directory_selectors
from directory.models import ServicePoint
from outbox.services import mail_queue
from quotas import rules
from quotas.models import MonthlyReport
from quotas.selectors import reports as selectors

EDITABLE = (MonthlyReport.Status.DRAFT, MonthlyReport.Status.RETURNED)
NARRATIVE = ("cases_served", "work_hours", "service_hours", "highlights", "problems", "next_plan")
REMIND_DAYS_BEFORE = 3


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
                month=month, due_day=selectors.due_day_for(service_point=service_point)
            ),
            "figures": selectors.figures_for(service_point=service_point, month=month),
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
    report.figures = selectors.figures_for(service_point=report.service_point, month=report.month)
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
    for point in directory_selectors.township_stations():
        due_on = rules.report_due_on(
            month=month, due_day=selectors.due_day_for(service_point=point)
        )
        if due_on - today != dt.timedelta(days=REMIND_DAYS_BEFORE):
            continue
        if selectors.is_filed(service_point=point, month=month):
            continue
        for head in account_selectors.holders_at(role=Role.STATION_HEAD, service_point=point):
            mail_queue(
                to=head.email,
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
