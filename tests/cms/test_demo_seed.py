"""The site's demo seed is idempotent and its reset removes what it added."""

import pytest

from cms import demo_seed
from cms.models import NewsPage, NoticeAttachment, NoticePage, RegionPage, StationPage
from directory.demo.build import Figures

pytestmark = pytest.mark.django_db


def test_seed_twice_then_reset(client, tree):
    demo_seed.seed(scale="demo", figures=Figures())
    counts = [m.objects.count() for m in (NewsPage, NoticePage, StationPage, RegionPage)]
    assert counts == [3, 2, 2, 4]
    assert NoticeAttachment.objects.count() == 1
    demo_seed.seed(scale="demo", figures=Figures())
    assert [m.objects.count() for m in (NewsPage, NoticePage, StationPage, RegionPage)] == counts
    home = client.get("/").content.decode()
    assert "全市社工站督导工作推进会召开" in home and "月度工作报表" in home
    assert "定王台街道社工站" in client.get("/stations/").content.decode()

    demo_seed.reset()

    assert [m.objects.count() for m in (NewsPage, NoticePage, StationPage, RegionPage)] == [
        0,
        0,
        0,
        0,
    ]
    assert client.get("/news/").status_code == 404
