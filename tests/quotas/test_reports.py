import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from accounts.roles import Role
from audit.models import AuditEvent
from quotas import rules
from quotas.models import MonthlyReport
from quotas.selectors import reports as selectors
from quotas.selectors import rule_results
from quotas.services import policy_packs
from quotas.services import reports as services
from supervision import services as supervision_services
from supervision.models import CommitteeLevel, SessionForm
from tests import factories
from tests.supervision.conftest import at

D = dt.date
DATA = {
    "cases_served": 4,
    "work_hours": 160,
    "service_hours": 64,
    "highlights": "开展长者探访",
    "problems": "",
    "next_plan": "继续跟进个案",
}


@pytest.fixture
def head(tree):
    user = factories.UserFactory(email="head@example.cn")
    factories.RoleGrantFactory(user=user, role=Role.STATION_HEAD, service_point=tree.station_a)
    return user


def test_r17_due_day_comes_from_the_policy_pack(tree):
    assert rules.report_due_on(month=D(2025, 5, 1), due_day=26) == D(2025, 6, 26)
    assert selectors.due_day_for(service_point=tree.station_a) == 26  # platform default
    yunlong = factories.region("云南省", "530000", "province")
    dali = factories.region("大理白族自治州", "532900", "city", yunlong)
    county = factories.region("云龙县", "532929", "county", dali)
    town = factories.region("诺邓镇", "532929101", "township", county)
    policy_packs.policy_pack_load(name="yunlong")
    from quotas.models import PolicyPack

    PolicyPack.objects.filter(name="yunlong").update(report_due_day=20)
    station = factories.ServicePointFactory(region=town)
    assert selectors.due_day_for(service_point=station) == 20


def test_month_not_yet_ended_is_refused(tree, head):
    with pytest.raises(ValidationError):
        services.report_open(
            service_point=tree.station_a, month=D(2025, 6, 1), by=head, today=D(2025, 6, 30)
        )
    assert not MonthlyReport.objects.exists()


def test_open_prefills_staff_changes(tree, head, wang_fang):
    newcomer = factories.PersonFactory(region=tree.county_a, name="新人")
    factories.PositionFactory(
        person=newcomer, service_point=tree.station_a, starts_on=D(2025, 5, 12)
    )
    report = services.report_open(
        service_point=tree.station_a, month=D(2025, 5, 1), by=head, today=D(2025, 6, 3)
    )
    assert report.due_on == D(2025, 6, 26)
    assert report.figures["staff"] == 2
    assert report.figures["staff_changes"][0]["name"] == "新人"


def test_figures_count_the_month_only(tree, wang_fang, county_supervisor, credit):
    credit(wang_fang, 90, on=D(2025, 5, 20))
    credit(wang_fang, 45, on=D(2025, 6, 1))
    for day, minutes in ((D(2025, 5, 9), 120), (D(2025, 6, 2), 60)):
        supervision_services.session_log(
            service_point=tree.station_a,
            supervisors=[county_supervisor],
            providing_level=CommitteeLevel.COUNTY,
            form=SessionForm.CIRCUIT,
            started_at=at(day.year, day.month, day.day),
            duration_minutes=minutes,
            status="held",
            topic="个案督导",
            supervisees=[(wang_fang, minutes)],
            logged_by=county_supervisor.person.user,
        )
    figures = selectors.figures_for(service_point=tree.station_a, month=D(2025, 5, 1))
    assert figures == {
        "supervision_sessions": 1,
        "supervision_minutes": 120,
        "training_minutes": 90,
        "staff": 1,
        "staff_changes": [],
    }


def test_submit_review_and_lock(tree, head, zhang_min):
    report = services.report_open(
        service_point=tree.station_a, month=D(2025, 5, 1), by=head, today=D(2025, 6, 3)
    )
    services.report_save(report=report, data=DATA, by=head)
    services.report_submit(report=report, by=head)
    with pytest.raises(ValidationError):
        services.report_save(report=report, data=DATA, by=head)
    with pytest.raises(ValidationError):
        services.report_review(report=report, by=zhang_min.user, accept=False, comment=" ")
    services.report_review(report=report, by=zhang_min.user, accept=False, comment="补充个案")
    services.report_save(report=report, data={**DATA, "cases_served": 5}, by=head)
    services.report_submit(report=report, by=head)
    services.report_review(report=report, by=zhang_min.user, accept=True, comment="")
    report.refresh_from_db()
    assert report.status == "accepted" and report.cases_served == 5
    with pytest.raises(ValidationError):
        services.report_save(report=report, data=DATA, by=head)
    verbs = set(AuditEvent.objects.values_list("verb", flat=True))
    assert {"monthly_report.submit", "monthly_report.return", "monthly_report.accept"} <= verbs


