"""`manage.py seed_demo`: the default demo, idempotence, --reset, and a small province."""

import datetime as dt
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command
from django.urls import reverse

from accounts.models import RoleGrant, User
from accounts.roles import Role
from directory import identity, rules
from directory.demo import base, codes, province
from directory.demo.build import Figures, plan_write
from directory.models import Person, Position, Region, ServicePoint, University
from tests.built_once import built_once

pytestmark = pytest.mark.django_db


def seed(*args) -> str:
    out = StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


def all_counts() -> dict[str, int]:
    return {model._meta.label: model.objects.count() for model in apps.get_models()}


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo seeded once for the module (`tests.built_once`): its printed output."""
    with built_once(django_db_blocker, tmp_path_factory, seed, run_on_commit=False) as output:
        yield output


def test_prints_accounts_with_password(seeded):
    assert "admin@example.cn" in seeded
    assert "chief.jiashan@example.cn" in seeded
    assert "demo12345" in seeded


def test_second_run_changes_no_table(seeded):
    before = all_counts()
    seed()
    assert all_counts() == before


def test_reset_gives_the_same_counts(seeded):
    """Everything but the audit trail, which is append-only and keeps the history of both runs."""
    before = all_counts()
    output = seed("--reset")
    assert "Deleted:" in output
    after = all_counts()
    assert after.pop("audit.AuditEvent") > before.pop("audit.AuditEvent")
    assert after == before


def test_id_numbers_match_birth_date_gender_and_county(seeded):
    """Staff are filed at a county; practicum tutors and students at their university's region
    (a city for 湖南师范大学)."""
    people = list(Person.objects.select_related("region"))
    assert len(people) > 100
    universities = set(University.objects.values_list("region_id", flat=True))
    for person in people:
        number, born_on, gender = identity.parse_id_number(person.id_number)
        assert (number, born_on, gender) == (person.id_number, person.born_on, person.gender)
        assert person.region.level == Region.Level.COUNTY or person.region_id in universities
        assert number[:6] == person.region.code


def test_people_pass_model_validation(seeded):
    for person in Person.objects.order_by("pk")[:25]:
        person.full_clean()


def test_mobiles_are_unique_and_valid(seeded):
    mobiles = [p.mobile for p in Person.objects.exclude(mobile="")]  # students may have none
    assert len(set(mobiles)) == len(mobiles)
    assert all(identity.normalise_mobile(m) == m for m in mobiles)


def test_service_points_sit_at_their_level(seeded):
    points = ServicePoint.objects.select_related("region")
    assert {p.kind for p in points} == set(ServicePoint.Kind.values)
    for point in points:
        assert rules.service_point_fits_region(kind=point.kind, region_level=point.region.level)
        point.full_clean()


def assert_tree_is_consistent():
    assert Region.find_problems() == ([], [], [], [], [])
    for region in Region.objects.exclude(depth=1):
        parent = region.get_parent()
        problem = rules.region_code_problem(
            code=region.code,
            level=region.level,
            parent_code=parent.code,
            parent_level=parent.level,
        )
        assert problem is None, region.code


def test_region_tree_is_consistent(seeded):
    assert_tree_is_consistent()


def test_stations_have_three_to_six_staff_with_a_head(seeded):
    for station in ServicePoint.objects.filter(kind=ServicePoint.Kind.TOWNSHIP_STATION):
        current = Position.objects.filter(service_point=station, ends_on__isnull=True)
        assert 3 <= current.count() <= 6
        assert current.filter(role=Position.Role.STATION_HEAD).count() == 1
    assert Position.objects.filter(ends_on__isnull=False).exists()  # someone moved
    assert Position.objects.filter(full_time=False).exists()


def test_every_role_has_a_demo_account(seeded):
    for role in Role.values:
        assert RoleGrant.objects.filter(role=role).exists(), role
    assert User.objects.get(email="admin@example.cn").is_superuser


def test_pinghu_one_supervisor_per_station_jiashan_one_chief(seeded):
    pinghu = ServicePoint.objects.filter(region__code__startswith="330482")
    for station in pinghu:
        assert RoleGrant.objects.filter(role=Role.SUPERVISOR, service_point=station).count() == 1
    supervisors = RoleGrant.objects.filter(role=Role.SUPERVISOR, service_point__in=pinghu)
    assert supervisors.values("user").distinct().count() == pinghu.count()
    chief = RoleGrant.objects.get(role=Role.SUPERVISOR, region__code="330421")
    assert chief.user.email == "chief.jiashan@example.cn"


def test_haining_stations_meet_6430(seeded):
    for station in ServicePoint.objects.filter(region__code__startswith="330481"):
        assert station.positions.filter(ends_on__isnull=True).count() == 6
        assert station.area_m2 >= 500
        assert station.agency.rating >= "3A"
        assert station.volunteer_counts.first().count >= 30


@pytest.mark.parametrize("by", ["email", "mobile"])
def test_demo_worker_can_log_in(client, seeded, by):
    worker = Person.objects.select_related("user").get(user__email="worker1.beishan@example.cn")
    login = worker.user.email if by == "email" else worker.mobile
    response = client.post(reverse("account_login"), {"login": login, "password": base.PASSWORD})
    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == worker.user.pk


def test_small_province_is_built_once(seeded):
    skip = frozenset(r.code for r in base.base_plan().regions if r.level == "county")
    plan = province.province_plan(stations=30, staff_per_station=5, skip_counties=skip)
    townships = ServicePoint.objects.filter(kind=ServicePoint.Kind.TOWNSHIP_STATION)
    before, people = townships.count(), Person.objects.count()
    plan_write(plan, password=base.PASSWORD, figures=Figures())
    assert townships.count() == before + 30
    assert Person.objects.count() == people + 150
    zhuzhou = Person.objects.filter(region__code__startswith="4302")
    assert zhuzhou.exists()
    for person in zhuzhou:
        assert identity.parse_id_number(person.id_number)[1:] == (person.born_on, person.gender)
    assert_tree_is_consistent()
    changsha = [c.code for c in Region.objects.get(code="430100").get_children()]
    assert changsha == sorted(changsha) and "430102" in changsha and "430121" in changsha
    counts = all_counts()
    figures = Figures()
    plan_write(plan, password=base.PASSWORD, figures=figures)
    assert all_counts() == counts
    assert sum(rows for *_, rows in figures.phases) == 0


def test_plans_are_deterministic():
    assert base.base_plan() == base.base_plan()


def test_credit_code_check_characters():
    # 91350100M000100Y43, the usual GB 32100 example: organisation code check 4, code check 3.
    assert codes.organisation_code("M000100Y") == "M000100Y4"
    assert codes.credit_check_char("91350100M000100Y4") == "3"
    code = codes.credit_code(area="330106", serial=1)
    assert len(code) == 18 and code[:10] == "52330106MJ"
    assert code[-1] == codes.credit_check_char(code[:17])


def test_id_number_carries_gender_and_check_character():
    number = codes.id_number(area="532929", born_on=dt.date(1990, 5, 6), order=7, male=False)
    assert identity.parse_id_number(number) == (number, dt.date(1990, 5, 6), "F")
    assert number[:6] == "532929"
