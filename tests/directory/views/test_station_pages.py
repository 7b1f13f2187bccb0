import pytest
from django.urls import reverse

from accounts.roles import Role
from tests import factories


def test_county_admin_lists_own_stations(client, tree, zhang_min):
    client.force_login(zhang_min.user)
    response = client.get(reverse("directory:station_list"))
    assert response.status_code == 200
    assert "定王台街道社工站" in response.content.decode()
    assert "坡子街街道社工站" not in response.content.decode()


def test_station_list_filters_by_name(client, tree, zhang_min):
    client.force_login(zhang_min.user)
    response = client.get(reverse("directory:station_list"), {"q": "不存在"})
    assert "没有符合条件的服务站点" in response.content.decode()


def test_station_list_query_count_does_not_grow(
    client, tree, zhang_min, django_assert_max_num_queries
):
    for _ in range(30):
        point = factories.ServicePointFactory(region=tree.town_a)
        factories.PositionFactory(
            person=factories.PersonFactory(region=tree.county_a), service_point=point
        )
    client.force_login(zhang_min.user)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("directory:station_list"))
    assert response.status_code == 200
    assert response.content.decode().count("<tr>") == 31 + 1  # stations + header


def test_station_detail_shows_current_staff(client, tree, zhang_min, wang_fang):
    client.force_login(zhang_min.user)
    response = client.get(reverse("directory:station_detail", args=[tree.station_a.pk]))
    assert response.status_code == 200
    assert "王芳" in response.content.decode()


@pytest.mark.parametrize(("who", "status"), [("chen_jing", 404), ("wang_fang", 403)])
def test_station_detail_refuses_wrong_user(client, request, tree, who, status):
    client.force_login(request.getfixturevalue(who).user)
    response = client.get(reverse("directory:station_detail", args=[tree.station_a.pk]))
    assert response.status_code == status


def test_worker_gets_403_on_station_list(client, wang_fang):
    client.force_login(wang_fang.user)
    assert client.get(reverse("directory:station_list")).status_code == 403


def test_user_without_grants_gets_403(client, tree):
    client.force_login(factories.UserFactory())
    assert client.get(reverse("directory:station_list")).status_code == 403


def test_anonymous_is_sent_to_login(client, tree):
    response = client.get(reverse("directory:station_detail", args=[tree.station_a.pk]))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_station_head_sees_own_station_only(client, tree):
    head = factories.UserFactory()
    factories.RoleGrantFactory(user=head, role=Role.STATION_HEAD, service_point=tree.station_a)
    client.force_login(head)
    assert (
        client.get(reverse("directory:station_detail", args=[tree.station_a.pk])).status_code == 200
    )
    assert (
        client.get(reverse("directory:station_detail", args=[tree.station_b.pk])).status_code == 404
    )
