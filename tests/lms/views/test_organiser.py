import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
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
    full_width = wang_fang.id_number.translate(
        str.maketrans("0123456789X", "０１２３４５６７８９ｘ")
    )
    client.post(url, {"id_number": full_width})
    assert Enrolment.objects.get().assigned


def test_assigning_someone_outside_the_admins_scope_names_no_one(
    client, tree, run, zhang_min, chen_jing
):
    client.force_login(zhang_min.user)
    url = reverse("lms:run_assign", args=[run.pk])
    page = client.post(url, {"id_number": chen_jing.id_number}, follow=True).content.decode()
    assert "找不到该身份证号对应的人员" in page and "陈静" not in page
    assert not Enrolment.objects.exists()


def test_materials_added_by_organiser(client, course, zhang_min):
    url = reverse("lms:course_materials", args=[course.pk])
    client.force_login(zhang_min.user)
    client.post(url, {"title": "讲义", "file": SimpleUploadedFile("讲义.pdf", b"%PDF-1")})
    client.post(url, {"title": "回放", "url": "https://example.cn/v/1"})
    bad = client.post(url, {"title": "病毒", "file": SimpleUploadedFile("x.exe", b"MZ")})
    assert "只能是" in bad.content.decode()
    assert sorted(course.materials.values_list("title", flat=True)) == ["回放", "讲义"]
    page = client.get(reverse("lms:course_detail", args=[course.pk])).content.decode()
    assert "讲义" in page and "https://example.cn/v/1" in page


@pytest.mark.parametrize(("who", "status"), [("chen_jing", 404), ("wang_fang", 403)])
def test_materials_refuse_wrong_user(client, request, course, who, status):
    client.force_login(request.getfixturevalue(who).user)
    assert client.get(reverse("lms:course_materials", args=[course.pk])).status_code == status
