"""The monthly report pages (R17): the station's list, one report, the county's overview and
quarter. The buttons map onto quotas.services.reports.report_transition, which refuses."""

import datetime as dt

import pytest
from django.urls import reverse

from quotas.models import MonthlyReport
from quotas.services import reports as services
from tests import factories
from tests.quotas.conftest import REPORT_DATA as DATA

D = dt.date


def _submitted(report, head):
    return services.report_transition(report=report, action="submit", by=head, data=DATA)


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


def test_the_head_saves_a_draft(client, may_report, head):
    client.force_login(head)
    url = reverse("quotas:report", args=[may_report.pk])
    response = client.post(url, {**DATA, "action": "save"}, follow=True)
    assert "已保存。" in response.content.decode()
    may_report.refresh_from_db()
    assert may_report.status == "draft" and may_report.cases_served == 4


def test_a_returned_report_shows_the_comment_and_can_be_filed_again(
    client, may_report, head, zhang_min
):
    _submitted(may_report, head)
    client.force_login(zhang_min.user)
    url = reverse("quotas:report", args=[may_report.pk])
    page = client.post(url, {"action": "return", "comment": "请补充个案"}, follow=True)
    assert "审核结果已保存。" in page.content.decode()
    client.force_login(head)
    page = client.get(url).content.decode()
    assert "请补充个案" in page and 'value="submit"' in page
    client.post(url, {**DATA, "action": "submit"})
    may_report.refresh_from_db()
    assert may_report.status == "submitted"


def test_buttons_follow_status_and_role(client, may_report, head, zhang_min):
    url = reverse("quotas:report", args=[may_report.pk])
    client.force_login(head)
    page = client.get(url).content.decode()
    assert 'value="submit"' in page and 'value="accept"' not in page
    _submitted(may_report, head)
    page = client.get(url).content.decode()
    assert 'value="submit"' not in page and 'value="accept"' not in page
    client.force_login(zhang_min.user)
    page = client.get(url).content.decode()
    assert 'value="accept"' in page and 'value="submit"' not in page


@pytest.mark.parametrize("action", ["accept", "return"])
def test_a_station_head_accepting_its_own_report_is_forbidden(client, may_report, head, action):
    _submitted(may_report, head)
    client.force_login(head)
    url = reverse("quotas:report", args=[may_report.pk])
    assert client.post(url, {"action": action, "comment": "好"}).status_code == 403
    may_report.refresh_from_db()
    assert may_report.status == "submitted"


def test_accepting_a_draft_is_refused_with_a_message(client, may_report, zhang_min):
    client.force_login(zhang_min.user)
    url = reverse("quotas:report", args=[may_report.pk])
    response = client.post(url, {"action": "accept"})
    assert response.status_code == 200 and "只能审核已报送的月报。" in response.content.decode()
    may_report.refresh_from_db()
    assert may_report.status == "draft"


def test_returning_without_a_comment_is_refused_with_a_message(client, may_report, head, zhang_min):
    _submitted(may_report, head)
    client.force_login(zhang_min.user)
    url = reverse("quotas:report", args=[may_report.pk])
    response = client.post(url, {"action": "return", "comment": " "})
    assert "退回月报必须填写审核意见。" in response.content.decode()
    may_report.refresh_from_db()
    assert may_report.status == "submitted"


def test_submitting_twice_is_refused_with_a_message(client, may_report, head):
    _submitted(may_report, head)
    client.force_login(head)
    url = reverse("quotas:report", args=[may_report.pk])
    response = client.post(url, {**DATA, "cases_served": 9, "action": "submit"})
    assert response.status_code == 200 and "不能修改" in response.content.decode()
    may_report.refresh_from_db()
    assert may_report.cases_served == 4


@pytest.mark.parametrize("action", ["save", "submit", "delete", ""])
def test_the_county_cannot_file_nor_post_unknown_actions(client, may_report, zhang_min, action):
    client.force_login(zhang_min.user)
    url = reverse("quotas:report", args=[may_report.pk])
    assert client.post(url, {**DATA, "action": action}).status_code == 403
    may_report.refresh_from_db()
    assert may_report.status == "draft" and may_report.cases_served == 0


@pytest.mark.parametrize(("who", "status"), [("chen_jing", 404), ("wang_fang", 403)])
def test_report_pages_refuse_wrong_user(client, request, tree, may_report, who, status):
    client.force_login(request.getfixturevalue(who).user)
    for url in (
        reverse("quotas:report", args=[may_report.pk]),
        reverse("quotas:station_reports", args=[tree.station_a.pk]),
    ):
        assert client.get(url).status_code == status, url
        assert client.post(url, {**DATA, "action": "submit"}).status_code == status, url
    may_report.refresh_from_db()
    assert may_report.status == "draft"


def test_report_pages_send_the_signed_out_to_sign_in(client, tree, may_report):
    for url in (
        reverse("quotas:report", args=[may_report.pk]),
        reverse("quotas:station_reports", args=[tree.station_a.pk]),
        reverse("quotas:region_reports", args=[tree.county_a.pk]),
        reverse("quotas:region_quarter", args=[tree.county_a.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_region_pages_are_hidden_from_another_county(client, tree, chen_jing):
    client.force_login(chen_jing.user)
    for name in ("quotas:region_reports", "quotas:region_quarter"):
        assert client.get(reverse(name, args=[tree.county_a.pk])).status_code == 404


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


def test_quarter_page(client, county_reports, tree, head, zhang_min, chen_jing):
    for month in (4, 5):
        report = services.report_open(
            service_point=tree.station_a, month=D(2025, month, 1), by=head, today=D(2025, 7, 3)
        )
        _submitted(report, head)
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


def test_a_saved_draft_opens_with_its_values(client, may_report, head):
    services.report_transition(report=may_report, action="save", data=DATA, by=head)
    client.force_login(head)
    page = client.get(reverse("quotas:report", args=[may_report.pk])).content.decode()
    assert 'name="cases_served" value="4"' in page
    assert 'name="work_hours" value="160"' in page
    assert 'name="service_hours" value="64"' in page
    assert "开展长者探访</textarea>" in page and "继续跟进个案</textarea>" in page
    assert "errorlist" not in page and "必填" not in page
