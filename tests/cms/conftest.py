"""The public site on top of the named tree: region and station pages from the sync, the news
and station lists under the home page, and helpers for news, notices and images."""

import datetime as dt
import io

import pytest
from django.core.files.images import ImageFile
from django.utils import timezone
from PIL import Image as PILImage
from wagtail.images.models import Image
from wagtail.models import Collection

from cms.models import HomePage, NewsIndexPage, NewsPage, NoticePage, StationIndexPage
from cms.services import station_pages


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def home(db):
    return HomePage.objects.get()


@pytest.fixture
def site(tree, home):
    """Index pages under the home page and the pages of the tree's two stations."""
    news_index = home.add_child(instance=NewsIndexPage(title="新闻动态", slug="news"))
    station_index = home.add_child(instance=StationIndexPage(title="社工站", slug="stations"))
    station_pages.station_pages_sync()
    return {"news": news_index, "stations": station_index}


def news(parent, title: str, *, date: dt.date | None = None, live=True, **fields) -> NewsPage:
    page = NewsPage(title=title, date=date or timezone.localdate(), live=live, **fields)
    return parent.add_child(instance=page)


def notice(parent, title: str, *, date: dt.date | None = None, **fields) -> NoticePage:
    return parent.add_child(
        instance=NoticePage(title=title, date=date or timezone.localdate(), **fields)
    )


def image(title: str = "站点照片", collection: Collection | None = None) -> Image:
    buffer = io.BytesIO()
    PILImage.new("RGB", (64, 48), (200, 60, 40)).save(buffer, format="PNG")
    return Image.objects.create(
        title=title,
        file=ImageFile(buffer, name="photo.png"),
        collection=collection or Collection.get_first_root_node(),
    )
