import pytest
from django.urls import reverse

from accounts.roles import Role
from lms.models import Course, CourseRun, Enrolment
from tests import factories


@pytest.fixture
def provider(tree):
    user = factories.UserFactory(email="provider@example.cn")
    factories.RoleGrantFactory(user=user, role=Role.TRAINING_PROVIDER, region=tree.city)
    return user


COURSE = {
    "title": "政策解读",
    "kind": "policy",
    "providing_level": "county",
    "minutes_per_session": "120",
}


def test_admin_creates_course_as_office_then_run(client, tree, zhang_min, trainer):
    client.force_login(zhang_min.user)
    response = client.post(reverse("lms:course_new"), {**COURSE, "organiser": tree.county_a.pk})
    course = Course.objects.get()
    assert response.status_code == 302 and course.organiser_region == tree.county_a
    data = {
        "name": "一期",
        "capacity": "20",
        "enrolment_mode": "open",
        "enrolment_deadline": "2026-12-01T18:00",
        "cancellation_deadline": "2026-12-01T18:00",
        "completion_percent": "80",
        "starts_on": "2026-12-03",
        "ends_on": "2026-12-04",
        "sessions": "2026-12-03 09:00-11:00\n2026-12-04 14:00-16:00",
        "trainer_emails": "trainer@example.cn",
    }
    client.post(reverse("lms:run_new", args=[course.pk]), data)
    run = CourseRun.objects.get()
    assert [s.minutes for s in run.sessions.all()] == [120, 120]
    assert list(run.trainers.all()) == [trainer]
    bad = client.post(reverse("lms:run_new", args=[course.pk]), {**data, "sessions": "明天上午"})
    assert "格式不对" in bad.content.decode()


def test_provider_creates_course_as_provider(client, tree, provider):
    client.force_login(provider)
    client.post(reverse("lms:course_new"), {**COURSE, "organiser": tree.city.pk})
    course = Course.objects.get()
    assert course.organiser_provider == provider and course.region == tree.city


@pytest.mark.parametrize(("who", "status"), [("chen_jing", 404), ("wang_fang", 403)])
def test_run_new_refuses_wrong_user(client, request, course, who, status):
    client.force_login(request.getfixturevalue(who).user)
    assert client.get(reverse("lms:run_new", args=[course.pk])).status_code == status


def test_course_new_refuses_workers(client, wang_fang):
    client.force_login(wang_fang.user)
    assert client.get(reverse("lms:course_new")).status_code == 403
    client.logout()
    assert "/accounts/login/" in client.get(reverse("lms:course_new"))["Location"]


def test_admin_assigns_by_id_number_trainer_may_not(client, run, wang_fang, zhang_min, trainer):
    url = reverse("lms:run_assign", args=[run.pk])
    client.force_login(trainer)
    assert client.post(url, {"id_number": wang_fang.id_number}).status_code == 403
    client.force_login(zhang_min.user)
    client.post(url, {"id_number": wang_fang.id_number})
    assert Enrolment.objects.get().assigned
