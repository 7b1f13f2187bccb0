"""R19: each station keeps a service list (专业服务清单) and a negative list (负面工作清单). Hunan
(三、（二）, 2021–2023) puts 许可、确认、审批、给付 on the negative list; hours on listed
administrative tasks are asked on the monthly report and never count as professional service
(R18; Hangzhou 四、（一）: 行政性事务不得列入服务内容)."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError

from quotas import packs, rules
from quotas.models import MonthlyReport, StationListItem
from quotas.selectors import rule_results
from quotas.selectors import station_lists as lists_selectors
from quotas.services import reports as services
from quotas.services import station_lists
from tests.quotas.conftest import REPORT_DATA

D = dt.date
Kind = StationListItem.Kind


def _texts(point, kind):
    return [item.text for item in lists_selectors.lists_of_station(service_point=point)[kind]]


def test_r19_hunans_negative_list_cites_its_clause():
    settings = packs.PACKS["hunan"]["settings"]
    assert settings["negative_list"] == ["许可", "确认", "审批", "给付"]
    assert settings["negative_list_source"].startswith("三、（二）：")
    assert "许可、确认、审批、给付" in settings["negative_list_source"]
    assert settings["service_list"] == ["社会救助", "养老服务", "儿童关爱", "社区治理"]


def test_r19_seeding_copies_the_plans_items_with_their_citation(hunan, tree, head):
    added = station_lists.station_lists_seed(
        service_point=tree.station_a, by=head, on=D(2022, 6, 1)
    )
    assert added == 8
    assert _texts(tree.station_a, Kind.NEGATIVE) == ["许可", "确认", "审批", "给付"]
    assert _texts(tree.station_a, Kind.SERVICE) == ["社会救助", "养老服务", "儿童关爱", "社区治理"]
    item = StationListItem.objects.get(service_point=tree.station_a, text="审批")
    assert item.source.startswith(
        "《湖南省基层社会工作服务站项目三年行动方案（2021-2023年）》三、（二）"
    )
    assert (
        station_lists.station_lists_seed(service_point=tree.station_a, by=head, on=D(2022, 6, 1))
        == 0
    )


def test_r19_nothing_to_seed_after_the_plan(hunan, tree, head):
    assert (
        station_lists.station_lists_seed(service_point=tree.station_a, by=head, on=D(2026, 12, 2))
        == 0
    )
    assert not StationListItem.objects.exists()


def test_r19_cited_items_stay_own_items_go(hunan, tree, head):
    station_lists.station_lists_seed(service_point=tree.station_a, by=head, on=D(2022, 6, 1))
    cited = StationListItem.objects.get(service_point=tree.station_a, text="给付")
    with pytest.raises(ValidationError, match="依据政策文件列入的事项不能删除"):
        station_lists.station_list_item_remove(item=cited, by=head)
    own = station_lists.station_list_item_add(
        service_point=tree.station_a, kind=Kind.NEGATIVE, text="代为审核低保申请材料", by=head
    )
    station_lists.station_list_item_remove(item=own, by=head)
    assert "代为审核低保申请材料" not in _texts(tree.station_a, Kind.NEGATIVE)
    assert "给付" in _texts(tree.station_a, Kind.NEGATIVE)


def test_r19_an_administrative_task_is_not_a_service(hunan, tree, head):
    """Hangzhou 四、（一）: 行政性事务不得列入服务内容: no item is on both lists."""
    station_lists.station_lists_seed(service_point=tree.station_a, by=head, on=D(2022, 6, 1))
    with pytest.raises(ValidationError, match="行政性事务不得列入服务内容"):
        station_lists.station_list_item_add(
            service_point=tree.station_a, kind=Kind.SERVICE, text="审批", by=head
        )
    with pytest.raises(ValidationError, match="清单中已有该事项"):
        station_lists.station_list_item_add(
            service_point=tree.station_a, kind=Kind.NEGATIVE, text="审批", by=head
        )


def test_r19_only_the_head_and_the_county_edit_the_lists(tree, wang_fang, chen_jing, zhang_min):
    for user in (wang_fang.user, chen_jing.user):
        with pytest.raises(PermissionDenied):
            station_lists.station_list_item_add(
                service_point=tree.station_a, kind=Kind.SERVICE, text="个案辅导", by=user
            )
    station_lists.station_list_item_add(
        service_point=tree.station_a, kind=Kind.SERVICE, text="个案辅导", by=zhang_min.user
    )
    assert _texts(tree.station_a, Kind.SERVICE) == ["个案辅导"]


def test_r19_administrative_hours_beyond_the_working_time_are_refused(may_report, head):
    with pytest.raises(ValidationError) as refused:
        services.report_transition(
            report=may_report,
            action="save",
            by=head,
            data={**REPORT_DATA, "work_hours": 160, "service_hours": 100, "admin_hours": 61},
        )
    assert refused.value.messages == ["专业服务时长与负面清单事项时长之和不能超过工作总时长。"]
    may_report.refresh_from_db()
    assert may_report.admin_hours == 0


def test_r19_the_database_refuses_them_too(tree):
    with pytest.raises(IntegrityError):
        MonthlyReport.objects.create(
            service_point=tree.station_a,
            month=D(2025, 5, 1),
            work_hours=160,
            service_hours=100,
            admin_hours=61,
        )


@pytest.mark.parametrize(
    ("service", "admin", "fits"), [(100, 60, True), (100, 61, False), (0, 160, True)]
)
def test_r19_service_and_administrative_hours_are_parts_of_the_work(service, admin, fits):
    assert rules.hours_add_up(work_hours=160, service_hours=service, admin_hours=admin) is fits


def test_r18_administrative_hours_are_never_service(hunan, tree, head):
    """R18: 64 service hours of 160 worked is 40 %, whatever the 40 hours on the negative list."""
    report = services.report_open(
        service_point=tree.station_a, month=D(2023, 5, 1), by=head, today=D(2023, 6, 3)
    )
    services.report_transition(
        report=report, action="submit", by=head, data={**REPORT_DATA, "admin_hours": 40}
    )
    share = next(
        r
        for r in rule_results.evaluate_station(
            service_point=tree.station_a, year=2023, today=D(2023, 7, 1)
        )
        if r.rule.code == "station-service-time-share"
    )
    assert share.achieved == 40
