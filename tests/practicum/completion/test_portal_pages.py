"""Published placements on Wagtail pages (R15): a listing page with the "placements" source and
the host station's page; drafts and names stay off both."""

from cms.models import HomePage, ListingPage, StationIndexPage, StationPage
from cms.services import station_pages
from practicum.models import Placement


def test_listing_page_lists_published_placements(client, practicum):
    home = HomePage.objects.get()
    page = home.add_child(
        instance=ListingPage(title="实习岗位", slug="placements", source="placements")
    )
    text = client.get(page.url).content.decode()
    assert "社区养老服务实习" in text and "刘督导" not in text
    practicum.placement.status = Placement.Status.CLOSED
    practicum.placement.save()
    assert "社区养老服务实习" not in client.get(page.url).content.decode()


def test_station_page_lists_its_published_placements(client, practicum):
    home = HomePage.objects.get()
    home.add_child(instance=StationIndexPage(title="社工站", slug="stations"))
    station_pages.station_pages_sync()
    station_a = StationPage.objects.get(service_point=practicum.tree.station_a)
    station_b = StationPage.objects.get(service_point=practicum.tree.station_b)
    assert "社区养老服务实习" in client.get(station_a.url).content.decode()
    assert "社区养老服务实习" not in client.get(station_b.url).content.decode()
