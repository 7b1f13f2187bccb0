"""The Wagtail back office follows accounts.scope: listings, forms and object pages."""

import pytest
from django.urls import reverse

from directory.models import Person, Region, ServicePoint
from tests import factories


def test_region_admin_reaches_back_office(client, zhang_min):
    client.force_login(zhang_min.user)
    assert client.get(reverse("wagtailadmin_home")).status_code == 200


@pytest.mark.parametrize("who", ["wang_fang", "li_qiang"])
def test_other_roles_are_kept_out_of_back_office(client, request, who):
    client.force_login(request.getfixturevalue(who).user)
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code in (302, 403)
    assert client.get(reverse("service_points:index")).status_code in (302, 403)


def test_django_admin_is_for_superusers_only(client, zhang_min):
    client.force_login(zhang_min.user)
    response = client.get("/django-admin/")
    assert response.status_code == 302 and "login" in response.url


def test_station_listing_is_scoped(client, tree, zhang_min):
    client.force_login(zhang_min.user)
    page = client.get(reverse("service_points:index")).content.decode()
    assert "定王台街道社工站" in page and "坡子街街道社工站" not in page


def test_station_listing_query_count_is_constant(
    client, tree, zhang_min, django_assert_max_num_queries
):
    for _ in range(25):
        factories.ServicePointFactory(
            region=tree.town_a, agency=factories.AgencyFactory(region=tree.county_a)
        )
    client.force_login(zhang_min.user)
    with django_assert_max_num_queries(40):
        assert client.get(reverse("service_points:index")).status_code == 200


@pytest.mark.parametrize("view", ["edit", "inspect"])
def test_other_countys_station_is_404(client, tree, zhang_min, view):
    client.force_login(zhang_min.user)
    response = client.get(reverse(f"service_points:{view}", args=[tree.station_b.pk]))
    assert response.status_code == 404


