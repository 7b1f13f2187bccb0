"""Supervision's part of `manage.py seed_demo`."""

from collections import Counter
from io import StringIO

import pytest
from django.core.management import call_command

from accounts.models import RoleGrant
from accounts.roles import Role
from directory.demo import base, province
from directory.demo.build import Figures, plan_write
from directory.models import ServicePoint
from supervision import demo_seed
from supervision.models import Assignment, Supervisee, SupervisionSession, YearLock

pytestmark = pytest.mark.django_db


def seed(*args) -> str:
    out = StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


def test_demo_and_small_province():
    seed()
    modes = set(Assignment.objects.values_list("mode", flat=True))
    assert {Assignment.Mode.LINKED_EXPERT, Assignment.Mode.CHIEF, Assignment.Mode.CIRCUIT} <= modes
    chief = Assignment.objects.get(
        supervisor__person__user__email="chief.jiashan@example.cn", ended_on__isnull=True
    )
    assert chief.region.name == "嘉善县"
    for assignment in Assignment.objects.filter(ended_on__isnull=True).select_related(
        "supervisor__person"
    ):
        assert RoleGrant.objects.filter(
            user=assignment.supervisor.person.user_id,
            role=Role.SUPERVISOR,
            service_point=assignment.service_point_id,
            region=assignment.region_id,
            revoked_at__isnull=True,
        ).exists()
    assert Assignment.objects.exclude(term_reason="").exists()  # Haining's two-year term (R6)
    states = set(Supervisee.objects.values_list("state", flat=True))
    assert {"pending", "confirmed", "disputed"} <= states
    assert Supervisee.objects.filter(state="disputed").count() == 1
    statuses = set(SupervisionSession.objects.values_list("status", flat=True))
    assert statuses == {"planned", "held", "cancelled"}
    assert YearLock.objects.count() == 1
    _changsha_expert_visits_some_stations_each_quarter()
    _stations_meet_at_their_own_cadence_and_people_attend_at_their_own_rate()
    before = (SupervisionSession.objects.count(), Supervisee.objects.count())
    seed()
    assert (SupervisionSession.objects.count(), Supervisee.objects.count()) == before

    _small_province_gets_supervisors_and_two_sessions_a_week()


def _changsha_expert_visits_some_stations_each_quarter():
    """R8: city hours come from the city's expert, at the stations they visit."""
    city = SupervisionSession.objects.filter(
        supervisors__person__user__email="supervisor.changsha@example.cn"
    )
    assert set(city.values_list("providing_level", flat=True)) == {"city"}
    visits = Counter(city.values_list("service_point__region__code", flat=True))
    assert set(visits.values()) <= {4, 5}  # a year and the next month
    assert all(code.startswith("4301") for code in visits)
    townships = ServicePoint.objects.filter(
        region__code__startswith="4301", kind=ServicePoint.Kind.TOWNSHIP_STATION
    )
    assert townships.filter(region__code__in=visits).exists()
    assert townships.exclude(region__code__in=visits).exists()


def _stations_meet_at_their_own_cadence_and_people_attend_at_their_own_rate():
    county = SupervisionSession.objects.exclude(
        supervisors__person__user__email="supervisor.changsha@example.cn"
    )
    sessions = Counter(county.values_list("service_point_id", flat=True))
    assert min(sessions.values()) <= 15 and max(sessions.values()) >= 28  # 4 to 2 weeks apart
    xingsha = Supervisee.objects.filter(
        session__in=county, session__service_point__region__code="430121001"
    )
    attended = Counter(xingsha.values_list("person_id", flat=True))
    assert len(set(attended.values())) > 1


def _small_province_gets_supervisors_and_two_sessions_a_week():
    skip = frozenset(r.code for r in base.base_plan().regions if r.level == "county")
    plan = province.province_plan(stations=12, staff_per_station=3, skip_counties=skip)
    plan_write(plan, password=base.PASSWORD, figures=Figures())
    figures = Figures()
    demo_seed.seed(scale="province", figures=figures)
    province_rows = Assignment.objects.filter(
        supervisor__person__user__email__startswith="supervisor.hn"
    )
    stations = province_rows.values_list("service_point_id", flat=True)
    assert province_rows.count() >= 12
    sessions = SupervisionSession.objects.filter(service_point_id__in=stations)
    assert sessions.count() == 104 * province_rows.count()
    assert Supervisee.objects.filter(session__in=sessions).count() > 2 * sessions.count()
    assert (
        RoleGrant.objects.filter(
            user__email__startswith="supervisor.hn", service_point__in=stations
        ).count()
        == province_rows.count()
    )
    counts = (Assignment.objects.count(), SupervisionSession.objects.count())
    demo_seed.seed(scale="province", figures=figures)
    assert (Assignment.objects.count(), SupervisionSession.objects.count()) == counts
