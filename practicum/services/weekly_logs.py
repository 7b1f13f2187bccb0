"""Weekly logs (R15): the student of an accepted placement logs each week's hours; the field
supervisor confirms a log (final) or returns it with a comment, and a returned log is corrected
and submitted again."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import User
from audit.services import audit_record
from core.units import hours
from practicum import permissions
from practicum.models import Application, WeeklyLog
from practicum.services.completion import practicum_complete_if_ready
from practicum.weeks import days_inside, week_capacity_minutes, week_problem

State = WeeklyLog.State
COMMENT_MAX_LENGTH = 500

WEEK_PROBLEMS = {
    "not_monday": gettext_lazy("周志须从周一开始，请选择该周的周一日期。"),
    "outside": gettext_lazy("这一周不在实习期内。"),
    "future": gettext_lazy("这一周还没有开始，不能提前填报。"),
}


def _check_entry(
    *, application: Application, week_starts_on: dt.date, minutes: int, today: dt.date
) -> None:
    placement = application.placement
    period = {"starts_on": placement.starts_on, "ends_on": placement.ends_on}
    problem = week_problem(monday=week_starts_on, today=today, **period)
    if problem:
        raise ValidationError(WEEK_PROBLEMS[problem], code=problem)
    if minutes <= 0:
        raise ValidationError(_("时长必须大于 0。"), code="minutes")
    capacity = week_capacity_minutes(monday=week_starts_on, **period)
    if minutes > capacity:
        raise ValidationError(
            _("这一周在实习期内有 %(days)d 天，最多可填报 %(hours)s 小时。")
            % {"days": days_inside(monday=week_starts_on, **period), "hours": hours(capacity)},
            code="too_many",
        )


@transaction.atomic
def weekly_log_submit(
    *,
    application: Application,
    week_starts_on: dt.date,
    minutes: int,
    activities: str,
    reflection: str,
    user: User,
    today: dt.date,
) -> WeeklyLog:
    """The student logs one week of an accepted placement: a Monday with a day inside the
    placement period, not in the future, no more than the week can hold, once (R15)."""
    permissions.require(permissions.is_student(user, application))
    application = (
        Application.objects.select_for_update(of=("self",))
        .select_related("placement")
        .get(pk=application.pk)
    )
    if application.state != Application.State.ACCEPTED:
        raise ValidationError(_("只有已录用的实习可以填写周志。"), code="not_accepted")
    _check_entry(
        application=application, week_starts_on=week_starts_on, minutes=minutes, today=today
    )
    if application.weekly_logs.filter(week_starts_on=week_starts_on).exists():
        raise ValidationError(_("这一周已有周志。"), code="twice")
    log = WeeklyLog.objects.create(
        application=application,
        week_starts_on=week_starts_on,
        minutes=minutes,
        activities=activities.strip(),
        reflection=reflection.strip(),
    )
    audit_record(
        actor=user, verb="practicum.weekly_log.submit", target=log, after={"minutes": minutes}
    )
    return log


@transaction.atomic
def weekly_log_revise(
    *, log: WeeklyLog, minutes: int, activities: str, reflection: str, user: User, today: dt.date
) -> WeeklyLog:
    """The student corrects a log not yet confirmed (typically a returned one); it goes back to
    the field supervisor. A confirmed log is final (R15)."""
    permissions.require(permissions.is_student(user, log.application))
    log = (
        WeeklyLog.objects.select_for_update(of=("self",))
        .select_related("application__placement")
        .get(pk=log.pk)
    )
    if log.state == State.CONFIRMED:
        raise ValidationError(_("周志已确认，不能再修改。"), code="confirmed")
    _check_entry(
        application=log.application,
        week_starts_on=log.week_starts_on,
        minutes=minutes,
        today=today,
    )
    before = {"state": log.state, "minutes": log.minutes}
    log.minutes, log.activities, log.reflection = minutes, activities.strip(), reflection.strip()
    log.state, log.return_comment, log.submitted_at = State.SUBMITTED, "", timezone.now()
    log.answered_by, log.answered_at = None, None
    log.save()
    audit_record(
        actor=user,
        verb="practicum.weekly_log.revise",
        target=log,
        before=before,
        after={"state": log.state, "minutes": log.minutes},
    )
    return log


def _locked_for_answer(*, log: WeeklyLog, user: User) -> WeeklyLog:
    permissions.require(permissions.is_field_supervisor(user, log.application.placement))
    log = WeeklyLog.objects.select_for_update(of=("self",)).get(pk=log.pk)
    if log.state != State.SUBMITTED:
        raise ValidationError(_("这份周志不在待确认状态。"), code="not_submitted")
    return log


@transaction.atomic
def weekly_log_confirm(*, log: WeeklyLog, user: User) -> WeeklyLog:
    """The placement's field supervisor confirms a submitted log; its minutes count towards the
    programme's hours and it can no longer change (R15). The week that brings the hours up to
    the programme's requirement completes the placement when the rest is in."""
    log = _locked_for_answer(log=log, user=user)
    log.state, log.answered_by, log.answered_at = State.CONFIRMED, user, timezone.now()
    log.save(update_fields=["state", "answered_by", "answered_at"])
    audit_record(
        actor=user,
        verb="practicum.weekly_log.confirm",
        target=log,
        before={"state": State.SUBMITTED},
        after={"state": log.state},
    )
    practicum_complete_if_ready(application=log.application, by=user)
    return log


@transaction.atomic
def weekly_log_return(*, log: WeeklyLog, comment: str, user: User) -> WeeklyLog:
    """The field supervisor returns a submitted log with a comment for the student (R15)."""
    log = _locked_for_answer(log=log, user=user)
    comment = comment.strip()
    if not comment:
        raise ValidationError(_("退回时请填写意见。"), code="comment")
    if len(comment) > COMMENT_MAX_LENGTH:
        raise ValidationError(
            _("意见不能超过 %(limit)d 字。") % {"limit": COMMENT_MAX_LENGTH}, code="comment"
        )
    log.state, log.return_comment = State.RETURNED, comment
    log.answered_by, log.answered_at = user, timezone.now()
    log.save(update_fields=["state", "return_comment", "answered_by", "answered_at"])
    audit_record(
        actor=user,
        verb="practicum.weekly_log.return",
        target=log,
        before={"state": State.SUBMITTED},
        after={"state": log.state, "comment": comment},
    )
    return log
