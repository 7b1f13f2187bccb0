import datetime as dt

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse

from accounts.roles import Role
from supervision import services
from supervision.models import GradeChange, SupervisorProfile
from tests import factories


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


def _assignment_data(profile, planned_end_on, reason=None):
    data = {
        "supervisor": profile.pk,
        "mode": "resident",
        "starts_on": "2027-01-01",
        "planned_end_on": planned_end_on,
    }
    return data if reason is None else {**data, "term_reason": reason}


def test_r6_no_suggested_term_in_hunan_no_reason_asked_no_flag(
    client, zhang_min, li_qiang_profile, tree
):
    client.force_login(zhang_min.user)
    url = reverse("supervision:assignment_new", args=[tree.station_a.pk])
    form = client.get(url).content.decode()
    assert 'name="term_reason"' not in form and "建议督导服务期" not in form
    assert client.post(url, _assignment_data(li_qiang_profile, "2027-12-31")).status_code == 302
    assert li_qiang_profile.assignments.get(starts_on=dt.date(2027, 1, 1)).term_reason == ""
    page = client.get(reverse("supervision:supervisors")).content.decode()
    assert "建议的督导服务期" not in page


@pytest.fixture
def hangzhou_admin(zhejiang):
    user = factories.UserFactory()
    factories.RoleGrantFactory(user=user, role=Role.REGION_ADMIN, region=zhejiang.hangzhou)
    return user


@pytest.fixture
def hangzhou_supervisor(zhejiang, grades):
    person = factories.PersonFactory(
        name="周杰", region=zhejiang.hangzhou, user=factories.UserFactory()
    )
    return services.supervisor_profile_create(
        person=person,
        committee_level="city",
        grade=grades[3],
        starts_on=dt.date(2020, 1, 1),
        created_by=None,
    )


def test_r6_hangzhou_term_outside_the_suggestion_is_saved_and_flagged(
    client, zhejiang, hangzhou_admin, hangzhou_supervisor
):
    client.force_login(hangzhou_admin)
    station = zhejiang.hangzhou_station
    url = reverse("supervision:assignment_new", args=[station.pk])
    form = client.get(url).content.decode()
    assert "杭州市建议督导服务期为 3–5 年（四、（四）：“建议督导服务期可设为3-5年”）" in form
    assert 'name="term_reason"' in form
    short = _assignment_data(hangzhou_supervisor, "2027-12-31", reason="")
    assert client.post(url, short).status_code == 302
    long = _assignment_data(hangzhou_supervisor, "2033-12-31", reason="项目周期")
    assert client.post(url, long).status_code == 302
    assert hangzhou_supervisor.assignments.count() == 2
    for page in (
        client.get(reverse("supervision:supervisors")).content.decode(),
        client.get(reverse("supervision:station_sessions", args=[station.pk])).content.decode(),
    ):
        assert "短于杭州市建议的督导服务期 3–5 年" in page and "未填写理由" in page
        assert "超出杭州市建议的督导服务期 3–5 年" in page and "理由：项目周期" in page
    client.force_login(hangzhou_supervisor.person.user)
    mine = client.get(reverse("supervision:my_stations")).content.decode()
    assert "超出杭州市建议的督导服务期 3–5 年" in mine


def test_r24_supervisors_page_flags_load_only_where_a_pack_sets_it(
    client, tree, zhang_min, session
):
    client.force_login(zhang_min.user)
    url = reverse("supervision:supervisors")
    assert "超负荷（" not in client.get(url).content.decode()
    factories.PolicyPackFactory(
        region=tree.city, workers_per_supervisor=1, workers_per_supervisor_source="本地选择"
    )
    assert "超负荷（长沙市：约 1 名督导对 1 名社工）" in client.get(url).content.decode()


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
