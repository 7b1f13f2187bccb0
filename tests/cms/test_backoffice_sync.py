"""A service point created or edited in the back office updates its public page at once,
through directory.services.service_point_save (audited)."""

import pytest
from django.urls import reverse

from audit.models import AuditEvent
from cms.models import StationPage
from directory.models import ServicePoint

pytestmark = pytest.mark.django_db


def _data(tree, **changes):
    data = {
        "code": tree.station_a.code,
        "name": tree.station_a.name,
        "kind": ServicePoint.Kind.TOWNSHIP_STATION,
        "region": tree.town_a.pk,
        "star_rating": 3,
    }
    return {**data, **changes}


def test_edit_renames_the_station_page(client, site, tree, zhang_min):
    client.force_login(zhang_min.user)
    url = reverse("service_points:edit", args=[tree.station_a.pk])
    response = client.post(url, _data(tree, name="定王台街道社会工作服务站"))
    assert response.status_code == 302
    assert StationPage.objects.get(service_point=tree.station_a).title == "定王台街道社会工作服务站"
    event = AuditEvent.objects.get(verb="service_point.edit")
    assert event.before["name"] == "定王台街道社工站"
    assert event.after["name"] == "定王台街道社会工作服务站"


def test_create_adds_a_published_page(client, site, tree, zhang_min):
    client.force_login(zhang_min.user)
    response = client.post(reverse("service_points:add"), _data(tree, code="NEW1", name="新站"))
    assert response.status_code == 302
    page = StationPage.objects.get(service_point__code="NEW1")
    assert page.live and page.get_parent().specific.region == tree.county_a
    assert client.get(page.url).status_code == 200


def test_other_countys_station_cannot_be_edited(client, site, tree, zhang_min):
    client.force_login(zhang_min.user)
    url = reverse("service_points:edit", args=[tree.station_b.pk])
    assert client.post(url, _data(tree, name="改名")).status_code == 404
    assert StationPage.objects.get(service_point=tree.station_b).title == "坡子街街道社工站"
