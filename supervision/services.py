"""Writes for supervision: one use case each, atomic and audited."""

import datetime as dt
from collections.abc import Sequence

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import RoleGrant, User
from accounts.roles import Role
from accounts.services import role_grant_create, role_grant_revoke
from audit.services import audit_record
from directory.models import Person, Position, Region, ServicePoint
from outbox.services import mail_queue
from supervision import terms
from supervision.models import (
    Assignment,
    Attachment,
    GradeChange,
    Supervisee,
    SupervisionSession,
    SupervisorGrade,
    SupervisorProfile,
    TermReminder,
    YearLock,
)

SESSION_FIELDS = (
    "providing_level",
    "form",
    "started_at",
    "duration_minutes",
    "status",
    "topic",
    "cases_discussed",
    "notes",
    "follow_up",
)


# Supervisors and assignments (R5, R6, R16, R24)


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

    R6: a term outside 3–5 years is allowed only with a recorded reason. The supervisor's user
    gets a supervisor grant over the target, so the station comes into their scope.
    """
    if planned_end_on <= starts_on:
        raise ValidationError({"planned_end_on": _("计划结束日期必须晚于开始日期。")})
    warning = terms.term_warning(starts_on, planned_end_on)
    if warning and not term_reason.strip():
        raise ValidationError({"term_reason": TERM_WARNINGS[warning]})
    assignment = Assignment.objects.create(
        supervisor=supervisor,
        service_point=target if isinstance(target, ServicePoint) else None,
        region=target if isinstance(target, Region) else None,
        mode=mode,
        starts_on=starts_on,
        planned_end_on=planned_end_on,
        term_reason=term_reason.strip() if warning else "",
        created_by=created_by,
    )
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
            "term_warning": warning,
            "term_reason": assignment.term_reason,
        },
    )
    return assignment


TERM_WARNINGS = {
    "short": _("任期不足 3 年（R6 建议 3–5 年），请填写理由。"),
    "long": _("任期超过 5 年（R6 建议 3–5 年），请填写理由。"),
}


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
        for grant in RoleGrant.objects.filter(
            user=user, role=Role.SUPERVISOR, revoked_at__isnull=True, **target
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
                        "link": settings.SITE_URL.rstrip("/") + reverse("supervision:my_stations"),
                    },
                )
            sent += 1
    return sent


def _reminder_recipients(assignment: Assignment) -> list[str]:
    path = (assignment.region or assignment.service_point.region).path
    prefixes = [path[:i] for i in range(Region.steplen, len(path) + 1, Region.steplen)]
    admins = (
        RoleGrant.objects.filter(
            role=Role.REGION_ADMIN, revoked_at__isnull=True, region__path__in=prefixes
        )
        .exclude(user__email="")
        .values_list("user__email", flat=True)
    )
    user = assignment.supervisor.person.user
    addresses = [user.email] if user and user.email else []
    return sorted({*addresses, *admins})


# Sessions (R7, R8, R9, R10)


def year_locked(*, service_point: ServicePoint, year: int) -> bool:
    return YearLock.objects.filter(
        service_point=service_point, year=year, reopened_at__isnull=True
    ).exists()


def _check_not_locked(service_point: ServicePoint, *days: dt.date) -> None:
    for year in sorted({day.year for day in days}):
        if year_locked(service_point=service_point, year=year):
            raise ValidationError(
                _("%(station)s %(year)s 年度的督导记录已在年度考核中锁定，只有管理员可以重新开放。")
                % {"station": service_point, "year": year}
            )


def _check_session(
    *,
    service_point: ServicePoint,
    supervisors: Sequence[SupervisorProfile],
    held_on: dt.date,
    duration_minutes: int,
    supervisees: Sequence[tuple[Person, int]],
) -> None:
    errors = []
    if duration_minutes <= 0:
        raise ValidationError({"duration_minutes": _("时长必须是正整数分钟。")})
    if not supervisors:
        errors.append(_("请至少选择一名督导。"))
    for supervisor in supervisors:
        if not supervisor_assigned(supervisor=supervisor, service_point=service_point, day=held_on):
            errors.append(
                _("%(supervisor)s 在 %(day)s 不在该站点的督导任期内。")
                % {"supervisor": supervisor, "day": held_on.isoformat()}
            )
    people = [person for person, _minutes in supervisees]
    if len({p.pk for p in people}) != len(people):
        errors.append(_("同一名社工只能出现一次。"))
    at_station = set(
        Position.objects.filter(
            service_point=service_point, person__in=people, starts_on__lte=held_on
        )
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=held_on))
        .values_list("person_id", flat=True)
    )
    for person, minutes in supervisees:
        problem = terms.minutes_problem(minutes=minutes, duration_minutes=duration_minutes)
        if problem:
            errors.append(MINUTES_PROBLEMS[problem] % {"name": person.name})
        if person.pk not in at_station:
            errors.append(
                _("%(name)s 在 %(day)s 不在本站任职。") % {"name": person.name, "day": held_on}
            )
    if errors:
        raise ValidationError(errors)


MINUTES_PROBLEMS = {
    "positive": _("%(name)s 接受督导的分钟数必须大于 0。"),
    "too_long": _("%(name)s 接受督导的分钟数不能超过本次督导的时长。"),
}


def supervisor_assigned(
    *, supervisor: SupervisorProfile, service_point: ServicePoint, day: dt.date
) -> bool:
    """Whether one of the supervisor's assignments covers the station on `day` (R5)."""
    path = service_point.region.path
    for assignment in supervisor.assignments.select_related("region"):
        reaches = assignment.service_point_id == service_point.pk or (
            assignment.region_id and path.startswith(assignment.region.path)
        )
        if reaches and terms.covers(
            starts_on=assignment.starts_on, end_on=assignment.end_on, day=day
        ):
            return True
    return False


