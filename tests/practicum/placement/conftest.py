"""Helpers for the placement part: applications at each stage and weekly logs. The placement of
the shared world runs from Monday 2 March to Sunday 28 June 2026; students apply before it."""

import datetime as dt

import pytest

from practicum.models import Application, WeeklyLog

BEFORE_START = dt.date(2026, 2, 20)
DURING = dt.date(2026, 4, 15)  # a Wednesday; the week of 13 April is the current one


def make_application(world, student, *, state=Application.State.PENDING, placement=None):
    accepted = state == Application.State.ACCEPTED
    return Application.objects.create(
        placement=placement or world.placement,
        student=student,
        statement="我希望参与社区养老服务。",
        state=state,
        station_decision=Application.Decision.ACCEPTED if accepted else "",
        coordinator_decision=Application.Decision.ACCEPTED if accepted else "",
    )


def make_log(application, monday, *, minutes=2400, state=WeeklyLog.State.SUBMITTED):
    return WeeklyLog.objects.create(
        application=application,
        week_starts_on=monday,
        minutes=minutes,
        activities="探访独居老人，协助开展小组活动。",
        reflection="学习了需求评估。",
        state=state,
        return_comment="请补充活动记录。" if state == WeeklyLog.State.RETURNED else "",
    )


@pytest.fixture
def pending(practicum):
    return make_application(practicum, practicum.student)


@pytest.fixture
def accepted(practicum):
    return make_application(practicum, practicum.student, state=Application.State.ACCEPTED)
