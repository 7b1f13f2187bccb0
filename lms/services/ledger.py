"""The training-hours ledger: credits, reversals and manual adjustments (append-only).

Rows are only ever inserted. Totals are summed from the rows with one grouped query
(lms/selectors.py) using the (person, on) index; no summary table is kept, so there is nothing
to keep in step (STACK.md: a worker's yearly sum from the index takes well under 1 ms).
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from audit.services import audit_record
from directory.models import Person
from lms.models import Attendance, ExternalTraining, HourEntry


def hour_entry_credit_attendance(*, attendance: Attendance, entered_by: User) -> HourEntry:
    """Credit one attended session: its minutes, on its Shanghai date, with the course's kind
    and providing level. The one-to-one on `attendance` stops a second credit."""
    session = attendance.session
    course = session.run.course
    return HourEntry.objects.create(
        person_id=attendance.person_id,
        on=timezone.localdate(session.starts_at),
        minutes=session.minutes,
        kind=course.kind,
        providing_level=course.providing_level,
        source=HourEntry.Source.ATTENDANCE,
        attendance=attendance,
        entered_by=entered_by,
    )


def hour_entry_credit_external(*, external: ExternalTraining, entered_by: User) -> HourEntry:
    """Credit an approved external training on its last day."""
    return HourEntry.objects.create(
        person_id=external.person_id,
        on=external.ends_on,
        minutes=external.minutes,
        kind=external.kind,
        providing_level=external.providing_level,
        source=HourEntry.Source.EXTERNAL,
        external=external,
        entered_by=entered_by,
    )


@transaction.atomic
def hour_entry_reverse(*, entry: HourEntry, reason: str, entered_by: User) -> HourEntry:
    """Cancel a credit with a negative row pointing at it; the original is left untouched."""
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("请填写冲销原因。"))
    original = HourEntry.objects.select_for_update().get(pk=entry.pk)
    if original.reverses_id is not None:
        raise ValidationError(_("冲销记录不能再被冲销。"))
    if HourEntry.objects.filter(reverses=original).exists():
        raise ValidationError(_("该记录已被冲销。"))
    reversal = HourEntry.objects.create(
        person_id=original.person_id,
        on=original.on,
        minutes=-original.minutes,
        kind=original.kind,
        providing_level=original.providing_level,
        source=original.source,
        reverses=original,
        reason=reason,
        entered_by=entered_by,
    )
    audit_record(
        actor=entered_by,
        verb="lms.hour_entry.reverse",
        target=reversal,
        after={"reverses": original.pk, "minutes": reversal.minutes, "reason": reason},
    )
    return reversal


@transaction.atomic
def hour_entry_adjust(
    *,
    person: Person,
    on: dt.date,
    minutes: int,
    kind: str,
    providing_level: str,
    reason: str,
    entered_by: User,
) -> HourEntry:
    """A manual credit with a reason (e.g. hours recorded on paper before the system)."""
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("请填写调整原因。"))
    if minutes <= 0:
        raise ValidationError(_("调整的分钟数必须大于 0；扣减请冲销原记录。"))
    entry = HourEntry.objects.create(
        person=person,
        on=on,
        minutes=minutes,
        kind=kind,
        providing_level=providing_level,
        source=HourEntry.Source.ADJUSTMENT,
        reason=reason,
        entered_by=entered_by,
    )
    audit_record(
        actor=entered_by,
        verb="lms.hour_entry.adjust",
        target=entry,
        after={"minutes": minutes, "on": on.isoformat(), "reason": reason},
    )
    return entry