def _snapshot(session: SupervisionSession) -> dict:
    values = {name: getattr(session, name) for name in SESSION_FIELDS}
    values["started_at"] = session.started_at.isoformat()
    values["version"] = session.version
    values["supervisors"] = sorted(session.supervisors.values_list("pk", flat=True))
    values["supervisees"] = {
        str(person_id): [minutes, state]
        for person_id, minutes, state in session.supervisees.values_list(
            "person_id", "minutes", "state"
        )
    }
    return values


def session_log(
    *,
    service_point: ServicePoint,
    supervisors: Sequence[SupervisorProfile],
    providing_level: str,
    form: str,
    started_at: dt.datetime,
    duration_minutes: int,
    status: str,
    topic: str,
    supervisees: Sequence[tuple[Person, int]],
    logged_by: User | None,
    cases_discussed: str = "",
    notes: str = "",
    follow_up: str = "",
    idempotency_key: str | None = None,
    attachment: UploadedFile | None = None,
) -> SupervisionSession:
    """Record one session and each supervisee's minutes, pending their confirmation.

    A repeated `idempotency_key` (a double submit) returns the first session, never a second.
    """
    if idempotency_key:
        existing = SupervisionSession.objects.filter(idempotency_key=idempotency_key).first()
        if existing:
            return existing
    try:
        with transaction.atomic():
            return _session_create(
                service_point=service_point,
                supervisors=supervisors,
                supervisees=supervisees,
                logged_by=logged_by,
                idempotency_key=idempotency_key,
                attachment=attachment,
                fields={
                    "providing_level": providing_level,
                    "form": form,
                    "started_at": started_at,
                    "duration_minutes": duration_minutes,
                    "status": status,
                    "topic": topic,
                    "cases_discussed": cases_discussed,
                    "notes": notes,
                    "follow_up": follow_up,
                },
            )
    except IntegrityError:
        if idempotency_key:  # the other submit won the race
            existing = SupervisionSession.objects.filter(idempotency_key=idempotency_key).first()
            if existing:
                return existing
        raise


