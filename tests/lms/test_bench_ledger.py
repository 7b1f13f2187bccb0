import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from lms.services import ledger


def test_bench_prints_json_lines(wang_fang, zhang_min):
    ledger.hour_entry_adjust(
        person=wang_fang,
        on=timezone.localdate(),
        minutes=90,
        kind="policy",
        providing_level="county",
        reason="补录",
        entered_by=zhang_min.user,
    )
    out = StringIO()
    call_command("bench_ledger", "--repeat", "3", stdout=out)
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert lines[0] == {"ledger_rows": 1}
    assert {line["case"] for line in lines[1:]} == {
        "person_year_summary",
        "station_totals",
        "county_totals",
        "province_totals",
        "county_year_from_summary",
        "province_year_from_summary",
    }
    assert all(line["result_minutes"] == 90 for line in lines[1:])


@pytest.mark.django_db
def test_bench_refuses_an_empty_ledger():
    with pytest.raises(CommandError):
        call_command("bench_ledger", stdout=StringIO())
