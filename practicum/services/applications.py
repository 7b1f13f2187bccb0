"""Applications to placements (R15): a student applies with a short statement and may withdraw
while it is pending; the host station and the university's coordinator each accept or decline.

Acceptance holds within the places under concurrency: every decision locks the placement row
(SELECT … FOR UPDATE) first, so counting the accepted and accepting happen one at a time."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from audit.services import audit_record
from core.links import absolute_url
from outbox.services import mail_queue
from practicum import permissions
from practicum.models import Application, Placement, Student
from practicum.weeks import periods_overlap

State = Application.State
Decision = Application.Decision
STATEMENT_MAX_LENGTH = 2000
REASON_MAX_LENGTH = 300
STATION, COORDINATOR = "station", "coordinator"


def _locked_placement(placement: Placement) -> Placement:
    return (
        Placement.objects.select_for_update(of=("self",))
        .select_related("base")
        .get(pk=placement.pk)
    )


def _overlapping_acceptance(*, student: Student, placement: Placement) -> bool:
    """Whether the student already holds an accepted placement sharing a day with this one."""
    accepted = (
        Application.objects.filter(student=student, state=State.ACCEPTED)
        .exclude(placement=placement)
        .values_list("placement__starts_on", "placement__ends_on")
    )
    period = (placement.starts_on, placement.ends_on)
    return any(periods_overlap(first=period, second=other) for other in accepted)


@transaction.atomic
def application_create(
    *, placement: Placement, student: Student, statement: str, user: User, today: dt.date
) -> Application:
    """A student applies to a published placement of their own university that has not begun,
    once, and not while holding an accepted placement that overlaps it (R15)."""
    placement = _locked_placement(placement)
    statement = statement.strip()
    if not statement:
        raise ValidationError(_("请填写申请陈述。"), code="statement")
    if len(statement) > STATEMENT_MAX_LENGTH:
        raise ValidationError(
            _("申请陈述不能超过 %(limit)d 字。") % {"limit": STATEMENT_MAX_LENGTH},
            code="statement",
        )
    if placement.base.university_id != student.programme.university_id:
        raise ValidationError(_("该岗位不面向您所在的高校。"), code="university")
    if placement.status != Placement.Status.PUBLISHED:
        raise ValidationError(_("该岗位未在招募中，不能申请。"), code="not_published")
    if placement.starts_on <= today:
        raise ValidationError(_("该岗位的实习已经开始，不能再申请。"), code="started")
    if placement.applications.filter(student=student).exists():
        raise ValidationError(_("您已申请过这个岗位。"), code="twice")
    if _overlapping_acceptance(student=student, placement=placement):
        raise ValidationError(_("您已被录用的另一个实习与该岗位时间重叠。"), code="overlap")
    application = Application.objects.create(
        placement=placement, student=student, statement=statement
    )
    audit_record(
        actor=user,
        verb="practicum.application.create",
        target=application,
        after={"state": application.state},
    )
    return application


@transaction.atomic
def application_withdraw(*, application: Application, user: User) -> Application:
    """The student withdraws an application that no one has finished deciding."""
    permissions.require(permissions.is_student(user, application))
    application = Application.objects.select_for_update(of=("self",)).get(pk=application.pk)
    if application.state != State.PENDING:
        raise ValidationError(_("只有待审核的申请可以撤回。"), code="not_pending")
    application.state = State.WITHDRAWN
    application.save(update_fields=["state"])
    audit_record(
        actor=user,
        verb="practicum.application.withdraw",
        target=application,
        before={"state": State.PENDING},
        after={"state": State.WITHDRAWN},
    )
    return application


def party_allowed(*, user: User, application: Application, party: str) -> bool:
    """The host station decides for the station, the university's coordinator for the
    university (R15)."""
    placement = application.placement
    if party == STATION:
        return permissions.may_host(user, placement.base)
    if party == COORDINATOR:
        return permissions.may_manage(user, placement.base.university)
    return False


def _acceptance_problem(*, application: Application, placement: Placement) -> str | None:
    base = placement.base
    if not base.covers(placement.starts_on, placement.ends_on):
        return _(
            "实践基地协议（%(starts)s 至 %(ends)s）未覆盖整个实习期（%(from)s 至 %(to)s），"
            "不能录用。"
        ) % {
            "starts": base.starts_on,
            "ends": base.ends_on,
            "from": placement.starts_on,
            "to": placement.ends_on,
        }
    accepted = placement.applications.filter(state=State.ACCEPTED).count()
    if accepted >= placement.places:
        return _("名额已满")
    if _overlapping_acceptance(student=application.student, placement=placement):
        return _("该学生已被录用的另一个实习与该岗位时间重叠。")
    return None


@transaction.atomic
def application_decide(
    *, application: Application, party: str, accept: bool, user: User, reason: str = ""
) -> Application:
    """One party's decision. Declining (with a reason) declines the application; accepting is
    refused when the places are taken or the agreement does not cover the whole placement;
    the second acceptance accepts it. The student is mailed the outcome (R15)."""
    permissions.require(party_allowed(user=user, application=application, party=party))
    placement = _locked_placement(application.placement)
    application = (
        Application.objects.select_for_update(of=("self",))
        .select_related("student__person__user", "student__programme")
        .get(pk=application.pk)
    )
    field = f"{party}_decision"
    if application.state != State.PENDING or getattr(application, field):
        raise ValidationError(_("这份申请您已处理过或已有结果。"), code="decided")
    reason = reason.strip()
    if accept:
        problem = _acceptance_problem(application=application, placement=placement)
        if problem:
            raise ValidationError(problem, code="refused")
    elif not reason:
        raise ValidationError(_("不同意时请填写理由。"), code="reason")
    elif len(reason) > REASON_MAX_LENGTH:
        raise ValidationError(
            _("理由不能超过 %(limit)d 字。") % {"limit": REASON_MAX_LENGTH}, code="reason"
        )
    before = {"state": application.state}
    setattr(application, field, Decision.ACCEPTED if accept else Decision.DECLINED)
    setattr(application, f"{party}_decided_by", user)
    if not accept:
        application.state, application.decline_reason = State.DECLINED, reason
    elif application.station_decision == application.coordinator_decision == Decision.ACCEPTED:
        application.state = State.ACCEPTED
    if application.state != State.PENDING:
        application.decided_at = timezone.now()
    application.save()
    audit_record(
        actor=user,
        verb=f"practicum.application.decide.{party}",
        target=application,
        before=before,
        after={
            "decision": getattr(application, field),
            "state": application.state,
            "reason": application.decline_reason,
        },
    )
    if application.state != State.PENDING:
        _mail_outcome(application, placement)
    return application


def _mail_outcome(application: Application, placement: Placement) -> None:
    user = application.student.person.user
    if user is None or not user.email:
        return
    if application.state == State.ACCEPTED:
        subject = _("您的实习申请已被录用：%(placement)s") % {"placement": placement.title}
        extra = _("实习时间：%(starts)s 至 %(ends)s") % {
            "starts": placement.starts_on,
            "ends": placement.ends_on,
        }
    else:
        subject = _("您的实习申请未被录用：%(placement)s") % {"placement": placement.title}
        extra = _("理由：%(reason)s") % {"reason": application.decline_reason}
    url = absolute_url("practicum:placement_student_home")
    body = "\n".join((subject, extra, _("查看详情：%(url)s") % {"url": url}))
    mail_queue(to=user.email, subject=subject, body=body)
