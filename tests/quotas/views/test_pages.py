import pytest
from django.urls import reverse

from accounts.roles import Role
from tests import factories


def test_worker_sees_own_progress(client, hunan, wang_fang, credit):
    credit(wang_fang, 14 * 60, level="county")
    client.force_login(wang_fang.user)
    page = client.get(reverse("quotas:mine"), {"year": "2025"}).content.decode()
    assert "县级培训：已完成 14.0/40.0 小时" in page and "R12" in page


def test_user_without_person_gets_403(client, db):
    client.force_login(factories.UserFactory())
    assert client.get(reverse("quotas:mine")).status_code == 403


def test_anonymous_goes_to_login(client, db):
    assert client.get(reverse("quotas:mine")).status_code == 302


def test_station_grid_for_head_and_admin(client, hunan, tree, wang_fang, zhang_min):
    head = factories.UserFactory()
    factories.RoleGrantFactory(user=head, role=Role.STATION_HEAD, service_point=tree.station_a)
    for user in (head, zhang_min.user):
        client.force_login(user)
        page = client.get(reverse("quotas:station", args=[tree.station_a.pk]))
        assert page.status_code == 200
        assert "王芳" in page.content.decode() and "县级督导" in page.content.decode()


@pytest.mark.parametrize(
    ("who", "status"), [("chen_jing", 404), ("wang_fang", 403), ("li_qiang", 403)]
)
def test_station_grid_refuses_wrong_user(client, request, hunan, tree, who, status):
    client.force_login(request.getfixturevalue(who).user)
    assert client.get(reverse("quotas:station", args=[tree.station_a.pk])).status_code == status


def test_bad_year_falls_back_to_this_year(client, hunan, wang_fang):
    client.force_login(wang_fang.user)
    assert client.get(reverse("quotas:mine"), {"year": "abc"}).status_code == 200


def test_progress_chart_follows_the_months(client, hunan, wang_fang, credit):
    import datetime as dt

    credit(wang_fang, 20 * 60, level="county", on=dt.date(2025, 3, 10))
    credit(wang_fang, 20 * 60, level="county", on=dt.date(2025, 9, 10))
    client.force_login(wang_fang.user)
    page = client.get(reverse("quotas:mine"), {"year": "2025"}).content.decode()
    # 40 h owed: half by March, all by September, on a 60-pixel-high chart
    assert 'points="0,60 20,60 40,60 60,30 80,30 100,30 120,30 140,30 160,30 180,0' in page


def test_station_grid_query_count_does_not_grow(
    client, hunan, tree, zhang_min, credit, django_assert_max_num_queries
):
    for _ in range(15):
        person = factories.PersonFactory(region=tree.county_a)
        factories.PositionFactory(person=person, service_point=tree.station_a)
        credit(person, 60, level="county")
    client.force_login(zhang_min.user)
    with django_assert_max_num_queries(30):
        response = client.get(reverse("quotas:station", args=[tree.station_a.pk]))
    assert response.status_code == 200
