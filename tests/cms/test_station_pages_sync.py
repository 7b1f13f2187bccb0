"""The sync keeps region and station pages in step with the directory: it creates, renames,
moves and unpublishes, never deletes, and a second run changes nothing."""

import pytest
from django.core.management import call_command

from cms.models import RegionPage, StationPage
from cms.services import station_pages
from directory.models import ServicePoint
from tests import factories

pytestmark = pytest.mark.django_db


def _page(point) -> StationPage:
    return StationPage.objects.get(service_point=point)


def test_creates_region_chain_to_county_and_station_pages(tree, home):
    result = station_pages.station_pages_sync()
    assert (result.created, result.skipped) == (6, 0)  # province, city, 2 counties, 2 stations
    page = _page(tree.station_a)
    assert page.live and page.title == "定王台街道社工站"
    county = page.get_parent().specific
    assert county.region == tree.county_a and county.slug == "430102"
    assert [p.specific.region for p in county.get_ancestors().filter(depth__gt=2)] == [
        tree.province,
        tree.city,
    ]
    assert page.url == f"/430000/430100/430102/{tree.station_a.code.lower()}/"


def test_second_run_changes_nothing(tree, home):
    station_pages.station_pages_sync()
    counts = (RegionPage.objects.count(), StationPage.objects.count())
    result = station_pages.station_pages_sync()
    assert result == station_pages.SyncResult()
    assert (RegionPage.objects.count(), StationPage.objects.count()) == counts


def test_rename_keeps_editor_content_and_draft(tree, home):
    station_pages.station_pages_sync()
    page = _page(tree.station_a)
    page.intro = "我们的站点"
    page.save_revision().publish()
    page.refresh_from_db()
    page.intro = "草稿中的导语"
    page.save_revision()
    ServicePoint.objects.filter(pk=tree.station_a.pk).update(name="定王台街道社会工作服务站")
    tree.county_a.name = "芙蓉区（新）"
    tree.county_a.save()

    result = station_pages.station_pages_sync()

    assert result.renamed == 2
    page = _page(tree.station_a)
    assert page.title == "定王台街道社会工作服务站" and page.intro == "我们的站点"
    draft = page.get_latest_revision_as_object()
    assert draft.title == "定王台街道社会工作服务站" and draft.intro == "草稿中的导语"
    assert RegionPage.objects.get(region=tree.county_a).title == "芙蓉区（新）"


def test_station_moved_to_another_county_moves_its_page(tree, home):
    station_pages.station_pages_sync()
    ServicePoint.objects.filter(pk=tree.station_a.pk).update(region=tree.town_b)

    result = station_pages.station_pages_sync()

    assert result.moved == 1
    page = _page(tree.station_a)
    assert page.get_parent().specific.region == tree.county_b
    assert page.url_path.startswith("/home/430000/430100/430103/")


def test_region_code_change_changes_the_slug_and_descendant_urls(tree, home):
    station_pages.station_pages_sync()
    from directory.models import Region

    Region.objects.filter(pk=tree.county_a.pk).update(code="430199")
    station_pages.station_pages_sync()
    assert _page(tree.station_a).url.startswith("/430000/430100/430199/")


def test_station_no_longer_a_station_or_removed_is_unpublished_not_deleted(tree, home):
    station_pages.station_pages_sync()
    ServicePoint.objects.filter(pk=tree.station_a.pk).update(kind=ServicePoint.Kind.CITY_CENTRE)
    page_b = _page(tree.station_b)
    tree.station_b.delete()

    result = station_pages.station_pages_sync()

    assert result.unpublished == 2
    assert not _page(tree.station_a).live
    page_b.refresh_from_db()
    assert not page_b.live and page_b.service_point is None
    assert station_pages.station_pages_sync().unpublished == 0


def test_one_station_sync_touches_only_that_station(tree, home):
    result = station_pages.station_page_sync(service_point_id=tree.station_a.pk)
    assert result.created == 4  # province, city, county A, the station
    assert not StationPage.objects.filter(service_point=tree.station_b).exists()


def test_city_centre_gets_no_page(tree, home):
    centre = factories.ServicePointFactory(region=tree.city, kind=ServicePoint.Kind.CITY_CENTRE)
    station_pages.station_pages_sync()
    assert not StationPage.objects.filter(service_point=centre).exists()


def test_command_prints_progress(tree, home, capsys):
    call_command("sync_station_pages")
    out = capsys.readouterr().out
    assert "2/2 stations" in out and "Created 6" in out