def _session_create(
    *, service_point, supervisors, supervisees, logged_by, idempotency_key, attachment, fields
) -> SupervisionSession:
    held_on = timezone.localdate(fields["started_at"])
    _check_not_locked(service_point, held_on)
    _check_session(
        service_point=service_point,
        supervisors=supervisors,
        held_on=held_on,
        duration_minutes=fields["duration_minutes"],
        supervisees=supervisees,
    )
    session = SupervisionSession.objects.create(
        service_point=service_point,
        held_on=held_on,
        idempotency_key=idempotency_key or None,
        logged_by=logged_by,
        **fields,
    )
    session.supervisors.set(supervisors)
    Supervisee.objects.bulk_create(
        Supervisee(
            session=session,
            person=person,
            minutes=minutes,
            held_on=held_on,
            providing_level=session.providing_level,
        )
        for person, minutes in supervisees
    )
    if attachment is not None:
        Attachment.objects.create(
            session=session, file=attachment, name=attachment.name[:200], size_bytes=attachment.size
        )
    audit_record(actor=logged_by, verb="session.log", target=session, after=_snapshot(session))
    return session


@transaction.atomic
def session_update(
    *,
    session: SupervisionSession,
    edited_by: User,
    supervisors: Sequence[SupervisorProfile] | None = None,
    supervisees: Sequence[tuple[Person, int]] | None = None,
    **changes,
) -> SupervisionSession:
    """Change a session: a new version, confirmations asked again; the audit trail keeps the
    values before and after."""
    unknown = set(changes) - set(SESSION_FIELDS)
    if unknown:
        raise TypeError(f"Unknown session fields: {sorted(unknown)}")
    session = SupervisionSession.objects.select_for_update().get(pk=session.pk)
    before = _snapshot(session)
    old_day = session.held_on
    for name, value in changes.items():
        setattr(session, name, value)
    session.held_on = timezone.localdate(session.started_at)
    _check_not_locked(session.service_point, old_day, session.held_on)
    supervisors = list(supervisors) if supervisors is not None else list(session.supervisors.all())
    if supervisees is None:
        supervisees = [
            (row.person, row.minutes) for row in session.supervisees.select_related("person")
        ]
    _check_session(
        service_point=session.service_point,
        supervisors=supervisors,
        held_on=session.held_on,
        duration_minutes=session.duration_minutes,
        supervisees=supervisees,
    )
    session.version += 1
    session.updated_at = timezone.now()
    session.save()
    session.supervisors.set(supervisors)
    minutes_of = {person.pk: minutes for person, minutes in supervisees}
    session.supervisees.exclude(person_id__in=minutes_of).delete()
    kept = {row.person_id: row for row in session.supervisees.all()}
    for person, minutes in supervisees:
        row = kept.get(person.pk) or Supervisee(session=session, person=person)
        row.minutes = minutes
        row.held_on = session.held_on
        row.providing_level = session.providing_level
        row.state = Supervisee.State.PENDING
        row.dispute_reason = row.resolution = ""
        row.answered_at = row.answered_by = row.resolved_at = row.resolved_by = None
        row.save()
    audit_record(
        actor=edited_by,
        verb="session.update",
        target=session,
        before=before,
        after=_snapshot(session),
    )
    return session


def session_cancel(*, session: SupervisionSession, cancelled_by: User) -> SupervisionSession:
    """Cancel a planned session (kept, shown as cancelled in calendars)."""
    return session_update(
        session=session, edited_by=cancelled_by, status=SupervisionSession.Status.CANCELLED
    )


# Confirmation (R7)


def _answerable(supervisee: Supervisee) -> None:
    _check_not_locked(supervisee.session.service_point, supervisee.held_on)
    if supervisee.session.status == SupervisionSession.Status.CANCELLED:
        raise ValidationError(_("该督导活动已取消，无需确认。"))


@transaction.atomic
def supervisee_confirm(*, supervisee: Supervisee, confirmed_by: User) -> Supervisee:
    """The worker (or their station head) confirms the minutes received."""
    supervisee = (
        Supervisee.objects.select_for_update().select_related("session").get(pk=supervisee.pk)
    )
    _answerable(supervisee)
    if supervisee.state != Supervisee.State.PENDING:
        raise ValidationError(_("这条记录已经处理过了。"))
    supervisee.state = Supervisee.State.CONFIRMED
    supervisee.answered_at = timezone.now()
    supervisee.answered_by = confirmed_by
    supervisee.save(update_fields=["state", "answered_at", "answered_by"])
    audit_record(
        actor=confirmed_by,
        verb="supervisee.confirm",
        target=supervisee,
        before={"state": "pending"},
        after={"state": "confirmed", "minutes": supervisee.minutes},
    )
    return supervisee


