"""Who manages a course: a civil-affairs office's (or a station's) courses are managed by the
region administrators over that office; a training provider manages only the courses it
organises, never an office's courses in the region its grant covers."""

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from lms.models import Course, Kind, Level
from tests import factories
from tests.lms.conftest import make_run


@pytest.fixture(params=["county", "station"])
def provider_a(request, tree):
    """A training provider serving county A, granted over the county or over station A."""
    user = factories.UserFactory(email="provider-a@example.cn", last_name="芙蓉培训中心")
    target = (
        {"region": tree.county_a}
        if request.param == "county"
        else {"service_point": tree.station_a}
    )
    factories.RoleGrantFactory(user=user, role=Role.TRAINING_PROVIDER, **target)
    return user


def _course(tree, title: str, **organiser) -> Course:
    return Course.objects.create(
        title=title,
        kind=Kind.PRACTICE,
        providing_level=Level.COUNTY,
        region=tree.county_a,
        minutes_per_session=120,
        **organiser,
    )


@pytest.fixture
def courses(tree, provider_a):
    """County A's office course, station A's course and the provider's own course, a run each."""
    made = {
        "office": _course(tree, "民政局主办课程", organiser_region=tree.county_a),
        "station": _course(tree, "社工站主办课程", organiser_service_point=tree.station_a),
        "provider": _course(tree, "培训机构主办课程", organiser_provider=provider_a),
    }
    return {key: make_run(course) for key, course in made.items()}


def _urls(run):
    session = run.sessions.first()
    course = run.course_id
    return [
        ("get", reverse("lms:run_new", args=[course])),
        ("get", reverse("lms:course_materials", args=[course])),
        ("get", reverse("lms:run_detail", args=[run.pk])),
        ("get", reverse("lms:run_export", args=[run.pk])),
        ("get", reverse("lms:session_attendance", args=[session.pk])),
        ("get", reverse("lms:session_qr", args=[session.pk])),
        ("get", reverse("lms:session_import", args=[session.pk])),
        ("post", reverse("lms:run_assign", args=[run.pk])),
        ("post", reverse("lms:session_cancel", args=[session.pk])),
    ]


@pytest.mark.parametrize("office", ["office", "station"])
def test_provider_cannot_manage_an_offices_course_in_its_region(
    client, courses, provider_a, office
):
    run = courses[office]
    client.force_login(provider_a)
    for method, url in _urls(run):
        assert getattr(client, method)(url).status_code == 403, url
    assert not run.sessions.filter(cancelled=True).exists()


def test_provider_manages_its_own_course(client, courses, provider_a):
    run = courses["provider"]
    client.force_login(provider_a)
    for method, url in _urls(run):
        assert getattr(client, method)(url).status_code == (200 if method == "get" else 302), url


@pytest.mark.parametrize("office", ["office", "station"])
def test_region_admin_manages_the_offices_courses(client, courses, zhang_min, office):
    client.force_login(zhang_min.user)
    for method, url in _urls(courses[office]):
        assert getattr(client, method)(url).status_code == (200 if method == "get" else 302), url


def test_providers_list_shows_only_its_courses(client, courses, provider_a, zhang_min):
    client.force_login(provider_a)
    page = client.get(reverse("lms:manage")).content.decode()
    assert "培训机构主办课程" in page
    assert "民政局主办课程" not in page and "社工站主办课程" not in page
    client.force_login(zhang_min.user)
    page = client.get(reverse("lms:manage")).content.decode()
    assert "民政局主办课程" in page and "社工站主办课程" in page


def test_provider_whose_grant_is_revoked_no_longer_manages(client, courses, provider_a):
    provider_a.role_grants.update(revoked_at=timezone.now())
    client.force_login(provider_a)
    run = courses["provider"]
    assert client.get(reverse("lms:run_detail", args=[run.pk])).status_code in (403, 404)
    assert "培训机构主办课程" not in client.get(reverse("lms:manage")).content.decode()