def test_service_hours_over_work_hours_is_refused(tree, head):
    report = services.report_open(
        service_point=tree.station_a, month=D(2025, 5, 1), by=head, today=D(2025, 6, 3)
    )
    with pytest.raises(ValidationError):
        services.report_save(report=report, data={**DATA, "service_hours": 200}, by=head)


def test_late_flag():
    assert rules.report_is_late(
        due_on=D(2025, 6, 26), submitted_on=D(2025, 6, 27), today=D(2025, 7, 1)
    )
    assert not rules.report_is_late(
        due_on=D(2025, 6, 26), submitted_on=D(2025, 6, 20), today=D(2025, 7, 1)
    )
    assert rules.report_is_late(due_on=D(2025, 6, 26), submitted_on=None, today=D(2025, 6, 27))


def test_r9_and_r18_come_from_filed_reports(hunan, tree, head):
    report = services.report_open(
        service_point=tree.station_a, month=D(2023, 5, 1), by=head, today=D(2023, 6, 3)
    )
    services.report_save(report=report, data=DATA, by=head)
    services.report_submit(report=report, by=head)
    results = {
        r.rule.code: r
        for r in rule_results.evaluate_station(
            service_point=tree.station_a, year=2023, today=D(2023, 7, 1)
        )
    }
    share = results["station-service-time-share"]
    assert share.achieved == 40 and share.owed == 50  # 64/160 h; 30 % + 2 × 10 points in 2023


def test_reminder_three_days_before_due(tree, head, django_capture_on_commit_callbacks, settings):
    settings.SITE_URL = "https://portal.example.cn/"
    with django_capture_on_commit_callbacks(execute=True):
        assert services.reminders_send(today=D(2025, 6, 23)) == 1
    assert "2025-05" in mail.outbox[0].subject and mail.outbox[0].to == ["head@example.cn"]
    link = f"https://portal.example.cn/quotas/stations/{tree.station_a.pk}/reports/"
    assert link in mail.outbox[0].body
    assert services.reminders_send(today=D(2025, 6, 22)) == 0


def test_no_reminder_once_filed(tree, head):
    report = services.report_open(
        service_point=tree.station_a, month=D(2025, 5, 1), by=head, today=D(2025, 6, 3)
    )
    services.report_save(report=report, data=DATA, by=head)
    services.report_submit(report=report, by=head)
    assert services.reminders_send(today=D(2025, 6, 23)) == 0


def test_pages_head_files_county_reviews(client, tree, head, zhang_min, chen_jing):
    client.force_login(head)
    response = client.post(
        reverse("quotas:station_reports", args=[tree.station_a.pk]), {"month": "2025-05"}
    )
    report = MonthlyReport.objects.get()
    assert response.status_code == 302
    url = reverse("quotas:report", args=[report.pk])
    assert client.post(url, {**DATA, "action": "submit"}).status_code == 302
    report.refresh_from_db()
    assert report.status == "submitted"
    client.force_login(chen_jing.user)
    assert client.get(url).status_code == 404
    client.force_login(zhang_min.user)
    overview = client.get(
        reverse("quotas:region_reports", args=[tree.county_a.pk]), {"month": "2025-05"}
    )
    assert "已报送" in overview.content.decode()
    client.post(url, {"action": "accept"})
    report.refresh_from_db()
    assert report.status == "accepted"


def test_worker_cannot_see_reports(client, tree, wang_fang):
    client.force_login(wang_fang.user)
    assert (
        client.get(reverse("quotas:station_reports", args=[tree.station_a.pk])).status_code == 403
    )


def test_region_overview_query_count(client, tree, zhang_min, django_assert_max_num_queries):
    for _ in range(20):
        factories.ServicePointFactory(region=tree.town_a)
    client.force_login(zhang_min.user)
    with django_assert_max_num_queries(12):
        client.get(reverse("quotas:region_reports", args=[tree.county_a.pk]), {"month": "2025-05"})


