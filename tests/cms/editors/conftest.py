"""Editors on the named tree: the site's pages for 长沙市 (芙蓉区 = county A, 天心区 = county B) and
for a second city, 株洲市 (荷塘区); an editor of each Changsha county, Changsha's moderator and
Zhuzhou's, all made through the accounts service as the back office does."""

from types import SimpleNamespace

import pytest
from django.test import Client

from accounts import services as accounts_services
from accounts.roles import Role
from cms.models import RegionPage
from cms.services import station_pages
from tests import factories


def editor(name: str, email: str, region):
    user = factories.UserFactory(email=email, last_name=name)
    accounts_services.role_grant_create(user=user, role=Role.EDITOR, target=region, granted_by=None)
    return user


def region_page(region) -> RegionPage:
    return RegionPage.objects.get(region=region)


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def zhuzhou(tree):
    city = factories.region("株洲市", "430200", "city", tree.province)
    county = factories.region("荷塘区", "430202", "county", city)
    town = factories.region("月塘街道", "430202001", "township", county)
    station = factories.ServicePointFactory(region=town, name="月塘街道社工站")
    return SimpleNamespace(city=city, county=county, station=station)


@pytest.fixture
def pages(tree, site, zhuzhou):
    """The region pages of both cities (the site fixture synced Changsha's; Zhuzhou's now)."""
    station_pages.station_pages_sync()
    return SimpleNamespace(
        province=region_page(tree.province),
        city=region_page(tree.city),
        county_a=region_page(tree.county_a),
        county_b=region_page(tree.county_b),
        zhuzhou=region_page(zhuzhou.city),
        hetang=region_page(zhuzhou.county),
    )


@pytest.fixture
def editors(tree, zhuzhou, pages):
    return SimpleNamespace(
        a=editor("芙蓉编辑", "editor.a@example.cn", tree.county_a),
        b=editor("天心编辑", "editor.b@example.cn", tree.county_b),
        moderator=editor("长沙审核", "moderator@example.cn", tree.city),
        other_moderator=editor("株洲审核", "moderator.zz@example.cn", zhuzhou.city),
    )
