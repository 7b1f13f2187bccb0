"""R17: which month a report covers and its due day are the region's policy, with no national
default. Yunlong (五、（一）, 2021 only): the build-progress table on the current month, before
the 26th (due the 25th). Jiaxing: 月报季例会 and 每周动态掌握, no due day. Where no pack in force
sets a report, none is owed: no due day, no reminder, nothing late."""

import datetime as dt

import pytest
from django.conf import settings
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError

from quotas import packs, rules
from quotas.models import PolicyPack, QuarterlyMeeting, WeeklyStatus, YearlyEvaluation
from quotas.selectors import obligations
from quotas.selectors import reports as selectors
from quotas.services import reports as services
from quotas.services import tracking, yearly_evaluations
from tests import factories
from tests.quotas.conftest import REPORT_DATA, region_admin, station_head

D = dt.date


def _submit(report, head, on):
    """Submit `report` as if on day `on` (the service stamps the time it runs)."""
    services.report_transition(report=report, action="submit", by=head, data=REPORT_DATA)
    type(report).objects.filter(pk=report.pk).update(
        submitted_at=dt.datetime(on.year, on.month, on.day, 10, tzinfo=dt.UTC)
    )
    report.refresh_from_db()
    return report


def test_r17_no_national_default_due_day():
    assert not hasattr(settings, "REPORT_DUE_DAY_DEFAULT")
    assert not any(
        "report_covers_current_month" in pack.get("settings", {})
        for pack in packs.PACKS.values()
        if pack["region"] is None
    )


def test_r17_yunlong_table_is_on_the_current_month_before_the_26th():
    """ "每月26日前向县民政局上报社工站建设进度表": the current month's progress, due the 25th."""
    yunlong = packs.PACKS["yunlong"]
    assert yunlong["settings"]["report_covers_current_month"] is True
    assert yunlong["settings"]["report_due_day"] == 25
    assert yunlong["settings"]["report_name"] == "社工站建设进度表"
    assert (yunlong["in_force_from"], yunlong["in_force_until"]) == (D(2021, 1, 1), D(2021, 12, 31))
    assert rules.report_due_on(month=D(2021, 5, 1), due_day=25, covers_current_month=True) == D(
        2021, 5, 25
    )
    assert rules.report_due_on(month=D(2021, 5, 1), due_day=26, covers_current_month=False) == D(
        2021, 6, 26
    )


def test_r17_yunlong_files_the_current_month_in_2021(yunlong):
    report = services.report_open(
        service_point=yunlong.station, month=D(2021, 5, 1), by=yunlong.head, today=D(2021, 5, 3)
    )
    assert report.due_on == D(2021, 5, 25)
    with pytest.raises(ValidationError, match="该月尚未开始"):
        services.report_open(
            service_point=yunlong.station,
            month=D(2021, 6, 1),
            by=yunlong.head,
            today=D(2021, 5, 31),
        )
    assert not selectors.is_late(
        report=_submit(report, yunlong.head, D(2021, 5, 25)), today=D(2021, 7, 1)
    )
    late = services.report_open(
        service_point=yunlong.station, month=D(2021, 8, 1), by=yunlong.head, today=D(2021, 8, 3)
    )
    assert selectors.is_late(
        report=_submit(late, yunlong.head, D(2021, 8, 26)), today=D(2021, 9, 1)
    )


@pytest.mark.parametrize("month", [D(2022, 1, 1), D(2026, 5, 1)])
def test_r17_yunlong_owes_nothing_after_2021(yunlong, month):
    assert obligations.report_cycle_for(path=yunlong.station.region.path, month=month) is None
    with pytest.raises(ValidationError, match="该月尚未结束"):  # a record of a past month only
        services.report_open(
            service_point=yunlong.station, month=month, by=yunlong.head, today=month
        )
    report = services.report_open(
        service_point=yunlong.station,
        month=month,
        by=yunlong.head,
        today=month + dt.timedelta(days=40),
    )
    assert report.due_on is None
    assert not selectors.is_late(report=report, today=month + dt.timedelta(days=400))


