import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from quotas.selectors import dashboards
from tests import factories

MID_2025 = dt.date(2025, 7, 2)


@pytest.fixture
def staffed(hunan, tree, wang_fang, credit):
    """Station A: 王芳 with 40 county hours (met); three colleagues at 5 hours (behind).
    Station B (county B): one worker."""
    credit(wang_fang, 40 * 60, level="county")
    for n in range(3):
        person = factories.PersonFactory(region=tree.county_a, name=f"同事{n}")
        factories.PositionFactory(person=person, service_point=tree.station_a)
        credit(person, 5 * 60, level="county")
    other = factories.PersonFactory(region=tree.county_b, name="外县社工")
    factories.PositionFactory(person=other, service_point=tree.station_b)
    return tree


def test_county_dashboard_counts_people_meeting_each_rule(staffed):
    board = dashboards.region_dashboard(region=staffed.county_a, year=2025, today=MID_2025)
    assert board.people == 4
    county_training = next(r for r in board.rules if r.code == "worker-county-training")
    tally = board.totals[county_training.pk]
    assert (tally.counts["met"], tally.total, tally.met_percent) == (1, 4, 25)
    assert [row.name for row in board.rows] == ["定王台街道社工站"]


def test_city_dashboard_groups_by_county(staffed):
    board = dashboards.region_dashboard(region=staffed.city, year=2025, today=MID_2025)
    assert board.people == 5
    assert sorted(row.name for row in board.rows) == ["天心区", "芙蓉区"]


def _dashboard_queries(region) -> int:
    with CaptureQueriesContext(connection) as context:
        dashboards.region_dashboard(region=region, year=2025, today=MID_2025)
    return len(context.captured_queries)


def _add_stations(staffed, credit, count: int) -> None:
    for _ in range(count):
        station = factories.ServicePointFactory(region=staffed.county_a)
        person = factories.PersonFactory(region=staffed.county_a)
        factories.PositionFactory(person=person, service_point=station)
        credit(person, 60, level="city")


def test_dashboard_query_count_does_not_grow(staffed, credit):
    """With clean rollups: the stale check (two queries), the region's and its sub-regions'
    tallies, the worst stations and the rule book's version, whatever the number of people and
    stations. Counting stale stations again takes the same bulk queries for one or thirty."""
    _dashboard_queries(staffed.city)  # the rule book is loaded once per process
    before = _dashboard_queries(staffed.city)
    _add_stations(staffed, credit, 1)
    one_recounted = _dashboard_queries(staffed.city)
    _add_stations(staffed, credit, 30)
    assert _dashboard_queries(staffed.city) == one_recounted
    assert _dashboard_queries(staffed.city) == before <= 5


def test_region_page_for_county_admin(client, staffed, zhang_min):
    client.force_login(zhang_min.user)
    page = client.get(reverse("quotas:region", args=[staffed.county_a.pk]), {"year": "2025"})
    assert page.status_code == 200
    assert "定王台街道社工站" in page.content.decode() and "25%" in page.content.decode()
    roots = client.get(reverse("quotas:regions")).content.decode()
    assert "芙蓉区" in roots


@pytest.mark.parametrize(
    ("who", "status"), [("chen_jing", 404), ("wang_fang", 404), ("li_qiang", 404)]
)
def test_region_page_refuses_wrong_user(client, request, staffed, who, status):
    client.force_login(request.getfixturevalue(who).user)
    assert client.get(reverse("quotas:region", args=[staffed.county_a.pk])).status_code == status


def test_region_list_is_for_administrators(client, wang_fang):
    client.force_login(wang_fang.user)
    assert client.get(reverse("quotas:regions")).status_code == 403


def test_region_page_query_count(client, staffed, zhang_min, django_assert_max_num_queries):
    """With the rollups clean (the first read counted the stations)."""
    client.force_login(zhang_min.user)
    url = reverse("quotas:region", args=[staffed.county_a.pk])
    client.get(url, {"year": "2025"})
    with django_assert_max_num_queries(22):
        client.get(url, {"year": "2025"})


def test_station_head_gets_403_on_the_township_dashboard(client, staffed):
    from accounts.roles import Role

    head = factories.UserFactory()
    factories.RoleGrantFactory(user=head, role=Role.STATION_HEAD, service_point=staffed.station_a)
    client.force_login(head)
    assert client.get(reverse("quotas:region", args=[staffed.town_a.pk])).status_code == 403


def test_excel_export_has_the_same_numbers(client, staffed, zhang_min):
    import io

    import openpyxl

    client.force_login(zhang_min.user)
    response = client.get(
        reverse("quotas:region_export", args=[staffed.county_a.pk]), {"year": "2025"}
    )
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    header = [cell.value for cell in sheet[2]]
    total = [cell.value for cell in sheet[3]]
    column = header.index("县级培训 达标人数")
    assert total[column : column + 3] == [1, 4, 25]


def test_excel_export_is_scoped(client, staffed, chen_jing):
    client.force_login(chen_jing.user)
    url = reverse("quotas:region_export", args=[staffed.county_a.pk])
    assert client.get(url).status_code == 404


def test_station_rules_are_tallied_over_stations(staffed):
    board = dashboards.region_dashboard(region=staffed.county_a, year=2023, today=MID_2025)
    share = next(r for r in board.rules if r.code == "station-certified-share")
    assert share.pk in board.station_rules
    tally = board.totals[share.pk]
    assert (tally.counts["met"], tally.total) == (
        1,
        1,
    )  # station A: every worker studied social work
    assert all(r.code != "station-service-time-share" for r in board.rules)  # no reports yet: n/a
