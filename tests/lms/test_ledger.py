import datetime as dt
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.db import DatabaseError, IntegrityError, connection, transaction
from django.forms.models import model_to_dict

from lms import selectors
from lms.models import HourEntry, HourSummary, Kind, Level
from lms.services import ledger


@pytest.fixture
def credit(wang_fang, zhang_min):
    return ledger.hour_entry_adjust(
        person=wang_fang,
        on=dt.date(2026, 3, 2),
        minutes=120,
        kind=Kind.POLICY,
        providing_level=Level.CITY,
        reason="纸质记录补录",
        entered_by=zhang_min.user,
    )


def _snapshot(entry):
    entry = HourEntry.objects.get(pk=entry.pk)
    return {**model_to_dict(entry), "entered_at": entry.entered_at}


def test_reversal_leaves_original_unchanged_and_sum_is_right(credit, wang_fang, zhang_min):
    before = _snapshot(credit)
    reversal = ledger.hour_entry_reverse(entry=credit, reason="重复录入", entered_by=zhang_min.user)
    assert _snapshot(credit) == before
    assert reversal.minutes == -120 and reversal.reverses_id == credit.pk
    assert reversal.reason == "重复录入"
    year = {"starts_on": dt.date(2026, 1, 1), "ends_on": dt.date(2026, 12, 31)}
    assert selectors.person_minutes(person=wang_fang, **year) == {}
    assert HourEntry.objects.count() == 2


def test_reversal_needs_reason_and_happens_once(credit, zhang_min):
    with pytest.raises(ValidationError):
        ledger.hour_entry_reverse(entry=credit, reason=" ", entered_by=zhang_min.user)
    reversal = ledger.hour_entry_reverse(entry=credit, reason="错误", entered_by=zhang_min.user)
    with pytest.raises(ValidationError):
        ledger.hour_entry_reverse(entry=credit, reason="再次", entered_by=zhang_min.user)
    with pytest.raises(ValidationError):
        ledger.hour_entry_reverse(entry=reversal, reason="冲销冲销", entered_by=zhang_min.user)


def test_database_refuses_wrong_signs(credit, wang_fang):
    fields = {
        "person": wang_fang,
        "on": dt.date(2026, 1, 1),
        "kind": Kind.POLICY,
        "providing_level": Level.CITY,
        "source": "adjustment",
        "reason": "x",
    }
    with pytest.raises(IntegrityError), transaction.atomic():
        HourEntry.objects.create(minutes=-5, **fields)
    with pytest.raises(IntegrityError), transaction.atomic():
        HourEntry.objects.create(minutes=5, reverses=credit, **fields)


def test_adjustment_needs_positive_minutes_and_reason(wang_fang, zhang_min):
    args = {
        "person": wang_fang,
        "on": dt.date(2026, 1, 1),
        "kind": Kind.POLICY,
        "providing_level": Level.CITY,
        "entered_by": zhang_min.user,
    }
    with pytest.raises(ValidationError):
        ledger.hour_entry_adjust(minutes=0, reason="x", **args)
    with pytest.raises(ValidationError):
        ledger.hour_entry_adjust(minutes=30, reason="", **args)


def test_selectors_by_kind_level_station_and_region(wang_fang, zhang_min, tree):
    for on, minutes, kind, level in [
        (dt.date(2026, 2, 1), 60, Kind.POLICY, Level.CITY),
        (dt.date(2026, 3, 1), 90, Kind.PRACTICE, Level.COUNTY),
        (dt.date(2026, 4, 1), 30, Kind.PRACTICE, Level.CITY),
        (dt.date(2025, 4, 1), 600, Kind.PRACTICE, Level.CITY),
    ]:
        ledger.hour_entry_adjust(
            person=wang_fang,
            on=on,
            minutes=minutes,
            kind=kind,
            providing_level=level,
            reason="补录",
            entered_by=zhang_min.user,
        )
    year = {"starts_on": dt.date(2026, 1, 1), "ends_on": dt.date(2026, 12, 31)}
    assert selectors.person_minutes_by_kind(person=wang_fang, **year) == {
        "policy": 60,
        "practice": 120,
    }
    assert selectors.person_minutes_by_level(person=wang_fang, **year) == {"city": 90, "county": 90}
    today = dt.date(2026, 11, 1)
    assert selectors.station_minutes(service_point=tree.station_a, today=today, **year) == {
        "city": 90,
        "county": 90,
    }
    assert selectors.region_minutes(region_path=tree.county_a.path, today=today, **year) == {
        "city": 90,
        "county": 90,
    }
    assert selectors.region_minutes(region_path=tree.county_b.path, today=today, **year) == {}
    spring = {"starts_on": dt.date(2026, 2, 1), "ends_on": dt.date(2026, 3, 31)}
    assert selectors.people_total_minutes(people=[wang_fang.pk], **spring) == 150
    assert selectors.people_total_minutes(people=[], **spring) == 0


def test_postgresql_refuses_updating_a_ledger_row(credit):
    if connection.vendor != "postgresql":
        pytest.skip("the append-only trigger exists on PostgreSQL only")
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        HourEntry.objects.filter(pk=credit.pk).update(minutes=999)
    assert HourEntry.objects.get(pk=credit.pk).minutes == 120


def test_summary_follows_every_write_and_check_command(credit, wang_fang, zhang_min):
    ledger.hour_entry_adjust(
        person=wang_fang,
        on=dt.date(2026, 9, 1),
        minutes=30,
        kind=Kind.POLICY,
        providing_level=Level.CITY,
        reason="补录",
        entered_by=zhang_min.user,
    )
    ledger.hour_entry_reverse(entry=credit, reason="重复", entered_by=zhang_min.user)
    assert list(HourSummary.objects.values_list("year", "kind", "providing_level", "minutes")) == [
        (2026, "policy", "city", 30)
    ]
    assert selectors.people_year_minutes(people=[wang_fang.pk], year=2026) == {
        wang_fang.pk: {("policy", "city"): 30}
    }
    call_command("training_summaries", "check", stdout=StringIO())
    HourEntry.objects.bulk_create(
        [
            HourEntry(
                person=wang_fang,
                on=dt.date(2025, 1, 1),
                minutes=60,
                kind=Kind.POLICY,
                providing_level=Level.COUNTY,
                source="adjustment",
                reason="批量",
            )
        ]
    )
    with pytest.raises(CommandError):
        call_command("training_summaries", "check", stdout=StringIO())
    call_command("training_summaries", "rebuild", stdout=StringIO())
    call_command("training_summaries", "check", stdout=StringIO())
    today = dt.date(2026, 11, 1)
    assert selectors.region_year_minutes(
        region_path=wang_fang.region.path[:4], year=2025, today=today
    ) == {"county": 60}