def test_r17_a_hunan_station_owes_no_report_in_2026(hunan, tree, head):
    """Hunan's plan asks counties to monitor monthly (四、（二）), not stations to report by a day;
    and it ended in 2023: no pack in force sets a report for Changsha."""
    assert obligations.report_cycle_on(path=tree.station_a.region.path, on=D(2026, 12, 2)) is None
    report = services.report_open(
        service_point=tree.station_a, month=D(2026, 10, 1), by=head, today=D(2026, 11, 2)
    )
    assert report.due_on is None
    assert all(services.reminders_send(today=D(2026, 11, day)) == 0 for day in range(1, 31))
    rows = selectors.month_rows(
        service_points=[tree.station_a, tree.station_b], month=D(2026, 10, 1), today=D(2027, 3, 1)
    )
    assert [(row.cycle, row.late) for row in rows] == [(None, False), (None, False)]


def test_r17_a_pack_may_set_a_report_for_hunan(hunan, tree, head):
    factories.PolicyPackFactory(
        region=tree.province,
        title="湖南省社工站月报办法",
        report_covers_current_month=False,
        report_due_day=10,
        report_source="本地选择：湖南省社工站月报办法",
    )
    report = services.report_open(
        service_point=tree.station_a, month=D(2026, 10, 1), by=head, today=D(2026, 11, 2)
    )
    assert report.due_on == D(2026, 11, 10)
    assert services.reminders_send(today=D(2026, 11, 7)) == 1