@transaction.atomic
def supervisee_dispute(*, supervisee: Supervisee, reason: str, disputed_by: User) -> Supervisee:
    """The worker disputes their part; the county administrator resolves it."""
    if not reason.strip():
        raise ValidationError({"reason": _("请说明异议的理由。")})
    supervisee = (
        Supervisee.objects.select_for_update().select_related("session").get(pk=supervisee.pk)
    )
    _answerable(supervisee)
    if supervisee.state not in {Supervisee.State.PENDING, Supervisee.State.CONFIRMED}:
        raise ValidationError(_("这条记录已经处理过了。"))
    before = {"state": supervisee.state}
    supervisee.state = Supervisee.State.DISPUTED
    supervisee.dispute_reason = reason.strip()
    supervisee.answered_at = timezone.now()
    supervisee.answered_by = disputed_by
    supervisee.save(update_fields=["state", "dispute_reason", "answered_at", "answered_by"])
    audit_record(
        actor=disputed_by,
        verb="supervisee.dispute",
        target=supervisee,
        before=before,
        after={"state": "disputed", "reason": supervisee.dispute_reason},
    )
    return supervisee


@transaction.atomic
def dispute_resolve(
    *, supervisee: Supervisee, upheld: bool, resolution: str, resolved_by: User
) -> Supervisee:
    """The administrator decides: an upheld dispute removes the minutes from the counts,
    a rejected one confirms them."""
    if not resolution.strip():
        raise ValidationError({"resolution": _("请填写处理意见。")})
    supervisee = (
        Supervisee.objects.select_for_update().select_related("session").get(pk=supervisee.pk)
    )
    _check_not_locked(supervisee.session.service_point, supervisee.held_on)
    if supervisee.state != Supervisee.State.DISPUTED:
        raise ValidationError(_("这条记录没有待处理的异议。"))
    supervisee.state = Supervisee.State.REJECTED if upheld else Supervisee.State.CONFIRMED
    supervisee.resolution = resolution.strip()
    supervisee.resolved_at = timezone.now()
    supervisee.resolved_by = resolved_by
    supervisee.save(update_fields=["state", "resolution", "resolved_at", "resolved_by"])
    audit_record(
        actor=resolved_by,
        verb="supervisee.resolve",
        target=supervisee,
        before={"state": "disputed"},
        after={"state": supervisee.state, "resolution": supervisee.resolution},
    )
    return supervisee


# Annual lock


@transaction.atomic
def year_close(
    *,
    service_point: ServicePoint,
    year: int,
    closed_by: User | None,
    now: dt.datetime | None = None,
) -> YearLock:
    """Lock a station's supervision year (called by the annual evaluation); idempotent."""
    now = now or timezone.now()
    lock, created = YearLock.objects.select_for_update().get_or_create(
        service_point=service_point, year=year, defaults={"closed_at": now, "closed_by": closed_by}
    )
    if not created and lock.reopened_at is not None:
        before = {"reopened_at": lock.reopened_at.isoformat(), "reason": lock.reason}
        lock.closed_at, lock.closed_by = now, closed_by
        lock.reopened_at = lock.reopened_by = None
        lock.reason = ""
        lock.save()
        audit_record(actor=closed_by, verb="year.close", target=lock, before=before)
    elif created:
        audit_record(actor=closed_by, verb="year.close", target=lock)
    return lock


@transaction.atomic
def year_reopen(*, lock: YearLock, reason: str, reopened_by: User) -> YearLock:
    """An administrator reopens a closed year, with a reason."""
    if not reason.strip():
        raise ValidationError({"reason": _("重新开放年度必须填写理由。")})
    if lock.reopened_at is None:
        lock.reopened_at = timezone.now()
        lock.reopened_by = reopened_by
        lock.reason = reason.strip()
        lock.save(update_fields=["reopened_at", "reopened_by", "reason"])
        audit_record(
            actor=reopened_by,
            verb="year.reopen",
            target=lock,
            before={"locked": True},
            after={"locked": False, "reason": lock.reason},
        )
    return lock