def test_quarter_summary(client, tree, head, zhang_min, chen_jing):
    for month in (4, 5):
        report = services.report_open(
            service_point=tree.station_a, month=D(2025, month, 1), by=head, today=D(2025, 7, 3)
        )
        services.report_save(report=report, data=DATA, by=head)
        services.report_submit(report=report, by=head)
    summary = selectors.quarter_summary(region=tree.county_a, year=2025, quarter=2)
    assert (summary["expected"], summary["filed"]) == (3, 2)
    assert summary["rows"][0]["cases"] == 8 and summary["rows"][0]["service_share"] == 40
    client.force_login(zhang_min.user)
    url = reverse("quotas:region_quarter", args=[tree.county_a.pk])
    assert "已报 2 份" in client.get(url, {"year": "2025", "quarter": "2"}).content.decode()
    client.force_login(chen_jing.user)
    assert client.get(url).status_code == 404


@pytest.mark.parametrize(
    ("month", "message"), [("9999-12", "年度应在"), ("1900-01", "年度应在"), ("2025-13", "格式")]
)
def test_a_report_month_outside_the_portal_is_a_form_error(client, tree, head, month, message):
    client.force_login(head)
    url = reverse("quotas:station_reports", args=[tree.station_a.pk])
    response = client.post(url, {"month": month})
    assert response.status_code == 200 and message in response.content.decode()
    assert not MonthlyReport.objects.exists()


def test_a_report_from_1900_is_refused_by_the_service(tree, head):
    with pytest.raises(ValidationError, match="日期应在"):
        services.report_open(
            service_point=tree.station_a, month=D(1900, 1, 1), by=head, today=D(2025, 6, 3)
        )
    assert not MonthlyReport.objects.exists()


def test_region_overview_of_month_9999_12_falls_back_with_a_message(client, tree, zhang_min):
    client.force_login(zhang_min.user)
    url = reverse("quotas:region_reports", args=[tree.county_a.pk])
    response = client.get(url, {"month": "9999-12"})
    assert response.status_code == 200 and "年度应在" in response.content.decode()


@pytest.mark.parametrize("year", ["10000", "0", "1900"])
def test_quarter_and_dashboards_of_a_year_outside_the_portal(client, hunan, tree, zhang_min, year):
    client.force_login(zhang_min.user)
    for url in (
        reverse("quotas:region_quarter", args=[tree.county_a.pk]),
        reverse("quotas:region", args=[tree.county_a.pk]),
        reverse("quotas:station", args=[tree.station_a.pk]),
    ):
        response = client.get(url, {"year": year, "quarter": "9"})
        assert response.status_code == 200 and "年度应在" in response.content.decode()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("work_hours", "1000000000", "不能超过 744 小时"),
        ("work_hours", "745", "不能超过 744 小时"),  # one person on staff, May has 31 days
        ("cases_served", "1000000000", "不能超过 10000。"),
        ("service_hours", "1000000000", "不能超过工作总时长"),
    ],
)
def test_implausible_report_figures_are_refused(
    client, tree, head, wang_fang, field, value, message
):
    report = services.report_open(
        service_point=tree.station_a, month=D(2025, 5, 1), by=head, today=D(2025, 6, 3)
    )
    client.force_login(head)
    url = reverse("quotas:report", args=[report.pk])
    response = client.post(url, {**DATA, field: value, "action": "save"})
    assert response.status_code == 200 and message in response.content.decode()
    report.refresh_from_db()
    assert (report.cases_served, report.work_hours, report.service_hours) == (0, 0, 0)


def test_a_saved_draft_opens_with_its_values(client, tree, head):
    report = services.report_open(
        service_point=tree.station_a, month=D(2025, 5, 1), by=head, today=D(2025, 6, 3)
    )
    services.report_save(report=report, data=DATA, by=head)
    client.force_login(head)
    page = client.get(reverse("quotas:report", args=[report.pk])).content.decode()
    assert 'name="cases_served" value="4"' in page
    assert 'name="work_hours" value="160"' in page
    assert 'name="service_hours" value="64"' in page
    assert "开展长者探访</textarea>" in page and "继续跟进个案</textarea>" in page
    assert "errorlist" not in page and "必填" not in page
