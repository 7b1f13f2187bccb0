import datetime as dt

from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse

from supervision.models import GradeChange, SupervisorProfile


def test_admin_registers_a_supervisor_by_mobile(client, zhang_min, wang_fang, grades):
    client.force_login(zhang_min.user)
    response = client.post(
        reverse("supervision:profile_new"),
        {
            "identifier": wang_fang.mobile,
            "committee_level": "local",
            "grade": grades[0].pk,
            "starts_on": "2026-01-01",
            "specialties": "儿童社会工作",
        },
    )
    assert response.status_code == 302
    profile = SupervisorProfile.objects.get(person=wang_fang)
    assert profile.grade == grades[0]
    assert GradeChange.objects.filter(profile=profile).count() == 1


def test_admin_cannot_register_someone_outside_the_county(client, chen_jing, wang_fang, grades):
    client.force_login(chen_jing.user)
    response = client.post(
        reverse("supervision:profile_new"),
        {
            "identifier": wang_fang.id_number,
            "committee_level": "county",
            "grade": grades[0].pk,
            "starts_on": "2026-01-01",
        },
    )
    assert "找不到此人" in response.content.decode()
    assert not SupervisorProfile.objects.exists()


def test_grade_change_keeps_history(client, zhang_min, li_qiang_profile, grades):
    client.force_login(zhang_min.user)
    url = reverse("supervision:profile_grade", args=[li_qiang_profile.pk])
    assert client.post(url, {"grade": grades[4].pk, "starts_on": "2019-01-01"}).status_code == 200
    assert client.post(url, {"grade": grades[4].pk, "starts_on": "2026-07-01"}).status_code == 302
    history = list(li_qiang_profile.grade_changes.values_list("grade__name", "starts_on"))
    assert history == [("中级督导", dt.date(2020, 1, 1)), ("高级督导", dt.date(2026, 7, 1))]


def test_admin_assigns_with_reason_for_short_term(client, zhang_min, li_qiang_profile, tree):
    client.force_login(zhang_min.user)
    url = reverse("supervision:assignment_new", args=[tree.station_a.pk])
    data = {
        "supervisor": li_qiang_profile.pk,
        "mode": "resident",
        "starts_on": "2027-01-01",
        "planned_end_on": "2027-12-31",
        "term_reason": "",
    }
    response = client.post(url, data)
    assert "不足 3 年" in response.content.decode()
    assert client.post(url, {**data, "term_reason": "过渡期"}).status_code == 302
    assert li_qiang_profile.assignments.filter(term_reason="过渡期").exists()


def test_supervisors_page_shows_countdown_and_load(client, zhang_min, session):
    client.force_login(zhang_min.user)
    page = client.get(reverse("supervision:supervisors")).content.decode()
    assert "李强" in page
    assert "天" in page


def _links(user):
    request = RequestFactory().get("/")
    request.user = user
    return render_to_string("supervision/home_links.html", {"user": user, "request": request})


def test_home_links_by_role(li_qiang_profile, wang_fang, zhang_min, zhao_lei):
    supervisor = _links(li_qiang_profile.person.user)
    assert reverse("supervision:my_stations") in supervisor
    assert reverse("supervision:disputes") not in supervisor
    worker = _links(wang_fang.user)
    assert reverse("supervision:received") in worker
    assert reverse("supervision:grid") not in worker
    admin = _links(zhang_min.user)
    assert reverse("supervision:disputes") in admin
    assert reverse("supervision:my_stations") not in admin
    assert reverse("supervision:grid") in _links(zhao_lei.user)
