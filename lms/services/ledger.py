"""The training-hours ledger: credits, reversals and manual adjustments (append-only).

Rows are only ever inserted, and only here: every function that writes a row also adds its
minutes to the yearly `HourSummary` in the same transaction (`_summarise`). Period totals are
summed from the ledger rows (index on (person, on)); whole-year totals for many people read the
summary (lms/selectors.py). `manage.py training_summaries check` compares the two and `rebuild`
recomputes the summary after bulk loads.
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import F, Sum
from django.db.models.functions import ExtractYear
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from audit.services import audit_record
from core.signals import facts_changed
from directory.models import Person
from lms.models import Attendance, ExternalTraining, HourEntry, HourSummary


def hour_entry_credit_attendance(*, attendance: Attendance, entered_by: User) -> HourEntry:
    """Credit one attended session: its minutes, on its Shanghai date, with the course's kind
    and providing level. The one-to-one on `attendance` stops a second credit."""
    session = attendance.session
    course = session.run.course
    return _summarise(
        HourEntry.objects.create(
            person_id=attendance.person_id,
            on=timezone.localdate(session.starts_at),
            minutes=session.minutes,
            kind=course.kind,
            providing_level=course.providing_level,
            source=HourEntry.Source.ATTENDANCE,
            attendance=attendance,
            entered_by=entered_by,
        )
    )


def hour_entry_credit_external(*, external: ExternalTraining, entered_by: User) -> HourEntry:
    """Credit an approved external training on its last day."""
    return _summarise(
        HourEntry.objects.create(
            person_id=external.person_id,
            on=external.ends_on,
            minutes=external.minutes,
            kind=external.kind,
            providing_level=external.providing_level,
            source=HourEntry.Source.EXTERNAL,
            external=external,
            entered_by=entered_by,
        )
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
    _summarise(reversal)
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
    _summarise(entry)
    audit_record(
        actor=entered_by,
        verb="lms.hour_entry.adjust",
        target=entry,
        after={"minutes": minutes, "on": on.isoformat(), "reason": reason},
    )
    return entry


def _summarise(entry: HourEntry) -> HourEntry:
    """Add a new ledger row's minutes to its yearly summary (call inside the writing
    transaction). The increment is one UPDATE; a missing summary row is inserted, and a
    concurrent insert of the same row is retried as an UPDATE."""
    key = {
        "person_id": entry.person_id,
        "year": entry.on.year,
        "kind": entry.kind,
        "providing_level": entry.providing_level,
    }
    facts_changed.send(sender=HourSummary, person_ids=[entry.person_id], year=entry.on.year)
    rows = HourSummary.objects.filter(**key)
    if rows.update(minutes=F("minutes") + entry.minutes):
        return entry
    try:
        with transaction.atomic():
            HourSummary.objects.create(minutes=entry.minutes, **key)
    except IntegrityError:
        rows.update(minutes=F("minutes") + entry.minutes)
    return entry


def _ledger_totals():
    return (
        HourEntry.objects.annotate(year=ExtractYear("on"))
        .values_list("person_id", "year", "kind", "providing_level")
        .annotate(total=Sum("minutes"))
        .order_by()
    )


YEAR_SQL = {
    "postgresql": 'EXTRACT(YEAR FROM "on")::integer',
    "sqlite": "CAST(strftime('%%Y', \"on\") AS INTEGER)",
}


@transaction.atomic
def summary_rebuild() -> int:
    """Recompute every yearly summary row from the ledger in one INSERT … SELECT; returns the
    rows written."""
    HourSummary.objects.all().delete()
    facts_changed.send(sender=HourSummary, region_path="")
    summary, entries = HourSummary._meta.db_table, HourEntry._meta.db_table
    year = YEAR_SQL[connection.vendor]
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {summary} (person_id, year, kind, providing_level, minutes) "  # noqa: S608
            f"SELECT person_id, {year}, kind, providing_level, SUM(minutes) FROM {entries} "
            f"GROUP BY person_id, {year}, kind, providing_level",
            [],  # parameters (none) make both backends read %% as %
        )
        return cursor.rowcount


def summary_differences() -> list[tuple]:
    """Summary rows that disagree with the ledger: (person, year, kind, level, ledger, summary)."""
    ledger_totals = {row[:4]: row[4] for row in _ledger_totals()}
    summary = {
        row[:4]: row[4]
        for row in HourSummary.objects.values_list(
            "person_id", "year", "kind", "providing_level", "minutes"
        )
    }
    keys = sorted(set(ledger_totals) | set(summary))
    return [
        (*key, ledger_totals.get(key, 0), summary.get(key, 0))
        for key in keys
        if ledger_totals.get(key, 0) != summary.get(key, 0)
    ]
