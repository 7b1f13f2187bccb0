"""R9 (Beijing 三、(二), the 2021 pilot): "每年至少完成10个服务案例" counts distinct cases
completed in the year — the cases closed in the year's filed monthly reports — never the
monthly cases served added up."""

import datetime as dt

import pytest

from quotas import packs, rules
from quotas.models import MonthlyReport
from quotas.selectors import rule_results
from quotas.services import reports as services
from tests.quotas.conftest import REPORT_DATA, station_head

D = dt.date


def _file_year(station, head, year, months):
    """File one report a month: `months` maps a month number to (opened, closed, served)."""
    for number, (opened, closed, served) in months.items():
        report = services.report_open(
            service_point=station, month=D(year, number, 1), by=head, today=D(year + 1, 1, 10)
        )
        services.report_transition(
            report=report,
            action="submit",
            by=head,
            data={
                **REPORT_DATA,
                "cases_opened": opened,
                "cases_closed": closed,
                "cases_served": served,
            },
        )


def _cases(station, year, today):
    results = rule_results.evaluate_station(service_point=station, year=year, today=today)
    return next((r for r in results if r.rule.code == "centre-cases"), None)


def test_r9_the_pilot_asks_for_10_cases_and_60_hours_a_year():
    rules_by_code = {rule["code"]: rule for rule in packs.PACKS["beijing"]["rules"]}
    assert rules_by_code["centre-cases"]["threshold"] == 10
    assert rules_by_code["centre-supervision"]["threshold"] == 60 * 60  # minutes
    assert "每年至少完成10个服务案例" in rules_by_code["centre-cases"]["source_quote"]
    assert packs.PACKS["beijing"]["in_force_until"] == D(2021, 12, 31)


def test_r9_ten_cases_closed_meet_the_rule_though_sixty_were_served(beijing):
    head = station_head(beijing.station)
    # Five cases served every month, two of them closed in each of five months: ten completed.
    _file_year(
        beijing.station,
        head,
        2021,
        {n: (2 if n <= 5 else 0, 2 if n in (2, 4, 6, 8, 10) else 0, 5) for n in range(1, 13)},
    )
    result = _cases(beijing.station, 2021, today=D(2022, 1, 10))
    assert (result.achieved, result.owed, result.status) == (10, 10, rules.MET)


def test_r9_a_case_served_all_year_counts_once(beijing):
    head = station_head(beijing.station)
    _file_year(
        beijing.station,
        head,
        2021,
        {n: (1 if n == 1 else 0, 1 if n == 12 else 0, 1) for n in range(1, 13)},
    )
    result = _cases(beijing.station, 2021, today=D(2022, 1, 10))
    assert (result.achieved, result.status) == (1, rules.BEHIND)  # not 12


def test_r9_only_filed_reports_count(beijing):
    head = station_head(beijing.station)
    _file_year(beijing.station, head, 2021, {3: (4, 4, 4)})
    draft = services.report_open(
        service_point=beijing.station, month=D(2021, 4, 1), by=head, today=D(2021, 5, 3)
    )
    services.report_transition(
        report=draft, action="save", by=head, data={**REPORT_DATA, "cases_closed": 6}
    )
    assert MonthlyReport.objects.get(pk=draft.pk).status == MonthlyReport.Status.DRAFT
    assert _cases(beijing.station, 2021, today=D(2021, 12, 31)).achieved == 4


@pytest.mark.parametrize("year", [2022, 2026])
def test_r9_binds_the_pilot_year_only(beijing, year):
    head = station_head(beijing.station)
    _file_year(beijing.station, head, year, {3: (12, 12, 12)})
    assert _cases(beijing.station, year, today=D(year, 12, 31)) is None
