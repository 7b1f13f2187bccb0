"""Logging and changing supervision sessions (R7, R8, R9, R10)."""

import datetime as dt
from collections import Counter
from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from audit.services import audit_record
from core.files import original_name
from directory.models import Person, ServicePoint
from directory.selectors import current_positions
from supervision import terms
from supervision.models import (
    Attachment,
    Supervisee,
    SupervisionSession,
    SupervisorProfile,
)
from supervision.services import summary
from supervision.services.years import require_open_year

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


def _check_held(*, status: str, started_at: dt.datetime) -> None:
    """A session is recorded as held only once it has started: what is counted has happened."""
    if status == SupervisionSession.Status.HELD and started_at > timezone.now():
        raise ValidationError({"status": _("尚未开始的督导不能记为“已开展”，请先记为“计划”。")})


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
        current_positions(on=held_on, service_point_id=service_point.pk)
        .filter(person__in=people)
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
    require_open_year(service_point, held_on)
    _check_held(status=fields["status"], started_at=fields["started_at"])
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
    summary.apply(Counter(), summary.counted([session.pk]))
    if attachment is not None:
        Attachment.objects.create(
            session=session,
            file=attachment,
            name=original_name(attachment)[-200:],
            size_bytes=attachment.size,
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
    counted_before = summary.counted([session.pk])
    old_day = session.held_on
    for name, value in changes.items():
        setattr(session, name, value)
    session.held_on = timezone.localdate(session.started_at)
    require_open_year(session.service_point, old_day, session.held_on)
    _check_held(status=session.status, started_at=session.started_at)
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
    summary.apply(counted_before, summary.counted([session.pk]))
    audit_record(
        actor=edited_by,
        verb="session.update",
        target=session,
        before=before,
        after=_snapshot(session),
    )
    return session


def session_cancel(*, session: SupervisionSession, cancelled_by: User) -> SupervisionSession:
    """Cancel a planned session (kept, shown as cancelled in calendars). A held session is a
    record (R7): it is corrected, never cancelled."""
    if not session.may_cancel:
        raise ValidationError(_("只能取消尚未举行的督导活动；已举行的记录请修改或处理异议。"))
    return session_update(
        session=session, edited_by=cancelled_by, status=SupervisionSession.Status.CANCELLED
    )
