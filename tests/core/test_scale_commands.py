"""`seed_scale` multiplies the province data (PostgreSQL); `bench_scale` prints figures."""

import datetime as dt
import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from directory.models import Person, Position, Region, ServicePoint
from lms.models import HourEntry, HourSummary
from lms.services import ledger
from tests import factories


def test_bench_scale_prints_sizes_and_insert_times_and_writes_nothing(wang_fang, zhang_min):
    factories.UserFactory(is_superuser=True)
    out = StringIO()
    call_command("bench_scale", "--inserts", "3", stdout=out)
    sizes, insert = (json.loads(line) for line in out.getvalue().splitlines())
    assert sizes["people"] == Person.objects.count() and sizes["ledger_rows"] == 0
    assert insert["inserts"] >= 1 and insert["median_ms"] > 0
    assert not HourEntry.objects.exists()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="seed_scale writes PostgreSQL SQL")
def test_seed_scale_copies_each_city_with_its_people_and_ledger(tree, wang_fang, zhang_min):
    factories.PositionFactory(
        person=wang_fang, service_point=tree.station_a, starts_on=dt.date(2020, 1, 1)
    )
    ledger.hour_entry_adjust(
        person=wang_fang,
        on=dt.date(2026, 3, 2),
        minutes=90,
        kind="policy",
        providing_level="county",
        reason="补录",
        entered_by=zhang_min.user,
    )
    people, rows = Person.objects.count(), HourEntry.objects.count()
    placed = Person.objects.filter(positions__isnull=False).distinct().count()
    call_command("seed_scale", "--factor", "3", stderr=StringIO())
    tree.province.refresh_from_db()
    assert tree.province.numchild == 3
    copies = Region.objects.filter(path__startswith=tree.province.path, level="city")
    assert copies.count() == 3
    assert ServicePoint.objects.count() == 6
    assert Position.objects.filter(service_point__region__path__startswith=copies[2].path).exists()
    assert HourEntry.objects.count() == rows * 3
    assert Person.objects.count() == people + 2 * placed
    assert ledger.summary_differences() == []
    assert HourSummary.objects.count() == 3
    with pytest.raises(CommandError):
        call_command("seed_scale", stderr=StringIO())
