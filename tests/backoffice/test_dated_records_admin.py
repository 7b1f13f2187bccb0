"""Entering the records regional targets read (R2, R25) in the back office: star ratings from a
review, villages covered, counties recognised, volunteer counts — within the user's scope."""

import pytest
from django.test import Client
from django.urls import reverse

from accounts.roles import Role
from audit.models import AuditEvent
from directory.models import CountyRecognition, Coverage, StarRating, VolunteerCount
from tests import factories


@pytest.fixture
def city_admin(tree):
    user = factories.UserFactory()
    factories.RoleGrantFactory(user=user, role=Role.REGION_ADMIN, region=tree.city)
    return user


@pytest.fixture
def villages(tree):
    return (
        factories.region("白沙社区", "430102001001", "village", tree.town_a),
        factories.region("青石社区", "430103001001", "village", tree.town_b),
    )


def test_r25_star_rating_entered_updates_the_station_and_is_audited(client, tree, zhang_min):
    client.force_login(zhang_min.user)
    response = client.post(
        reverse("star_ratings:add"),
        {
            "service_point": tree.station_a.pk,
            "stars": 5,
            "rated_on": "2026-06-30",
            "guide": "《湖南省乡镇（街道）社工站星级评定指南》",
        },
    )
    assert response.status_code == 302
    tree.station_a.refresh_from_db()
    assert tree.station_a.star_rating == 5
    assert AuditEvent.objects.filter(verb="star_rating.record").count() == 1


def test_r25_star_rating_for_another_countys_station_is_refused(client, tree, zhang_min):
    before = tree.station_b.star_rating
    client.force_login(zhang_min.user)
    form = client.get(reverse("star_ratings:add")).content.decode()
    assert "定王台街道社工站" in form and "坡子街街道社工站" not in form
    response = client.post(
        reverse("star_ratings:add"),
        {"service_point": tree.station_b.pk, "stars": 5, "rated_on": "2026-06-30", "guide": "x"},
    )
    assert response.status_code == 200
    assert not StarRating.objects.exists()
    tree.station_b.refresh_from_db()
    assert tree.station_b.star_rating == before


def test_r25_star_rating_out_of_range_gets_a_chinese_message(client, tree, zhang_min):
    client.force_login(zhang_min.user)
    response = client.post(
        reverse("star_ratings:add"),
        {"service_point": tree.station_a.pk, "stars": 6, "rated_on": "2026-06-30", "guide": "x"},
    )
    assert response.status_code == 200
    assert not StarRating.objects.exists()


def test_r25_a_county_cannot_name_itself_a_well_performing_county(client, tree, zhang_min):
    client.force_login(zhang_min.user)
    form = client.get(reverse("county_recognitions:add")).content.decode()
    assert "县级不能认定本县" in form
    response = client.post(
        reverse("county_recognitions:add"), {"region": tree.county_a.pk, "year": 2023}
    )
    assert response.status_code == 200
    assert not CountyRecognition.objects.exists()


def test_r25_the_city_names_its_counties(client, tree, city_admin):
    client.force_login(city_admin)
    url = reverse("county_recognitions:add")
    assert client.post(url, {"region": tree.county_a.pk, "year": 2023}).status_code == 302
    again = client.post(url, {"region": tree.county_a.pk, "year": 2023})
    assert "该县这一年度已被认定。" in again.content.decode()
    odd_year = client.post(url, {"region": tree.county_b.pk, "year": 9999})
    assert "请填写 2000 至 2100 之间的年度。" in odd_year.content.decode()
    assert CountyRecognition.objects.count() == 1


def test_r25_coverage_only_for_villages_in_scope(client, tree, zhang_min, villages):
    ours, theirs = villages
    client.force_login(zhang_min.user)
    url = reverse("coverages:add")
    form = client.get(url).content.decode()
    assert "白沙社区" in form and "青石社区" not in form
    data = {"service_point": tree.station_a.pk, "covered_from": "2026-01-01"}
    assert client.post(url, {**data, "region": theirs.pk}).status_code == 200
    assert client.post(url, {**data, "region": tree.town_a.pk}).status_code == 200
    assert not Coverage.objects.exists()
    assert client.post(url, {**data, "region": ours.pk}).status_code == 302
    assert Coverage.objects.get().region == ours


def test_r2_volunteer_count_entered_and_listed_in_scope(client, tree, zhang_min, chen_jing):
    client.force_login(zhang_min.user)
    url = reverse("volunteer_counts:add")
    data = {"service_point": tree.station_a.pk, "count": 32, "counted_on": "2026-11-30"}
    assert client.post(url, data).status_code == 302
    assert VolunteerCount.objects.get().count == 32
    other = Client()
    other.force_login(chen_jing.user)
    listing = other.get(reverse("volunteer_counts:index")).content.decode()
    assert "定王台街道社工站" not in listing
