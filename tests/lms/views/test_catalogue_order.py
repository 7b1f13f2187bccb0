"""The catalogue shows a learner first what they may enrol in, nearest region first (their
county, city, province, then elsewhere); a toggle shows every run, those open to them first."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from lms.models import Course, EnrolmentMode, Kind, Level
from lms.services import enrolment
from tests import factories
from tests.lms.conftest import make_run


def course_in(region, title, **audience):
    course = Course.objects.create(
        title=title,
        kind=Kind.PRACTICE,
        providing_level=Level.COUNTY,
        organiser_region=region,
        region=region,
        minutes_per_session=60,
        audience_roles=audience.get("roles", []),
    )
    course.audience_regions.set(audience.get("regions", []))
    return course


def run_of(course, *, days, **options):
    return make_run(course, sessions=1, start=timezone.now() + dt.timedelta(days=days), **options)


@pytest.fixture
def runs(tree, wang_fang):
    """Open runs at every distance (the nearest starting last), and runs closed to 王芳."""
    elsewhere = factories.region("浙江省", "330000", "province")
    named = {
        "county": run_of(course_in(tree.county_a, "本区课程"), days=20),
        "city": run_of(course_in(tree.city, "本市课程"), days=15),
        "province": run_of(course_in(tree.province, "本省课程"), days=10),
        "elsewhere": run_of(course_in(elsewhere, "外省课程"), days=5),
        "assigned": run_of(
            course_in(tree.county_a, "指派课程"), days=2, mode=EnrolmentMode.ASSIGNED
        ),
        "other_county": run_of(
            course_in(tree.county_b, "他区课程", regions=[tree.county_b]), days=3
        ),
        "heads_only": run_of(course_in(tree.county_a, "站长课程", roles=["station_head"]), days=4),
        "enrolled": run_of(course_in(tree.county_a, "已报课程"), days=6),
    }
    enrolment.enrolment_create(run=named["enrolled"], person=wang_fang, user=wang_fang.user)
    return named


def listed(client, user, **params):
    client.force_login(user)
    response = client.get(reverse("lms:catalogue"), params)
    assert response.status_code == 200
    return [run.pk for run in response.context["page"].object_list]


def test_by_default_a_learner_sees_what_they_may_enrol_in_nearest_first(client, runs, wang_fang):
    expected = [runs[key].pk for key in ("county", "city", "province", "elsewhere")]
    assert listed(client, wang_fang.user) == expected


def test_the_toggle_shows_every_run_those_open_first(client, runs, wang_fang):
    shown = listed(client, wang_fang.user, show="all")
    open_first = [runs[key].pk for key in ("county", "city", "province", "elsewhere")]
    assert shown[:4] == open_first
    closed = {runs[key].pk for key in ("assigned", "other_county", "heads_only", "enrolled")}
    assert set(shown[4:]) == closed


def test_the_audience_role_opens_a_run_to_those_who_hold_it(client, runs, tree):
    user = factories.UserFactory()
    head = factories.PersonFactory(region=tree.county_a, user=user)
    factories.PositionFactory(person=head, service_point=tree.station_a, role="station_head")
    assert runs["heads_only"].pk in listed(client, user)


def test_filters_apply_to_what_is_open(client, runs, wang_fang):
    assert listed(client, wang_fang.user, q="本省") == [runs["province"].pk]


def test_an_account_without_a_person_sees_every_run_soonest_first(client, runs):
    client.force_login(factories.UserFactory())
    response = client.get(reverse("lms:catalogue"))
    shown = [run.pk for run in response.context["page"].object_list]
    assert shown[0] == runs["assigned"].pk and len(shown) == len(runs)
    assert "只看我可报名的" not in response.content.decode()


def test_the_open_list_is_paginated(client, tree, wang_fang):
    course = course_in(tree.county_a, "系列课程")
    for n in range(55):
        run_of(course, days=1 + n)
    assert len(listed(client, wang_fang.user)) == 50
    assert len(listed(client, wang_fang.user, page="2")) == 5


@pytest.mark.parametrize("n", [3, 30])
def test_catalogue_queries_do_not_grow(client, tree, wang_fang, n, django_assert_max_num_queries):
    for i in range(n):
        run_of(course_in(tree.county_a if i % 2 else tree.city, f"课程{i}"), days=1 + i)
    client.force_login(wang_fang.user)
    for show in ("open", "all"):
        with django_assert_max_num_queries(12):
            assert client.get(reverse("lms:catalogue"), {"show": show}).status_code == 200
