"""Supervision's part of `manage.py seed_demo`."""

from io import StringIO

import pytest
from django.core.management import call_command

from accounts.models import RoleGrant
from accounts.roles import Role
from directory.demo import base, province
from directory.demo.build import Figures, plan_write
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
    before = (SupervisionSession.objects.count(), Supervisee.objects.count())
    seed()
    assert (SupervisionSession.objects.count(), Supervisee.objects.count()) == before

    _small_province_gets_supervisors_and_two_sessions_a_week()


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
