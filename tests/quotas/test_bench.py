"""`manage.py bench` prints one JSON line per case with the figures the issue asks for. It runs
here on the small test tree; the figures that matter come from the province-scale data."""

import json
from io import StringIO

from django.core.management import call_command

from tests import factories

CASES = [
    "worker page",
    "station page",
    "county dashboard",
    "city dashboard",
    "province dashboard",
    "county export",
]


def _timing(figures) -> bool:
    return set(figures) == {"median", "p95"} and 0 < figures["median"] <= figures["p95"]


def test_bench_prints_one_json_line_per_case(hunan, tree, wang_fang, credit):
    factories.UserFactory(is_superuser=True, is_staff=True)
    credit(wang_fang, 600)
    out = StringIO()
    call_command("bench", "--repeat", "3", "--year", "2025", stdout=out, stderr=StringIO())
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [line["case"] for line in lines] == CASES
    for line in lines:
        assert _timing(line["page_ms"]), line
        low, high = line["queries"]
        assert 0 < low <= high, line
        if line["case"] != "county export":
            assert _timing(line["evaluation_ms"]) and _timing(line["floor_ms"]), line
        if line["case"].endswith("dashboard"):
            assert _timing(line["summaries_floor_ms"]), line
            assert _timing(line["refresh_ms"]["one_station"]), line
            assert line["refresh_ms"]["province"] > 0, line
    by_case = {line["case"]: line for line in lines}
    assert by_case["county dashboard"]["subjects"]["distinct"] in (1, 2)  # counties A and B
    assert by_case["province dashboard"]["subjects"] == {"distinct": 1, "people": 1}
