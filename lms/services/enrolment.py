"""Enrolment: self-enrolment (open or needing the station head's approval), assignment by an
administrator, a waitlist when full, cancellation until the deadline.

Capacity holds under concurrency: every change that takes or frees a place locks the run row
(SELECT … FOR UPDATE) first, so counting the enrolled and inserting happen one at a time.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import User
from audit.services import audit_record
from core.links import absolute_url
from directory.models import Person
from lms import rules, selectors
from lms.models import CourseRun, Enrolment, EnrolmentMode
from outbox.services import mail_queue

Status = Enrolment.Status

PROBLEMS = {
    "assigned_only": gettext_lazy("该期培训由管理员指派，不能自行报名。"),
    "deadline": gettext_lazy("报名已截止。"),
    "audience": gettext_lazy("您不在该课程的面向范围内，不能报名。"),
    "twice": gettext_lazy("您已报名该期培训，不能重复报名。"),
}
CANCEL_PROBLEMS = {
    "not_active": gettext_lazy("该报名已取消或未通过，无需再取消。"),
    "deadline": gettext_lazy("已过取消截止时间，不能取消报名。"),
}


def _locked_run(run: CourseRun) -> CourseRun:
    return CourseRun.objects.select_for_update().select_related("course").get(pk=run.pk)


def _has_place(run: CourseRun) -> bool:
    return run.enrolments.filter(status=Status.ENROLLED).count() < run.capacity


def _next_waitlist_position(run: CourseRun) -> int:
    last = run.enrolments.filter(status=Status.WAITLISTED).aggregate(m=Max("waitlist_position"))
    return (last["m"] or 0) + 1


def _place(enrolment: Enrolment, run: CourseRun) -> None:
    """Enrol when a place is free, otherwise join the end of the waitlist."""
    if _has_place(run):
        enrolment.status, enrolment.waitlist_position = Status.ENROLLED, None
    else:
        enrolment.status = Status.WAITLISTED
        enrolment.waitlist_position = _next_waitlist_position(run)


@transaction.atomic
def enrolment_create(*, run: CourseRun, person: Person, user: User) -> Enrolment:
    """A person enrols themselves: enrolled, waitlisted, or pending the station head's approval."""
    run = _locked_run(run)
    problem = rules.self_enrolment_problem(
        now=timezone.now(),
        deadline=run.enrolment_deadline,
        mode=run.enrolment_mode,
        in_audience=selectors.person_in_audience(person=person, course=run.course),
        already_active=run.enrolments.filter(person=person, status__in=Enrolment.ACTIVE).exists(),
    )
    if problem:
        raise ValidationError(PROBLEMS[problem], code=problem)
    enrolment = Enrolment(run=run, person=person, created_by=user)
    if run.enrolment_mode == EnrolmentMode.APPROVAL:
        enrolment.status = Status.PENDING
    else:
        _place(enrolment, run)
    enrolment.save()
    audit_record(
        actor=user,
        verb="lms.enrolment.create",
        target=enrolment,
        after={"status": enrolment.status},
    )
    return enrolment


@transaction.atomic
def enrolment_assign(*, run: CourseRun, person: Person, assigned_by: User) -> Enrolment:
    """An administrator puts a person on a run (mandatory pre-job training); no deadline or
    audience check, but still one active enrolment and the capacity (or the waitlist)."""
    run = _locked_run(run)
    if run.enrolments.filter(person=person, status__in=Enrolment.ACTIVE).exists():
        raise ValidationError(_("此人已报名该期培训。"), code="twice")
    enrolment = Enrolment(run=run, person=person, created_by=assigned_by, assigned=True)
    _place(enrolment, run)
    enrolment.save()
    audit_record(
        actor=assigned_by,
        verb="lms.enrolment.assign",
        target=enrolment,
        after={"status": enrolment.status},
    )
    _mail(enrolment, _("您已被安排参加培训：%(run)s") % {"run": run})
    return enrolment


@transaction.atomic
def enrolment_decide(
    *, enrolment: Enrolment, approve: bool, decided_by: User, reason: str = ""
) -> Enrolment:
    """The station head approves (→ enrolled or waitlisted) or rejects with a reason."""
    run = _locked_run(enrolment.run)
    enrolment = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
    if enrolment.status != Status.PENDING:
        raise ValidationError(_("该报名已处理。"))
    if approve:
        _place(enrolment, run)
    else:
        if not reason.strip():
            raise ValidationError(_("请填写不通过的原因。"))
        enrolment.status, enrolment.reason = Status.REJECTED, reason.strip()
    enrolment.decided_by, enrolment.decided_at = decided_by, timezone.now()
    enrolment.save()
    audit_record(
        actor=decided_by,
        verb="lms.enrolment.decide",
        target=enrolment,
        after={"status": enrolment.status, "reason": enrolment.reason},
    )
    if approve:
        _mail(enrolment, _("您的培训报名已通过：%(run)s") % {"run": run})
    else:
        _mail(
            enrolment,
            _("您的培训报名未通过：%(run)s") % {"run": run},
            extra=_("原因：%(reason)s") % {"reason": enrolment.reason},
        )
    return enrolment


@transaction.atomic
def enrolment_cancel(*, enrolment: Enrolment, user: User) -> Enrolment:
    """Cancel until the run's cancellation deadline; a freed place goes to the first waiting."""
    run = _locked_run(enrolment.run)
    enrolment = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
    problem = rules.cancellation_problem(
        now=timezone.now(), deadline=run.cancellation_deadline, status=enrolment.status
    )
    if problem:
        raise ValidationError(CANCEL_PROBLEMS[problem], code=problem)
    freed = enrolment.status == Status.ENROLLED
    enrolment.status, enrolment.waitlist_position = Status.CANCELLED, None
    enrolment.save()
    audit_record(actor=user, verb="lms.enrolment.cancel", target=enrolment)
    if freed:
        waitlist_promote(run=run)
    return enrolment


def waitlist_promote(*, run: CourseRun) -> Enrolment | None:
    """Give a free place to the first in line and tell them; call with the run row locked."""
    if not _has_place(run):
        return None
    first = (
        run.enrolments.select_for_update()
        .filter(status=Status.WAITLISTED)
        .order_by("waitlist_position", "pk")
        .first()
    )
    if first is None:
        return None
    first.status, first.waitlist_position = Status.ENROLLED, None
    first.save(update_fields=["status", "waitlist_position"])
    audit_record(actor=None, verb="lms.enrolment.promote", target=first)
    _mail(first, _("候补成功：您已获得培训名额 %(run)s") % {"run": run})
    return first


def _mail(enrolment: Enrolment, subject: str, extra: str = "") -> None:
    user = enrolment.person.user
    if user is None or not user.email:
        return
    url = absolute_url("lms:course_detail", enrolment.run.course_id)
    body = "\n".join(
        line
        for line in (
            subject,
            extra,
            _("开班时间：%(starts)s 至 %(ends)s")
            % {"starts": enrolment.run.starts_on, "ends": enrolment.run.ends_on},
            _("课程详情：%(url)s") % {"url": url},
        )
        if line
    )
    mail_queue(to=user.email, subject=subject, body=body)
