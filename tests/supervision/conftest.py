"""Supervision fixtures on top of the named people: 李强 supervises station A (1+1) from 2024
for three years; 王芳 and 刘洋 work there; 赵磊 heads it."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from accounts.roles import Role
from supervision import services
from supervision.models import (
    CommitteeLevel,
    SessionForm,
    SupervisionSession,
    SupervisorGrade,
)
from tests import factories

SHANGHAI = ZoneInfo("Asia/Shanghai")


def at(year, month, day, hour=10, minute=0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=SHANGHAI)


@pytest.fixture
def grades(db):
    names = ["督导助理", "见习督导", "初级督导", "中级督导", "高级督导"]
    return [SupervisorGrade.objects.create(name=n, rank=i) for i, n in enumerate(names, 1)]


@pytest.fixture
def li_qiang_profile(li_qiang, grades, tree):
    return factories.linked_supervisor(
        li_qiang, tree.station_a, committee_level=CommitteeLevel.CITY
    )


@pytest.fixture
def liu_yang(tree):
    user = factories.UserFactory(email="liuyang@example.cn", last_name="刘洋")
    person = factories.PersonFactory(name="刘洋", region=tree.county_a, user=user)
    factories.PositionFactory(
        person=person, service_point=tree.station_a, starts_on=dt.date(2022, 1, 1)
    )
    factories.RoleGrantFactory(user=user, role=Role.WORKER, service_point=tree.station_a)
    return person


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


@pytest.fixture
def sun_li(tree):
    """孙丽: another worker at station A, not in the session."""
    user = factories.UserFactory(email="sunli@example.cn", last_name="孙丽")
    person = factories.PersonFactory(name="孙丽", region=tree.county_a, user=user)
    factories.PositionFactory(person=person, service_point=tree.station_a)
    factories.RoleGrantFactory(user=user, role=Role.WORKER, service_point=tree.station_a)
    return person


def log(tree, profile, supervisees, *, when=None, duration=120, **extra):
    return services.session_log(
        service_point=tree.station_a,
        supervisors=[profile],
        providing_level=extra.pop("providing_level", CommitteeLevel.CITY),
        form=extra.pop("form", SessionForm.CIRCUIT),
        started_at=when or at(2025, 5, 10),
        duration_minutes=duration,
        status=extra.pop("status", SupervisionSession.Status.HELD),
        topic=extra.pop("topic", "个案督导"),
        supervisees=supervisees,
        logged_by=profile.person.user,
        **extra,
    )


@pytest.fixture
def session(tree, li_qiang_profile, wang_fang, liu_yang):
    """A held 120-minute session: 王芳 120 minutes, 刘洋 90."""
    return log(tree, li_qiang_profile, [(wang_fang, 120), (liu_yang, 90)])


@pytest.fixture
def wang_fang_part(session, wang_fang):
    return session.supervisees.get(person=wang_fang)
