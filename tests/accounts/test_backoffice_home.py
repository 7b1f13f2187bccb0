"""The back office's home: Chinese by default, and a panel of what waits for each
administrator, counted only within their scope."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.users.models import UserProfile

from accounts.roles import Role
from lms.models import Course, EnrolmentMode, Kind, Level
from lms.services import enrolment
from quotas.services import reports as report_services
from supervision import services as supervision_services
from tests import factories
from tests.accounts.views.test_role_homes import log_session, monthly_report, profile  # noqa: F401
from tests.lms.conftest import make_run
from tests.quotas.conftest import REPORT_DATA


def admin_home(client, user) -> str:
    client.force_login(user)
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    return response.content.decode()


def waiting(page: str, label: str) -> str:
    """The count shown beside `label` in the panel."""
    cell = page[page.index(label) :]
    cell = cell[cell.index("<td>") + 4 :]
    return cell[: cell.index("</td>")].replace("<strong>", "").replace("</strong>", "")


def test_a_county_admin_without_a_preference_gets_the_back_office_in_chinese(client, zhang_min):
    page = admin_home(client, zhang_min.user)
    assert '<html lang="zh-hans"' in page
    assert "控制面板" in page and "Dashboard" not in page


def test_a_chosen_language_is_kept(client, zhang_min):
    UserProfile.get_for_user(zhang_min.user).__class__.objects.filter(user=zhang_min.user).update(
        preferred_language="en"
    )
    assert '<html lang="en"' in admin_home(client, zhang_min.user)


@pytest.fixture
def work_in_county_a(tree, wang_fang, profile, monthly_report):  # noqa: F811
    """In county A: a disputed session, an enrolment awaiting approval, a report owed."""
    part = log_session(tree, profile, [wang_fang]).supervisees.get()
    supervision_services.supervisee_dispute(
        supervisee=part, reason="时长不符", disputed_by=wang_fang.user
    )
    course = Course.objects.create(
        title="岗位实务",
        kind=Kind.PRACTICE,
        providing_level=Level.COUNTY,
        organiser_region=tree.county_a,
        region=tree.county_a,
        minutes_per_session=60,
    )
    run = make_run(course, mode=EnrolmentMode.APPROVAL, start=timezone.now() + dt.timedelta(days=3))
    enrolment.enrolment_create(run=run, person=wang_fang, user=wang_fang.user)


def test_the_panel_counts_what_waits_in_the_admins_county(client, work_in_county_a, zhang_min):
    page = admin_home(client, zhang_min.user)
    assert "待处理事项" in page
    assert waiting(page, "督导记录异议待处理") == "1"
    assert waiting(page, "培训报名待审核") == "1"
    assert int(waiting(page, "月报逾期未报送")) + int(waiting(page, "月报本期待报送")) == 1
    assert reverse("supervision:disputes") in page and reverse("lms:approvals") in page


def test_the_panel_of_another_county_counts_none_of_it(client, work_in_county_a, chen_jing):
    page = admin_home(client, chen_jing.user)
    for label in ("督导记录异议待处理", "培训报名待审核", "月报逾期未报送", "月报本期待报送"):
        assert waiting(page, label) == "0"
    assert "王芳" not in page


def test_a_submitted_report_waits_for_review(client, tree, monthly_report, zhang_min):  # noqa: F811
    today = timezone.localdate()
    last_month = (today.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
    head = factories.UserFactory()
    factories.RoleGrantFactory(user=head, role=Role.STATION_HEAD, service_point=tree.station_a)
    report = report_services.report_open(
        service_point=tree.station_a, month=last_month, by=head, today=today
    )
    report_services.report_transition(report=report, action="submit", by=head, data=REPORT_DATA)
    page = admin_home(client, zhang_min.user)
    assert waiting(page, "月报待审核") == "1"
    assert waiting(page, "月报本期待报送") == "0" and waiting(page, "月报逾期未报送") == "0"


def test_an_editor_sees_no_administrators_work(client, tree):
    user = factories.UserFactory()
    factories.RoleGrantFactory(user=user, role=Role.EDITOR, region=tree.county_a)
    assert "待处理事项" not in admin_home(client, user)
