"""The ledger partitioned by year (PostgreSQL, migration lms 0007; docs/scale.md)."""

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction

from lms import partitions, selectors
from lms.models import Attendance, HourEntry, Kind, Level
from lms.services import attendance, ledger
from lms.services import enrolment as enrolments

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="declarative partitioning is PostgreSQL's"
)


def _adjust(person, user, on):
    return ledger.hour_entry_adjust(
        person=person,
        on=on,
        minutes=120,
        kind=Kind.POLICY,
        providing_level=Level.CITY,
        reason="纸质记录补录",
        entered_by=user,
    )


def _partition_of(entry) -> str:
    with connection.cursor() as cursor:
        sql = "SELECT tableoid::regclass::text FROM lms_hourentry WHERE id = %s"
        cursor.execute(sql, [entry.pk])
        return cursor.fetchone()[0]


def _checked_now():
    """Deferred foreign keys are checked at commit; check them at once instead."""
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")


@on_postgresql
def test_rows_land_in_their_years_partition(wang_fang, zhang_min):
    this_year = _adjust(wang_fang, zhang_min.user, dt.date(2026, 3, 2))
    long_ago = _adjust(wang_fang, zhang_min.user, dt.date(2001, 3, 2))
    assert partitions.is_partitioned()
    assert _partition_of(this_year) == "lms_hourentry_y2026"
    assert _partition_of(long_ago) == "lms_hourentry_default"


@on_postgresql
def test_a_second_reversal_is_refused_by_the_database(wang_fang, zhang_min):
    credit = _adjust(wang_fang, zhang_min.user, dt.date(2026, 3, 2))
    reversal = ledger.hour_entry_reverse(entry=credit, reason="重复", entered_by=zhang_min.user)
    fields = {
        "person": wang_fang,
        "minutes": -120,
        "kind": credit.kind,
        "providing_level": credit.providing_level,
        "source": credit.source,
        "reverses": credit,
        "reason": "再次",
    }
    with pytest.raises(IntegrityError), transaction.atomic():
        HourEntry.objects.create(on=credit.on, **fields)
    with pytest.raises(IntegrityError), transaction.atomic():  # a reversal keeps its date
        HourEntry.objects.create(on=dt.date(2026, 3, 3), **fields)
        _checked_now()
    assert reversal.on == credit.on


@on_postgresql
def test_an_attendance_is_credited_once(run, wang_fang, trainer):
    enrolments.enrolment_create(run=run, person=wang_fang, user=wang_fang.user)
    session = run.sessions.order_by("starts_at").first()
    (row,) = attendance.attendance_mark(
        session=session, people=[wang_fang], marked_by=trainer, method=Attendance.Method.CHECKLIST
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        ledger.hour_entry_credit_attendance(attendance=row, entered_by=trainer)
    assert HourEntry.objects.filter(attendance=row).count() == 1


@on_postgresql
def test_selectors_and_summaries_read_across_partitions(wang_fang, zhang_min):
    for on in (dt.date(2025, 12, 31), dt.date(2026, 1, 1), dt.date(2026, 7, 1)):
        _adjust(wang_fang, zhang_min.user, on)
    year = {"starts_on": dt.date(2026, 1, 1), "ends_on": dt.date(2026, 12, 31)}
    assert sum(selectors.person_minutes(person=wang_fang, **year).values()) == 240
    assert ledger.summary_differences() == []
    assert ledger.summary_rebuild() == 2
    assert ledger.summary_differences() == []


@on_postgresql
def test_missing_partitions_are_created_once_and_take_their_rows(wang_fang, zhang_min):
    later = _adjust(wang_fang, zhang_min.user, dt.date(2031, 5, 1))
    reversal = ledger.hour_entry_reverse(entry=later, reason="错误", entered_by=zhang_min.user)
    assert _partition_of(later) == "lms_hourentry_default"
    created = partitions.partitions_ensure(through_year=2030)
    assert created[-2:] == ["lms_hourentry_y2030", "lms_hourentry_y2031"]
    _checked_now()  # the reversal still points at its original
    assert _partition_of(later) == _partition_of(reversal) == "lms_hourentry_y2031"
    assert partitions.partitions_ensure(through_year=2030) == []
    assert {2026, 2027, 2030, 2031} <= set(partitions.partition_years())


@on_postgresql
def test_command_reports_partitions(db):
    out = StringIO()
    call_command("ledger_partitions", "--through", "2028", stdout=out)
    assert "lms_hourentry_y2028" in out.getvalue()
    call_command("ledger_partitions", "--through", "2028", stdout=out)
    assert out.getvalue().count("Created lms_hourentry_y2028") == 1


@pytest.mark.skipif(connection.vendor == "postgresql", reason="the SQLite case")
def test_command_says_sqlite_has_no_partitions(db):
    out = StringIO()
    call_command("ledger_partitions", stdout=out)
    assert "not partitioned" in out.getvalue()
    assert partitions.partitions_ensure(through_year=2030) == []
