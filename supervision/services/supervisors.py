"""Supervisors, their grades and assignments to stations with terms (R5, R6, R16, R24)."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts import selectors as accounts_selectors
from accounts.models import User
from accounts.roles import Role
from accounts.services import role_grant_create, role_grant_revoke
from audit.services import audit_record
from core.conflicts import refused_on_conflict
from core.links import absolute_url
from directory.models import Person, Region, ServicePoint
from outbox.services import mail_queue
from supervision import selectors, terms
from supervision.models import (
    Assignment,
    GradeChange,
    SupervisorGrade,
    SupervisorProfile,
    TermReminder,
)


@transaction.atomic
def supervisor_profile_create(
    *,
    person: Person,
    committee_level: str,
    grade: SupervisorGrade,
    starts_on: dt.date,
    created_by: User | None,
    specialties: str = "",
    mentor: SupervisorProfile | None = None,
) -> SupervisorProfile:
    """Make `person` a supervisor at `grade` from `starts_on` (the first step of the history)."""
    with refused_on_conflict(_("此人已经是督导。")):
        profile = SupervisorProfile.objects.create(
            person=person,
            committee_level=committee_level,
            grade=grade,
            specialties=specialties,
            mentor=mentor,
        )
    GradeChange.objects.create(profile=profile, grade=grade, starts_on=starts_on)
    audit_record(
        actor=created_by,
        verb="supervisor.create",
        target=profile,
        after={"grade": grade.name, "committee_level": committee_level},
    )
    return profile


@transaction.atomic
def supervisor_grade_change(
    *, profile: SupervisorProfile, grade: SupervisorGrade, starts_on: dt.date, changed_by: User
) -> GradeChange:
    """Move a supervisor to another grade; the history keeps every step (R24)."""
    latest = profile.grade_changes.order_by("-starts_on").first()
    if latest and starts_on <= latest.starts_on:
        raise ValidationError(
            {
                "starts_on": _("新等级的起始日期必须晚于上一次等级变更（%(day)s）。")
                % {"day": latest.starts_on.isoformat()}
            }
        )
    before = {"grade": profile.grade.name}
    with refused_on_conflict(_("同一天只能变更一次督导等级。")):
        change = GradeChange.objects.create(profile=profile, grade=grade, starts_on=starts_on)
    profile.grade = grade
    profile.save(update_fields=["grade"])
    audit_record(
        actor=changed_by,
        verb="supervisor.grade_change",
        target=profile,
        before=before,
        after={"grade": grade.name, "starts_on": starts_on.isoformat()},
    )
    return change


def _grant_target(assignment: Assignment) -> dict:
    if assignment.service_point_id:
        return {"service_point_id": assignment.service_point_id, "region": None}
    return {"region_id": assignment.region_id, "service_point": None}


@transaction.atomic
def assignment_create(
    *,
    supervisor: SupervisorProfile,
    target: ServicePoint | Region,
    mode: str,
    starts_on: dt.date,
    planned_end_on: dt.date,
    created_by: User | None,
    term_reason: str = "",
) -> Assignment:
    """Assign a supervisor to a station (or a region as chief supervisor) for a term.

    R6: a term outside the term suggested where the target lies (its policy pack) is saved and
    flagged, with the reason given for it; where no pack suggests a term there is no flag and
    no reason is kept. The supervisor's user gets a supervisor grant over the target, so the
    station comes into their scope.
    """
    if planned_end_on <= starts_on:
        raise ValidationError({"planned_end_on": _("计划结束日期必须晚于开始日期。")})
    assignment = Assignment(
        supervisor=supervisor,
        service_point=target if isinstance(target, ServicePoint) else None,
        region=target if isinstance(target, Region) else None,
        mode=mode,
        starts_on=starts_on,
        planned_end_on=planned_end_on,
        term_reason=term_reason.strip(),
        created_by=created_by,
    )
    flag = selectors.term_flag(assignment=assignment)
    if flag is None:
        assignment.term_reason = ""
    assignment.save()
    user = supervisor.person.user
    if user is not None:
        role_grant_create(user=user, role=Role.SUPERVISOR, target=target, granted_by=created_by)
    audit_record(
        actor=created_by,
        verb="assignment.create",
        target=assignment,
        after={
            "mode": mode,
            "starts_on": starts_on.isoformat(),
            "planned_end_on": planned_end_on.isoformat(),
            "term_warning": flag.warning if flag else None,
            "term_reason": assignment.term_reason,
        },
    )
    return assignment


@transaction.atomic
def assignment_end(*, assignment: Assignment, ended_on: dt.date, ended_by: User) -> Assignment:
    """End an assignment early or on time; the row stays. The supervisor's grant over the
    target is revoked unless another active assignment still needs it."""
    if ended_on < assignment.starts_on:
        raise ValidationError({"ended_on": _("结束日期不能早于开始日期。")})
    before = {"ended_on": None}
    assignment.ended_on = ended_on
    assignment.save(update_fields=["ended_on"])
    audit_record(
        actor=ended_by,
        verb="assignment.end",
        target=assignment,
        before=before,
        after={"ended_on": ended_on.isoformat()},
    )
    user = assignment.supervisor.person.user
    target = _grant_target(assignment)
    still_needed = (
        Assignment.objects.filter(supervisor__person__user=user, ended_on__isnull=True, **target)
        .exclude(pk=assignment.pk)
        .exists()
    )
    if user is not None and not still_needed:
        for grant in accounts_selectors.active_grants_of(
            user=user,
            role=Role.SUPERVISOR,
            region_id=assignment.region_id,
            service_point_id=assignment.service_point_id,
        ):
            role_grant_revoke(grant=grant, revoked_by=ended_by)
    return assignment


def term_reminders_send(*, today: dt.date) -> int:
    """Mail the supervisor and the region administrators of every term ending in exactly 90 or
    30 days (R6); a reminder row per assignment and day count stops a second mail."""
    ends = [today + dt.timedelta(days=days) for days in terms.REMINDER_DAYS]
    due = Assignment.objects.filter(ended_on__isnull=True, planned_end_on__in=ends).select_related(
        "supervisor__person__user", "service_point__region", "region"
    )
    sent = 0
    for assignment in due:
        days = terms.reminder_due(planned_end_on=assignment.planned_end_on, today=today)
        with transaction.atomic():
            _reminder, created = TermReminder.objects.get_or_create(
                assignment=assignment, days_before=days
            )
            if not created:
                continue
            for address in _reminder_recipients(assignment):
                mail_queue(
                    to=address,
                    subject=_("[社工站平台] 督导任期将于 %(days)s 天后到期") % {"days": days},
                    body=_(
                        "%(supervisor)s 在 %(scope)s 的督导任期（%(mode)s）将于 %(end)s 到期，"
                        "还有 %(days)s 天。请及时安排续聘或交接。\n%(link)s\n"
                    )
                    % {
                        "supervisor": assignment.supervisor,
                        "scope": assignment.scope,
                        "mode": assignment.get_mode_display(),
                        "end": assignment.planned_end_on.isoformat(),
                        "days": days,
                        "link": absolute_url("supervision:my_stations"),
                    },
                )
            sent += 1
    return sent


def _reminder_recipients(assignment: Assignment) -> list[str]:
    path = (assignment.region or assignment.service_point.region).path
    prefixes = [path[:i] for i in range(Region.steplen, len(path) + 1, Region.steplen)]
    admins = accounts_selectors.holder_emails_over(role=Role.REGION_ADMIN, region_paths=prefixes)
    user = assignment.supervisor.person.user
    addresses = [user.email] if user and user.email else []
    return sorted({*addresses, *admins})
