"""Training fixtures: a county-A course with a run of two places and three sessions."""

import datetime as dt

import pytest
from django.utils import timezone

from accounts.roles import Role
from lms.models import Course, CourseRun, EnrolmentMode, Kind, Level, TrainingSession
from tests import factories

SHANGHAI = dt.timezone(dt.timedelta(hours=8))


def worker(tree, name: str, station=None):
    """Another worker with an account, placed at `station` (station A by default)."""
    station = station or tree.station_a
    user = factories.UserFactory()
    person = factories.PersonFactory(name=name, region=station.region, user=user)
    factories.PositionFactory(person=person, service_point=station, starts_on=dt.date(2020, 1, 1))
    factories.RoleGrantFactory(user=user, role=Role.WORKER, service_point=station)
    return person


@pytest.fixture
def trainer(tree):
    return factories.UserFactory(email="trainer@example.cn")


@pytest.fixture
def course(tree):
    return Course.objects.create(
        title="社会工作实务技巧",
        kind=Kind.PRACTICE,
        providing_level=Level.COUNTY,
        organiser_region=tree.county_a,
        region=tree.county_a,
        minutes_per_session=180,
    )


def make_run(course, *, capacity=2, mode=EnrolmentMode.OPEN, sessions=3, trainers=(), start=None):
    now = timezone.now()
    start = start or now - dt.timedelta(days=1)
    run = CourseRun.objects.create(
        course=course,
        name="第一期",
        capacity=capacity,
        enrolment_mode=mode,
        enrolment_deadline=now + dt.timedelta(days=5),
        cancellation_deadline=now + dt.timedelta(days=5),
        starts_on=timezone.localdate(start),
        ends_on=timezone.localdate(start) + dt.timedelta(days=sessions),
    )
    run.trainers.set(trainers)
    for n in range(sessions):
        TrainingSession.objects.create(
            run=run,
            starts_at=start + dt.timedelta(days=n),
            ends_at=start + dt.timedelta(days=n, hours=3),
            minutes=course.minutes_per_session,
        )
    return run


@pytest.fixture
def run(course, trainer):
    """Two places; the first session started yesterday, the others follow daily."""
    return make_run(course, trainers=[trainer])


@pytest.fixture
def station_head(tree):
    """The head of station A (approves training of station A's staff)."""
    user = factories.UserFactory(email="head@example.cn")
    person = factories.PersonFactory(name="刘站长", region=tree.town_a, user=user)
    factories.PositionFactory(
        person=person,
        service_point=tree.station_a,
        role="station_head",
        starts_on=dt.date(2020, 1, 1),
    )
    factories.RoleGrantFactory(user=user, role=Role.STATION_HEAD, service_point=tree.station_a)
    return person


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    """Evidence and material uploads go to a temporary folder, not var/media."""
    settings.MEDIA_ROOT = tmp_path / "media"