def test_r17_yunlong_reminder_for_the_current_month(yunlong, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        assert services.reminders_send(today=D(2021, 5, 22)) == 1
    assert "2021-05 社工站建设进度表将于 2021-05-25 截止" in mail.outbox[0].subject
    assert services.reminders_send(today=D(2021, 6, 23)) == 0  # not the month before
    assert services.reminders_send(today=D(2022, 5, 22)) == 0  # the plan was 2021's


def test_r17_jiaxing_asks_for_a_report_without_a_due_day(jiaxing):
    path = jiaxing.pinghu_station.region.path
    cycle = obligations.report_cycle_for(path=path, month=D(2026, 5, 1))
    assert (cycle.covers_current_month, cycle.due_day) == (False, None)
    assert cycle.pack.name == "jiaxing" and "月报季例会" in cycle.source
    head = station_head(jiaxing.pinghu_station)
    report = services.report_open(
        service_point=jiaxing.pinghu_station, month=D(2026, 5, 1), by=head, today=D(2026, 6, 1)
    )
    assert report.due_on is None
    assert not selectors.is_late(report=report, today=D(2027, 1, 1))
    assert all(services.reminders_send(today=D(2026, 6, day)) == 0 for day in range(1, 31))
    summary = selectors.quarter_summary(region=jiaxing.pinghu, year=2026, quarter=2)
    assert summary["expected"] == 3  # one station, three months asked for


def test_r17_quarter_expects_only_the_months_asked_for(yunlong):
    assert selectors.quarter_summary(region=yunlong.county, year=2021, quarter=4)["expected"] == 3
    assert selectors.quarter_summary(region=yunlong.county, year=2022, quarter=1)["expected"] == 0


def test_r17_a_pack_cycle_needs_its_citation(db):
    with pytest.raises(IntegrityError):
        factories.PolicyPackFactory(report_covers_current_month=True, report_due_day=25)


def test_r17_a_due_day_needs_a_cycle(db):
    with pytest.raises(IntegrityError):
        factories.PolicyPackFactory(report_due_day=25, report_source="本地选择")


# Weekly status (每周动态掌握)


def test_r17_weekly_status_where_jiaxing_asks(jiaxing):
    head = station_head(jiaxing.pinghu_station)
    status = tracking.weekly_status_save(
        service_point=jiaxing.pinghu_station, text=" 完成探访 ", by=head, today=D(2026, 12, 2)
    )
    assert (status.week, status.text) == (D(2026, 11, 30), "完成探访")  # the week's Monday
    tracking.weekly_status_save(
        service_point=jiaxing.pinghu_station, text="补充：议事会", by=head, today=D(2026, 12, 4)
    )
    assert list(WeeklyStatus.objects.values_list("text", flat=True)) == ["补充：议事会"]


def test_r17_no_weekly_status_where_no_pack_asks(hunan, tree, head):
    with pytest.raises(ValidationError, match="本地区现行政策未要求报送每周动态"):
        tracking.weekly_status_save(
            service_point=tree.station_a, text="动态", by=head, today=D(2026, 12, 2)
        )
    assert not WeeklyStatus.objects.exists()


def test_r17_weekly_status_is_the_heads(jiaxing):
    county = region_admin(jiaxing.pinghu)
    with pytest.raises(PermissionDenied):
        tracking.weekly_status_save(
            service_point=jiaxing.pinghu_station, text="动态", by=county, today=D(2026, 12, 2)
        )


def test_r17_weekly_status_week_is_a_monday(jiaxing):
    with pytest.raises(IntegrityError):
        WeeklyStatus.objects.create(
            service_point=jiaxing.pinghu_station,
            week=D(2026, 12, 2),
            text="动态",
            by=station_head(jiaxing.pinghu_station),
        )


# Quarterly meeting (季例会)


def test_r17_quarterly_meeting_where_jiaxing_asks(jiaxing):
    county = region_admin(jiaxing.pinghu)
    meeting = tracking.quarterly_meeting_record(
        region=jiaxing.pinghu,
        held_on=D(2026, 9, 20),
        attendees=15,
        minutes="听取月报汇总",
        by=county,
        today=D(2026, 12, 2),
    )
    assert (meeting.region, meeting.attendees) == (jiaxing.pinghu, 15)


@pytest.mark.parametrize(
    ("held_on", "message"),
    [(D(2026, 12, 3), "召开日期不能晚于今天"), (D(1900, 1, 1), "日期应在")],
)
def test_r17_quarterly_meeting_bad_dates(jiaxing, held_on, message):
    with pytest.raises(ValidationError, match=message):
        tracking.quarterly_meeting_record(
            region=jiaxing.pinghu,
            held_on=held_on,
            attendees=15,
            minutes="纪要",
            by=region_admin(jiaxing.pinghu),
            today=D(2026, 12, 2),
        )
    assert not QuarterlyMeeting.objects.exists()


def test_r17_no_quarterly_meeting_where_no_pack_asks(hunan, tree, zhang_min):
    with pytest.raises(ValidationError, match="该日本地区政策未要求召开季度例会"):
        tracking.quarterly_meeting_record(
            region=tree.county_a,
            held_on=D(2026, 9, 20),
            attendees=15,
            minutes="纪要",
            by=zhang_min.user,
            today=D(2026, 12, 2),
        )


def test_r17_quarterly_meeting_is_the_countys(jiaxing):
    with pytest.raises(PermissionDenied):
        tracking.quarterly_meeting_record(
            region=jiaxing.pinghu,
            held_on=D(2026, 9, 20),
            attendees=15,
            minutes="纪要",
            by=station_head(jiaxing.pinghu_station),
            today=D(2026, 12, 2),
        )


# The yearly evaluation counts only the reports asked for


def test_r17_evaluation_counts_the_reports_asked_for(yunlong, national):
    for number in (5, 6):
        report = services.report_open(
            service_point=yunlong.station,
            month=D(2021, number, 1),
            by=yunlong.head,
            today=D(2021, number, 3),
        )
        _submit(report, yunlong.head, D(2021, number, 20))
    sheet = yearly_evaluations.score_sheet(
        service_point=yunlong.station, year=2021, today=D(2022, 2, 1)
    )
    assert sheet[-1]["item"] == "按时报送月报 2/12 个月"


def test_r17_nothing_to_score_where_no_rule_and_no_report_applies(hunan, national, tree, zhang_min):
    assert (
        yearly_evaluations.score_sheet(service_point=tree.station_a, year=2025, today=D(2026, 2, 1))
        == []
    )
    with pytest.raises(ValidationError, match="本地区政策也未规定月报"):
        yearly_evaluations.evaluation_file(
            service_point=tree.station_a,
            year=2025,
            quality=20,
            comment="",
            by=zhang_min.user,
            today=D(2026, 2, 1),
        )
    assert not YearlyEvaluation.objects.exists()


def test_r17_without_a_report_the_rules_carry_its_points(beijing, national):
    """Beijing's pilot sets rules (R9) but no monthly report: the rules get all 70 points."""
    sheet = yearly_evaluations.score_sheet(
        service_point=beijing.station, year=2021, today=D(2022, 2, 1)
    )
    assert sum(item["max"] for item in sheet) == 70
    assert sheet[-1] == {
        "item": "本年度本地区政策未规定月报，月报分并入指标分",
        "source": "R17",
        "max": 0,
        "score": 0,
    }
    assert PolicyPack.objects.get(name="beijing").report_covers_current_month is None
