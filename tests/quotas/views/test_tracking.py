"""The pages of what a region's policy asks beside the report (R17): the report cycle said on the
reports pages, the weekly status and the quarterly meeting where Jiaxing asks for them, and the
hours on the negative list flagged (R19)."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from quotas.models import MonthlyReport, QuarterlyMeeting, WeeklyStatus
from quotas.services import reports as services
from quotas.services import tracking
from tests import factories
from tests.quotas.conftest import REPORT_DATA, region_admin, station_head

D = dt.date


def _training_provider(region):
    """In scope of the region but without the right to see its reports: 403."""
    user = factories.UserFactory()
    factories.RoleGrantFactory(user=user, role=Role.TRAINING_PROVIDER, region=region)
    return user


# The report cycle on the pages


def test_r17_pages_say_no_report_is_asked_in_hunan(client, hunan, tree, head, zhang_min):
    client.force_login(head)
    page = client.get(reverse("quotas:station_reports", args=[tree.station_a.pk])).content.decode()
    assert "本地区现行政策未规定月报" in page
    client.force_login(zhang_min.user)
    page = client.get(
        reverse("quotas:region_reports", args=[tree.county_a.pk]), {"month": "2026-10"}
    ).content.decode()
    assert "本地区现行政策未规定月报" in page and "该月无月报要求" in page
    assert 'class="tag">逾期' not in page


def test_r17_pages_say_what_jiaxing_asks(client, jiaxing):
    head = station_head(jiaxing.pinghu_station)
    client.force_login(head)
    page = client.get(
        reverse("quotas:station_reports", args=[jiaxing.pinghu_station.pk])
    ).content.decode()
    assert "本地区现行政策：每月报送上月月报，未规定截止日（" in page
    assert "月报季例会" in page
    assert 'name="text"' in page  # the weekly status form


def test_r17_a_yunlong_report_page_cites_the_table(client, yunlong):
    report = services.report_open(
        service_point=yunlong.station, month=D(2021, 5, 1), by=yunlong.head, today=D(2021, 5, 3)
    )
    client.force_login(yunlong.head)
    page = client.get(reverse("quotas:report", args=[report.pk])).content.decode()
    assert "截止 2021-05-25" in page
    assert "每月 25 日前（含当日）报送当月社工站建设进度表" in page
    assert "每月26日前向县民政局上报社工站建设进度表" in page


# R19 flags


def test_r19_administrative_hours_are_flagged_on_every_reports_page(client, tree, head, zhang_min):
    report = services.report_open(
        service_point=tree.station_a, month=D(2026, 10, 1), by=head, today=D(2026, 11, 2)
    )
    services.report_transition(
        report=report, action="submit", by=head, data={**REPORT_DATA, "admin_hours": 12}
    )
    flag = "负面清单事项 12 小时"
    client.force_login(head)
    assert flag in client.get(reverse("quotas:report", args=[report.pk])).content.decode()
    assert (
        flag
        in client.get(reverse("quotas:station_reports", args=[tree.station_a.pk])).content.decode()
    )
    client.force_login(zhang_min.user)
    region_page = client.get(
        reverse("quotas:region_reports", args=[tree.county_a.pk]), {"month": "2026-10"}
    ).content.decode()
    assert flag in region_page
    quarter = client.get(
        reverse("quotas:region_quarter", args=[tree.county_a.pk]), {"year": "2026", "quarter": "4"}
    ).content.decode()
    assert flag in quarter


def test_r19_no_flag_without_administrative_hours(client, may_report, head):
    services.report_transition(report=may_report, action="submit", by=head, data=REPORT_DATA)
    client.force_login(head)
    page = client.get(reverse("quotas:report", args=[may_report.pk])).content.decode()
    assert "负面清单事项 0" not in page and 'class="tag">负面清单事项' not in page


def test_r19_refused_hours_show_a_chinese_message(client, may_report, head):
    client.force_login(head)
    response = client.post(
        reverse("quotas:report", args=[may_report.pk]),
        {**REPORT_DATA, "service_hours": 100, "admin_hours": 61, "action": "save"},
    )
    assert "专业服务时长与负面清单事项时长之和不能超过工作总时长。" in response.content.decode()
    may_report.refresh_from_db()
    assert (may_report.service_hours, may_report.admin_hours) == (0, 0)


# Weekly status


def test_r17_head_saves_the_weekly_status(client, jiaxing):
    head = station_head(jiaxing.pinghu_station)
    client.force_login(head)
    url = reverse("quotas:weekly_status_save", args=[jiaxing.pinghu_station.pk])
    response = client.post(url, {"text": "完成 3 户探访"}, follow=True)
    assert "本周动态已保存。" in response.content.decode()
    assert "完成 3 户探访" in response.content.decode()
    assert WeeklyStatus.objects.get().by == head


def test_r17_no_weekly_form_where_no_pack_asks(client, hunan, tree, head):
    client.force_login(head)
    page = client.get(reverse("quotas:station_reports", args=[tree.station_a.pk])).content.decode()
    assert "每周动态" not in page
    response = client.post(
        reverse("quotas:weekly_status_save", args=[tree.station_a.pk]),
        {"text": "动态"},
        follow=True,
    )
    assert "本地区现行政策未要求报送每周动态。" in response.content.decode()
    assert not WeeklyStatus.objects.exists()


def test_r17_county_lists_the_weeks_statuses(client, jiaxing):
    today = timezone.localdate()
    head = station_head(jiaxing.pinghu_station)
    tracking.weekly_status_save(
        service_point=jiaxing.pinghu_station, text="议事会筹备", by=head, today=today
    )
    client.force_login(region_admin(jiaxing.pinghu))
    url = reverse("quotas:region_weekly", args=[jiaxing.pinghu.pk])
    page = client.get(url).content.decode()
    assert "议事会筹备" in page and "月报季例会" not in page and "每周动态掌握" in page
    last_week = client.get(url, {"week": str(today - dt.timedelta(days=7))}).content.decode()
    assert "议事会筹备" not in last_week and "未填写" in last_week
    assert "日期应在" in client.get(url, {"week": "1900-01-01"}).content.decode()


def test_r17_weekly_list_query_count(client, jiaxing, django_assert_max_num_queries):
    town = jiaxing.pinghu_station.region
    for n in range(25):
        point = factories.ServicePointFactory(region=town)
        WeeklyStatus.objects.create(
            service_point=point,
            week=tracking.week_of(timezone.localdate()),
            text=f"动态{n}",
            by=station_head(point),
        )
    client.force_login(region_admin(jiaxing.pinghu))
    with django_assert_max_num_queries(12):
        client.get(reverse("quotas:region_weekly", args=[jiaxing.pinghu.pk]))


# Quarterly meeting


def test_r17_county_records_the_quarterly_meeting(client, jiaxing):
    county = region_admin(jiaxing.pinghu)
    client.force_login(county)
    quarter = reverse("quotas:region_quarter", args=[jiaxing.pinghu.pk])
    page = client.get(quarter, {"year": "2026", "quarter": "3"}).content.decode()
    assert "季度例会" in page and 'name="attendees"' in page
    response = client.post(
        reverse("quotas:quarterly_meeting_record", args=[jiaxing.pinghu.pk]),
        {"held_on": "2026-09-20", "attendees": "15", "minutes": "听取月报汇总"},
        follow=True,
    )
    page = response.content.decode()
    assert "季度例会记录已保存。" in page and "听取月报汇总" in page
    assert QuarterlyMeeting.objects.get().recorded_by == county


def test_r17_no_meeting_section_where_no_pack_asks(client, hunan, tree, zhang_min):
    client.force_login(zhang_min.user)
    page = client.get(
        reverse("quotas:region_quarter", args=[tree.county_a.pk]), {"year": "2026", "quarter": "3"}
    ).content.decode()
    assert 'name="attendees"' not in page
    response = client.post(
        reverse("quotas:quarterly_meeting_record", args=[tree.county_a.pk]),
        {"held_on": "2026-09-20", "attendees": "15", "minutes": "纪要"},
        follow=True,
    )
    assert "该日本地区政策未要求召开季度例会。" in response.content.decode()
    assert not QuarterlyMeeting.objects.exists()


def test_r17_a_meeting_without_attendees_is_refused(client, jiaxing):
    client.force_login(region_admin(jiaxing.pinghu))
    response = client.post(
        reverse("quotas:quarterly_meeting_record", args=[jiaxing.pinghu.pk]),
        {"held_on": "2026-09-20", "attendees": "0", "minutes": "纪要"},
        follow=True,
    )
    assert "参会人数至少为 1。" in response.content.decode()
    assert not QuarterlyMeeting.objects.exists()


# Wrong users


@pytest.mark.parametrize("who", ["outsider", "provider", "head"])
def test_r17_region_pages_refuse_wrong_users(client, jiaxing, who):
    users = {
        "outsider": (region_admin(jiaxing.hangzhou), 404),
        "provider": (_training_provider(jiaxing.pinghu), 403),
        "head": (station_head(jiaxing.pinghu_station), 404),
    }
    user, status = users[who]
    client.force_login(user)
    weekly = reverse("quotas:region_weekly", args=[jiaxing.pinghu.pk])
    meeting = reverse("quotas:quarterly_meeting_record", args=[jiaxing.pinghu.pk])
    assert client.get(weekly).status_code == status
    data = {"held_on": "2026-09-20", "attendees": "15", "minutes": "纪要"}
    assert client.post(meeting, data).status_code == status
    assert not QuarterlyMeeting.objects.exists()


def test_r17_the_station_cannot_record_the_countys_meeting(client, jiaxing):
    """A station head granted over the county sees its pages but may not record its meeting."""
    county_head = factories.UserFactory()
    factories.RoleGrantFactory(user=county_head, role=Role.STATION_HEAD, region=jiaxing.pinghu)
    client.force_login(county_head)
    response = client.post(
        reverse("quotas:quarterly_meeting_record", args=[jiaxing.pinghu.pk]),
        {"held_on": "2026-09-20", "attendees": "15", "minutes": "纪要"},
    )
    assert response.status_code == 403
    assert not QuarterlyMeeting.objects.exists()


@pytest.mark.parametrize(("who", "status"), [("outsider", 404), ("worker", 403), ("county", 403)])
def test_r17_weekly_status_refuses_wrong_users(client, jiaxing, who, status):
    point = jiaxing.pinghu_station
    worker = factories.UserFactory()
    factories.RoleGrantFactory(user=worker, role=Role.WORKER, service_point=point)
    user = {
        "outsider": station_head(jiaxing.hangzhou_station),
        "worker": worker,
        "county": region_admin(jiaxing.pinghu),
    }[who]
    client.force_login(user)
    url = reverse("quotas:weekly_status_save", args=[point.pk])
    assert client.post(url, {"text": "动态"}).status_code == status
    assert not WeeklyStatus.objects.exists()


def test_r17_new_pages_send_the_signed_out_to_sign_in(client, jiaxing):
    for url in (
        reverse("quotas:region_weekly", args=[jiaxing.pinghu.pk]),
        reverse("quotas:station_lists", args=[jiaxing.pinghu_station.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    for url in (
        reverse("quotas:weekly_status_save", args=[jiaxing.pinghu_station.pk]),
        reverse("quotas:quarterly_meeting_record", args=[jiaxing.pinghu.pk]),
    ):
        response = client.post(url, {})
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not MonthlyReport.objects.exists()
