"""R20 (Jiaxing report, “打造基层社会服务协同平台”): "确保重点对象月探访率达到100%" — every key
client visited every month, evaluated per station from the monthly reports in the Jiaxing
packs; nowhere else."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from quotas import packs, rules
from quotas.selectors import rule_results
from quotas.services import reports as services
from tests.quotas.conftest import REPORT_DATA, station_head

D = dt.date


def _file(station, head, months):
    """`months` maps a month number of 2026 to (key clients, visited)."""
    for number, (clients, visited) in months.items():
        report = services.report_open(
            service_point=station, month=D(2026, number, 1), by=head, today=D(2026, 12, 2)
        )
        services.report_transition(
            report=report,
            action="submit",
            by=head,
            data={**REPORT_DATA, "key_clients": clients, "key_clients_visited": visited},
        )


def _visits(station):
    results = rule_results.evaluate_station(service_point=station, year=2026, today=D(2026, 12, 2))
    return next((r for r in results if r.rule.code == "station-key-client-visits"), None)


def test_r20_the_rule_is_jiaxings_100_percent():
    rule = packs.PACKS["jiaxing"]["rules"][0]
    assert (rule["measure"], rule["threshold"], rule["rule_ref"]) == (
        "key_client_visits",
        100,
        "R20",
    )
    assert rule["source_quote"] == "确保重点对象月探访率达到100%"
    assert packs.PACKS["jiaxing"]["region"] == "330400"  # Jiaxing city: Haining, Pinghu …


def test_r20_every_client_every_month_is_met(jiaxing):
    head = station_head(jiaxing.pinghu_station)
    _file(jiaxing.pinghu_station, head, {9: (12, 12), 10: (12, 12), 11: (13, 13)})
    result = _visits(jiaxing.pinghu_station)
    assert (result.achieved, result.owed, result.status) == (100, 100, rules.MET)


def test_r20_one_client_missed_is_behind(jiaxing):
    head = station_head(jiaxing.pinghu_station)
    _file(jiaxing.pinghu_station, head, {9: (12, 12), 10: (12, 12), 11: (12, 11)})
    result = _visits(jiaxing.pinghu_station)
    assert (result.achieved, result.status) == (97, rules.BEHIND)  # 35/36, rounded down


def test_r20_no_key_clients_reported_is_not_applicable(jiaxing):
    result = _visits(jiaxing.pinghu_station)
    assert result.status == rules.NOT_APPLICABLE and "尚无月报数据" in result.sentence


def test_r20_binds_jiaxing_only(jiaxing, hunan, tree, head):
    _file(tree.station_a, head, {9: (12, 6)})
    assert _visits(tree.station_a) is None
    assert _visits(jiaxing.hangzhou_station) is None


def test_r20_visited_beyond_the_key_clients_is_refused(may_report, head):
    with pytest.raises(ValidationError, match="已探访重点对象数不能超过重点对象数"):
        services.report_transition(
            report=may_report,
            action="save",
            by=head,
            data={**REPORT_DATA, "key_clients": 5, "key_clients_visited": 6},
        )