def test_own_station_can_be_edited(client, tree, zhang_min):
    client.force_login(zhang_min.user)
    url = reverse("service_points:edit", args=[tree.station_a.pk])
    assert client.get(url).status_code == 200
    data = {
        "code": tree.station_a.code,
        "name": "定王台街道社会工作服务站",
        "kind": ServicePoint.Kind.TOWNSHIP_STATION,
        "region": tree.town_a.pk,
        "star_rating": 4,
        "specialty": "elderly",
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[-3000:]
    tree.station_a.refresh_from_db()
    assert tree.station_a.name == "定王台街道社会工作服务站" and tree.station_a.star_rating == 4


def test_station_cannot_be_placed_outside_scope_or_at_wrong_level(client, tree, zhang_min):
    client.force_login(zhang_min.user)
    base = {"code": "NEW1", "name": "新站", "kind": ServicePoint.Kind.TOWNSHIP_STATION}
    outside = client.post(reverse("service_points:add"), {**base, "region": tree.town_b.pk})
    assert outside.status_code == 200
    wrong_level = client.post(reverse("service_points:add"), {**base, "region": tree.county_a.pk})
    assert "乡镇/街道" in wrong_level.content.decode()
    assert not ServicePoint.objects.filter(code="NEW1").exists()


def test_person_created_with_invalid_id_shows_chinese_error(client, tree, zhang_min):
    client.force_login(zhang_min.user)
    data = {
        "name": "孙丽",
        "id_number": "110105194912310021",
        "education": Person.Education.BACHELOR,
        "region": tree.county_a.pk,
    }
    response = client.post(reverse("people:add"), data)
    assert response.status_code == 200
    assert "校验码不正确" in response.content.decode()
    assert not Person.objects.filter(name="孙丽").exists()


def test_person_created_with_valid_id(client, tree, zhang_min):
    client.force_login(zhang_min.user)
    data = {
        "name": "孙丽",
        "id_number": "11010519491231002x",
        "mobile": "13700001111",
        "education": Person.Education.MASTER,
        "social_work_major": "on",
        "region": tree.county_a.pk,
    }
    response = client.post(reverse("people:add"), data)
    assert response.status_code == 302, response.content.decode()[-3000:]
    person = Person.objects.get(name="孙丽")
    assert person.gender == "F" and person.id_number == "11010519491231002X"


def test_region_is_created_under_parent_in_scope(client, tree, zhang_min):
    client.force_login(zhang_min.user)
    response = client.post(
        reverse("regions:add"),
        {"parent": tree.county_a.pk, "name": "文艺路街道", "code": "430102002"},
    )
    assert response.status_code == 302, response.content.decode()[-3000:]
    created = Region.objects.get(code="430102002")
    assert created.level == "township" and created.get_parent() == tree.county_a


def test_region_with_wrong_code_is_refused(client, tree, zhang_min):
    client.force_login(zhang_min.user)
    response = client.post(
        reverse("regions:add"),
        {"parent": tree.county_a.pk, "name": "错码街道", "code": "430103002"},
    )
    assert response.status_code == 200
    assert "上级区域的代码不一致" in response.content.decode()
    assert not Region.objects.filter(code="430103002").exists()


def test_position_edit_only_sets_end_date(client, tree, zhang_min, wang_fang):
    position = wang_fang.positions.get()
    client.force_login(zhang_min.user)
    url = reverse("positions:edit", args=[position.pk])
    response = client.post(url, {"ends_on": "2020-01-01", "service_point": tree.station_b.pk})
    assert response.status_code == 200
    assert "结束日期不能早于起始日期" in response.content.decode()
    response = client.post(url, {"ends_on": "2025-06-30", "service_point": tree.station_b.pk})
    assert response.status_code == 302
    position.refresh_from_db()
    assert str(position.ends_on) == "2025-06-30" and position.service_point == tree.station_a


def test_nothing_can_be_deleted_from_directory(client, tree, zhang_min):
    client.force_login(zhang_min.user)
    response = client.post(reverse("service_points:delete", args=[tree.station_a.pk]))
    assert response.status_code in (302, 403)
    assert ServicePoint.objects.filter(pk=tree.station_a.pk).exists()


FULL_WIDTH = str.maketrans("0123456789Xx", "０１２３４５６７８９Ｘｘ")
UNUSABLE_ID = "该身份证号无法使用，请核对或联系上级管理员。"


@pytest.fixture
def zhao_liu(tree):
    """赵六: a worker filed and placed in county B, outside 张敏's scope."""
    person = factories.PersonFactory(name="赵六", region=tree.county_b)
    factories.PositionFactory(person=person, service_point=tree.station_b)
    return person


def _new_person(tree, **changes) -> dict:
    return {
        "name": "孙丽",
        "id_number": "11010519491231002X",
        "education": Person.Education.BACHELOR,
        "region": tree.county_a.pk,
        **changes,
    }


def test_person_form_refuses_a_foreign_id_without_saying_whose(client, tree, zhang_min, zhao_liu):
    client.force_login(zhang_min.user)
    data = _new_person(tree, id_number=zhao_liu.id_number, mobile=zhao_liu.mobile)
    response = client.post(reverse("people:add"), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert UNUSABLE_ID in page and "该手机号无法使用，请核对或联系上级管理员。" in page
    for hint in ("赵六", "名下", "已登记", tree.county_b.name, tree.station_b.name):
        assert hint not in page
    assert not Person.objects.filter(name="孙丽").exists()


def test_person_form_knows_a_full_width_copy_of_an_id(client, tree, zhang_min, wang_fang):
    client.force_login(zhang_min.user)
    typed = wang_fang.id_number.translate(FULL_WIDTH)
    response = client.post(reverse("people:add"), _new_person(tree, id_number=typed))
    assert response.status_code == 200
    assert UNUSABLE_ID in response.content.decode()
    assert not Person.objects.filter(name="孙丽").exists()


def test_person_form_stores_a_full_width_id_and_mobile_in_ascii(client, tree, zhang_min):
    client.force_login(zhang_min.user)
    data = _new_person(
        tree,
        id_number="１１０１０５\u3000１９４９１２３１\u3000００２ｘ",
        mobile="１３７ ０００１ １１１１",
    )
    response = client.post(reverse("people:add"), data)
    assert response.status_code == 302
    person = Person.objects.get(name="孙丽")
    assert (person.id_number, person.mobile) == ("11010519491231002X", "13700011111")
    assert Person.objects.with_id_number("11010519491231002x").get() == person


def test_position_form_refuses_a_foreign_person_without_naming_them(
    client, tree, zhang_min, zhao_liu
):
    client.force_login(zhang_min.user)
    data = {
        "person": zhao_liu.pk,
        "service_point": tree.station_a.pk,
        "role": "resident_worker",
        "full_time": "on",
        "starts_on": "2024-01-01",
    }
    response = client.post(reverse("positions:add"), data)
    assert response.status_code == 200
    assert "赵六" not in response.content.decode()
    assert not zhao_liu.positions.filter(service_point=tree.station_a).exists()


@pytest.mark.parametrize("view", ["edit", "inspect"])
def test_person_back_office_pages_never_show_full_numbers(client, zhang_min, wang_fang, view):
    client.force_login(zhang_min.user)
    response = client.get(reverse(f"people:{view}", args=[wang_fang.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    assert wang_fang.id_number not in page and wang_fang.mobile not in page
    assert wang_fang.id_number_masked in page


def _edited_person(person, **changes) -> dict:
    return {
        "name": person.name,
        "gender": person.gender,
        "born_on": person.born_on.isoformat(),
        "education": person.education,
        "region": person.region_id,
        "id_number": "",
        "mobile": "",
        **changes,
    }


def test_person_edit_with_blank_numbers_keeps_them(client, zhang_min, wang_fang):
    client.force_login(zhang_min.user)
    data = _edited_person(wang_fang, name="王芳芳")
    response = client.post(reverse("people:edit", args=[wang_fang.pk]), data)
    assert response.status_code == 302
    person = Person.objects.get(pk=wang_fang.pk)
    assert person.name == "王芳芳"
    assert (person.id_number, person.mobile) == (wang_fang.id_number, wang_fang.mobile)


def test_person_edit_changes_or_clears_the_mobile(client, zhang_min, wang_fang):
    client.force_login(zhang_min.user)
    url = reverse("people:edit", args=[wang_fang.pk])
    assert client.post(url, _edited_person(wang_fang, mobile="13700022222")).status_code == 302
    assert Person.objects.get(pk=wang_fang.pk).mobile == "13700022222"
    assert client.post(url, _edited_person(wang_fang, mobile_clear="on")).status_code == 302
    person = Person.objects.get(pk=wang_fang.pk)
    assert person.mobile == "" and person.id_number == wang_fang.id_number
