"""The signed-in home: one section per role the user holds, scoped, in a constant number of
queries. Dates are relative to today: the sections answer "what now"."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from lms.models import Course, Kind, Level
from lms.services import enrolment
from quotas.services import carry_forward, policy_packs
from quotas.services import reports as report_services
from supervision import services as supervision_services
from supervision.models import (
    Assignment,
    CommitteeLevel,
    SessionForm,
    SupervisionSession,
    SupervisorGrade,
)
from tests import factories
from tests.lms.conftest import make_run
from tests.quotas.conftest import HUNAN_HOURS


def _today():
    return timezone.localdate()


@pytest.fixture
def hunan(tree):
    """Hunan's hours (R8, R12) in force this year: the plan's rules carried forward."""
    pack, _, _ = policy_packs.policy_pack_load(name="hunan")
    for rule in pack.rules.filter(code__in=HUNAN_HOURS):
        carry_forward.rule_carry_forward(
            rule=rule,
            starts_on=dt.date(2024, 1, 1),
            decided_by="湖南省民政厅",
            decided_on=dt.date(2023, 12, 20),
            by=None,
        )
    return pack


@pytest.fixture
def monthly_report(tree):
    """County A asks for last month's report by the 26th (R17)."""
    return factories.PolicyPackFactory(
        region=tree.county_a,
        title="芙蓉区社工站月报制度",
        report_covers_current_month=False,
        report_due_day=26,
        report_source="本地选择：芙蓉区社工站月报制度",
    )


@pytest.fixture
def profile(li_qiang, tree):
    """李强 supervises station A for a term that ends in about four months."""
    today = _today()
    profile = supervision_services.supervisor_profile_create(
        person=li_qiang,
        committee_level=CommitteeLevel.CITY,
        grade=SupervisorGrade.objects.create(name="中级督导", rank=4),
        starts_on=dt.date(2020, 1, 1),
        created_by=None,
    )
    supervision_services.assignment_create(
        supervisor=profile,
        target=tree.station_a,
        mode=Assignment.Mode.LINKED_EXPERT,
        starts_on=today - dt.timedelta(days=900),
        planned_end_on=today + dt.timedelta(days=125),
        created_by=None,
    )
    return profile


@pytest.fixture
def zhao_lei(tree):
    """赵磊: head of station A."""
    user = factories.UserFactory(email="zhaolei@example.cn", last_name="赵磊")
    person = factories.PersonFactory(name="赵磊", region=tree.county_a, user=user)
    factories.PositionFactory(
        person=person,
        service_point=tree.station_a,
        role="station_head",
        starts_on=dt.date(2020, 1, 1),
    )
    factories.RoleGrantFactory(user=user, role=Role.STATION_HEAD, service_point=tree.station_a)
    return person


def log_session(tree, profile, people, *, days_ago=3, status=SupervisionSession.Status.HELD):
    started = timezone.now() - dt.timedelta(days=days_ago)
    return supervision_services.session_log(
        service_point=tree.station_a,
        supervisors=[profile],
        providing_level=CommitteeLevel.CITY,
        form=SessionForm.CIRCUIT,
        started_at=started.replace(second=0, microsecond=0),
        duration_minutes=60,
        status=status,
        topic="个案督导",
        supervisees=[(person, 60) for person in people],
        logged_by=profile.person.user,
    )


def county_course(tree, title="社会工作实务技巧"):
    return Course.objects.create(
        title=title,
        kind=Kind.PRACTICE,
        providing_level=Level.COUNTY,
        organiser_region=tree.county_a,
        region=tree.county_a,
        minutes_per_session=120,
    )


def page_of(client, user, route="accounts:home"):
    client.force_login(user)
    response = client.get(reverse(route))
    assert response.status_code == 200
    return response.content.decode()


# Worker


def test_worker_sees_quota_progress_training_and_supervision_to_confirm(
    client, tree, hunan, wang_fang, profile
):
    course = county_course(tree)
    enrolled = make_run(course, start=timezone.now() + dt.timedelta(days=2))
    enrolment.enrolment_create(run=enrolled, person=wang_fang, user=wang_fang.user)
    open_run = make_run(
        county_course(tree, "政策法规解读"), start=timezone.now() + dt.timedelta(days=8)
    )
    log_session(tree, profile, [wang_fang])

    page = page_of(client, wang_fang.user)

    assert "home-worker" in page
    assert "市级督导" in page or "督导" in page  # Hunan's supervision lines (R8)
    assert 'class="status-bar' in page
    assert "社会工作实务技巧" in page  # her next session
    assert reverse("lms:course_detail", args=[open_run.course_id]) in page  # open to her
    assert "待我确认的督导" in page and "个案督导" in page
    assert "没有等待您确认的督导记录" not in page
    assert reverse("credentials:mine") in page


def test_worker_with_no_rule_in_force_is_told_so(client, wang_fang):
    page = page_of(client, wang_fang.user)
    assert f"{_today().year} 年没有适用于您的生效规则" in page


def test_account_without_a_position_has_no_worker_section(client, tree):
    user = factories.UserFactory()
    factories.PersonFactory(region=tree.county_a, user=user)
    assert "home-worker" not in page_of(client, user)


# Supervisor


