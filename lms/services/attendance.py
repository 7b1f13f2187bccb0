"""Attendance: the trainer's checklist, QR sign-in and the sign-in sheet import.

Each attendance row credits its session's minutes in the ledger in the same transaction (one
ledger row per attended session; the unique attendance reference stops a double credit).
"""

from collections.abc import Iterable

from django.core import signing
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from audit.services import audit_record
from directory.models import Person
from lms.models import Attendance, Enrolment, TrainingSession
from lms.services import ledger

QR_SALT = "lms.session-sign-in"


def _check_session(session: TrainingSession) -> None:
    if session.cancelled:
        raise ValidationError(_("该课次已取消，不能记录出勤。"), code="cancelled")
    if timezone.now() < session.starts_at:
        raise ValidationError(_("该课次尚未开始，不能记录出勤。"), code="not_started")


@transaction.atomic
def attendance_mark(
    *, session: TrainingSession, people: Iterable[Person], marked_by: User, method: str
) -> list[Attendance]:
    """Mark enrolled people present and credit their minutes; people already marked are
    skipped. Refused for a session not yet started or cancelled, or anyone not enrolled (the
    refusal counts them and names no one: they may be outside the marker's scope)."""
    _check_session(session)
    people = list(people)
    enrolled = set(
        Enrolment.objects.filter(
            run_id=session.run_id, status=Enrolment.Status.ENROLLED, person__in=people
        ).values_list("person_id", flat=True)
    )
    if outsiders := sum(1 for p in people if p.pk not in enrolled):
        raise ValidationError(
            _("有 %(count)s 人未报名该期培训，未记录任何出勤。") % {"count": outsiders},
            code="not_enrolled",
        )
    done = set(session.attendances.values_list("person_id", flat=True))
    created = []
    for person in people:
        if person.pk in done:
            continue
        try:
            with transaction.atomic():
                row = Attendance.objects.create(
                    session=session, person=person, method=method, marked_by=marked_by
                )
        except IntegrityError:  # marked at the same moment by another request
            continue
        row.session = session
        ledger.hour_entry_credit_attendance(attendance=row, entered_by=marked_by)
        created.append(row)
    if created:
        audit_record(
            actor=marked_by,
            verb="lms.attendance.mark",
            target=session,
            after={"people": [r.person_id for r in created], "method": method},
        )
    return created


def qr_token(*, session: TrainingSession) -> str:
    """A signed token naming the session, for the QR code the trainer shows."""
    return signing.dumps({"session": session.pk}, salt=QR_SALT)


def qr_session_id(*, token: str) -> int:
    """The session named by a QR token; a forged or damaged token is refused."""
    try:
        return int(signing.loads(token, salt=QR_SALT)["session"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        raise ValidationError(_("签到二维码无效。"), code="bad_token") from None


def attendance_sign_in(*, session: TrainingSession, person: Person, user: User) -> Attendance:
    """An attendee signs in with the QR code: only between the session's start and end."""
    now = timezone.now()
    if now > session.ends_at:
        raise ValidationError(_("该课次已结束，签到二维码已失效。"), code="ended")
    enrolled = Enrolment.objects.filter(
        run_id=session.run_id, person=person, status=Enrolment.Status.ENROLLED
    )
    if not enrolled.exists():
        raise ValidationError(_("您未报名该期培训，不能签到。"), code="not_enrolled")
    created = attendance_mark(
        session=session, people=[person], marked_by=user, method=Attendance.Method.QR
    )
    if created:
        return created[0]
    return session.attendances.get(person=person)