def test_supervisor_sees_stations_with_countdown_and_sessions(client, tree, profile, wang_fang):
    log_session(tree, profile, [wang_fang])
    log_session(tree, profile, [wang_fang], days_ago=-5, status=SupervisionSession.Status.PLANNED)

    page = page_of(client, profile.person.user)

    assert "我的督导工作" in page
    assert "定王台街道社工站" in page and "还剩 4 个月" in page
    assert "1/1 人未确认" in page
    assert "计划中的督导" in page and "暂无计划中的督导" not in page


# Station head


def test_station_head_sees_staff_report_and_unconfirmed_supervision(
    client, tree, hunan, monthly_report, zhao_lei, wang_fang, profile
):
    log_session(tree, profile, [wang_fang])
    today = _today()
    last_month = (today.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
    due = (today.replace(day=1) + dt.timedelta(days=25)).isoformat()

    page = page_of(client, zhao_lei.user)

    assert "定王台街道社工站（站长）" in page
    assert "王芳" in page and "驻站社工" in page
    assert f"{last_month:%Y-%m} 月报" in page and f"截止 {due}" in page
    assert "尚未填写" in page
    assert "本站没有尚未确认的督导记录" not in page


def test_station_head_sees_the_report_state_once_opened(client, tree, monthly_report, zhao_lei):
    today = _today()
    last_month = (today.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
    report = report_services.report_open(
        service_point=tree.station_a, month=last_month, by=zhao_lei.user, today=today
    )
    page = page_of(client, zhao_lei.user)
    assert "草稿" in page and reverse("quotas:report", args=[report.pk]) in page


def test_station_head_of_another_station_sees_none_of_station_a(client, tree, wang_fang, profile):
    log_session(tree, profile, [wang_fang])
    user = factories.UserFactory()
    factories.RoleGrantFactory(user=user, role=Role.STATION_HEAD, service_point=tree.station_b)
    page = page_of(client, user)
    assert "坡子街街道社工站（站长）" in page
    assert "王芳" not in page and "定王台" not in page


# Administrators


def test_county_admin_lands_on_their_dashboard(client, tree, zhang_min):
    client.force_login(zhang_min.user)
    response = client.get(reverse("accounts:home"))
    assert response.status_code == 302
    assert response["Location"] == reverse("quotas:region", args=[tree.county_a.pk])


def test_province_admin_lands_on_the_province(client, tree):
    user = factories.UserFactory()
    factories.RoleGrantFactory(user=user, role=Role.REGION_ADMIN, region=tree.province)
    client.force_login(user)
    response = client.get(reverse("accounts:home"))
    assert response["Location"] == reverse("quotas:region", args=[tree.province.pk])


def test_admin_of_two_regions_gets_the_list(client, tree, chen_jing):
    factories.RoleGrantFactory(user=chen_jing.user, role=Role.REGION_ADMIN, region=tree.town_a)
    page = page_of(client, chen_jing.user)
    assert reverse("quotas:region", args=[tree.county_b.pk]) in page
    assert reverse("quotas:region", args=[tree.town_a.pk]) in page
    assert reverse("quotas:region", args=[tree.county_a.pk]) not in page


def test_admin_keeps_their_links_on_the_overview(client, tree, zhang_min):
    page = page_of(client, zhang_min.user, "accounts:overview")
    assert reverse("directory:station_list") in page
    assert reverse("wagtailadmin_home") in page
    assert reverse("quotas:region", args=[tree.county_a.pk]) in page
    assert reverse("accounts:overview") in page_of(
        client, zhang_min.user, "quotas:regions"
    )  # the way back, in the header


def test_admin_who_also_works_at_a_station_stays_on_the_home(client, tree, zhang_min):
    factories.PositionFactory(person=zhang_min, service_point=tree.station_a)
    page = page_of(client, zhang_min.user)
    assert page.index("home-worker") < page.index("home-administrator")  # most specific first


def test_home_needs_a_sign_in(client, db):
    for route in ("accounts:home", "accounts:overview"):
        assert client.get(reverse(route)).status_code == 302


# Query counts: a role's home reads the same number of queries for 3 or 30 records.


def _many(tree, profile, hunan, monthly_report, n):
    """n workers at station A, each with a session to confirm and an enrolment, and n runs."""
    course = county_course(tree)
    first = None
    for i in range(n):
        user = factories.UserFactory()
        person = factories.PersonFactory(name=f"社工{i:02d}", region=tree.county_a, user=user)
        factories.PositionFactory(person=person, service_point=tree.station_a)
        run = make_run(course, capacity=99, sessions=1, start=timezone.now() + dt.timedelta(days=2))
        enrolment.enrolment_create(run=run, person=person, user=user)
        log_session(tree, profile, [person], days_ago=1 + i % 20)
        log_session(
            tree, profile, [person], days_ago=-1 - i, status=SupervisionSession.Status.PLANNED
        )
        first = first or person
    return first


@pytest.mark.parametrize("n", [3, 30])
def test_home_queries_do_not_grow(
    client, tree, hunan, monthly_report, profile, zhao_lei, zhang_min, n,
    django_assert_max_num_queries,
):  # fmt: skip
    worker = _many(tree, profile, hunan, monthly_report, n)
    # a person's home asks once more whether they are a placement's field supervisor
    for user, most in (
        (worker.user, 21),
        (zhao_lei.user, 39),  # a worker there too: both sections
        (profile.person.user, 16),
        (zhang_min.user, 6),
    ):
        client.force_login(user)
        with django_assert_max_num_queries(most):
            assert client.get(reverse("accounts:home")).status_code in (200, 302)
