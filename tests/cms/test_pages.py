"""The public pages: home, news, notices, station list and station page, for anonymous
visitors, with constant query counts and no personal data beyond supervisors' names."""

import datetime as dt

import pytest
from django.utils import timezone

from cms.models import NoticeAttachment, RegionPage, StationPage
from lms.models import Attendance
from supervision import services as supervision_services
from supervision.models import (
    Assignment,
    CommitteeLevel,
    SessionForm,
    SupervisionSession,
    SupervisorGrade,
)
from tests import factories
from tests.cms.conftest import image, news, notice
from tests.lms.conftest import make_run

pytestmark = pytest.mark.django_db


def test_home_shows_notices_news_figures_and_entry_points(
    client, site, home, django_assert_max_num_queries
):
    today = timezone.localdate()
    for n in range(8):
        news(site["news"], f"新闻{n}", date=today - dt.timedelta(days=n))
    notice(site["news"], "过期通知", valid_until=today - dt.timedelta(days=1))
    notice(site["news"], "年度培训通知", valid_until=today)
    with django_assert_max_num_queries(25):
        response = client.get("/")
    page = response.content.decode()
    assert response.status_code == 200
    assert "年度培训通知" in page and "过期通知" not in page
    assert "新闻0" in page and "新闻5" in page and "新闻6" not in page
    assert "/verify/" in page and "/stations/" in page


def test_home_figures_are_cached(client, site, django_assert_max_num_queries):
    client.get("/")
    factories.ServicePointFactory(region=site and RegionPage.objects.first().region)
    with django_assert_max_num_queries(25):
        assert client.get("/").status_code == 200


def test_news_index_lists_site_news_newest_first_paginated(
    client, site, tree, django_assert_max_num_queries
):
    today = timezone.localdate()
    county_page = RegionPage.objects.get(region=tree.county_a)
    news(county_page, "县级新闻", date=today, cover_image=image())
    for n in range(30):
        news(site["news"], f"全市新闻{n:02d}", date=today - dt.timedelta(days=n + 1))
    news(site["news"], "未发布的新闻", live=False)
    with django_assert_max_num_queries(20):
        response = client.get("/news/")
    page = response.content.decode()
    assert page.index("县级新闻") < page.index("全市新闻00") < page.index("全市新闻10")
    assert "未发布的新闻" not in page and "全市新闻11" not in page
    assert "/images/" in page and "/media/" not in page
    assert "全市新闻11" in client.get("/news/?page=2").content.decode()


def test_news_page_names_its_region_and_has_seo_tags(client, site, tree):
    county_page = RegionPage.objects.get(region=tree.county_a)
    item = news(county_page, "芙蓉区社工站开放日", seo_title="开放日", search_description="摘要")
    page = client.get(item.url).content.decode()
    assert "<title>开放日 ·" in page and '<meta name="description" content="摘要">' in page
    assert 'class="breadcrumbs"' in page and "芙蓉区" in page


def test_draft_is_not_visible_and_unknown_path_is_the_chinese_404(client, site):
    draft = news(site["news"], "草稿新闻", live=False)
    assert client.get(draft.url_path.removeprefix("/home")).status_code == 404
    response = client.get("/no-such-page/")
    assert response.status_code == 404 and "页面不存在" in response.content.decode()


def test_notice_lists_its_attachments(client, site):
    from django.core.files.base import ContentFile
    from wagtail.documents.models import Document

    document = Document.objects.create(title="报名表", file=ContentFile(b"%PDF-1.4", name="a.pdf"))
    item = notice(site["news"], "关于报名的通知")
    NoticeAttachment.objects.create(page=item, document=document)
    response = client.get(item.url)
    assert "报名表" in response.content.decode() and "/documents/" in response.content.decode()


@pytest.fixture
def supervised(tree, wang_fang, li_qiang):
    """李强 links to station A from a year ago; a held session and a training attendance of
    王芳 in the last twelve months, and a session more than a year ago."""
    today = timezone.localdate()
    grade, _ = SupervisorGrade.objects.get_or_create(name="中级督导", defaults={"rank": 4})
    profile = supervision_services.supervisor_profile_create(
        person=li_qiang,
        committee_level=CommitteeLevel.CITY,
        grade=grade,
        starts_on=dt.date(2020, 1, 1),
        created_by=None,
    )
    supervision_services.assignment_create(
        supervisor=profile,
        target=tree.station_a,
        mode=Assignment.Mode.LINKED_EXPERT,
        starts_on=today - dt.timedelta(days=730),
        planned_end_on=today + dt.timedelta(days=3 * 365),
        created_by=None,
    )
    for days in (30, 400):
        supervision_services.session_log(
            service_point=tree.station_a,
            supervisors=[profile],
            providing_level=CommitteeLevel.CITY,
            form=SessionForm.CIRCUIT,
            started_at=timezone.now() - dt.timedelta(days=days),
            duration_minutes=120,
            status=SupervisionSession.Status.HELD,
            topic="个案督导",
            supervisees=[(wang_fang, 120)],
            logged_by=None,
        )
    from lms.models import Course, Kind, Level

    course = Course.objects.create(
        title="实务培训",
        kind=Kind.PRACTICE,
        providing_level=Level.COUNTY,
        organiser_region=tree.county_a,
        region=tree.county_a,
        minutes_per_session=180,
    )
    run = make_run(course, start=timezone.now() - dt.timedelta(days=10))
    for session in run.sessions.all()[:2]:
        Attendance.objects.create(
            session=session, person=wang_fang, method="checklist", marked_by=li_qiang.user
        )
    return profile


def test_station_page_shows_live_facts_without_worker_data(
    client, site, tree, wang_fang, supervised, django_assert_max_num_queries
):
    page = StationPage.objects.get(service_point=tree.station_a)
    with django_assert_max_num_queries(30):  # Wagtail's routing reads one page per URL part
        response = client.get(page.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "湖南省 › 长沙市 › 芙蓉区 › 定王台街道" in html
    assert "李强 · 一站一专家（1+1）" in html
    assert "1 人" in html and "1 次" in html and "2 人次" in html
    assert "王芳" not in html and wang_fang.id_number not in html
    assert wang_fang.mobile not in html or not wang_fang.mobile


def test_station_page_query_count_does_not_grow(client, site, tree, django_assert_max_num_queries):
    for n in range(20):
        worker = factories.PersonFactory(name=f"社工{n}", region=tree.county_a)
        factories.PositionFactory(person=worker, service_point=tree.station_a)
    page = StationPage.objects.get(service_point=tree.station_a)
    with django_assert_max_num_queries(30):
        assert "20 人" in client.get(page.url).content.decode()


def test_station_index_filters_by_county_and_name(
    client, site, tree, django_assert_max_num_queries
):
    from cms.services import station_pages

    for n in range(30):
        factories.ServicePointFactory(region=tree.town_a, name=f"芙蓉社工室{n:02d}")
    station_pages.station_pages_sync()
    county_b = RegionPage.objects.get(region=tree.county_b)
    with django_assert_max_num_queries(20):
        response = client.get("/stations/")
    html = response.content.decode()
    assert response.status_code == 200 and "定王台街道社工站" in html and "下一页" in html
    only_b = client.get(f"/stations/?county={county_b.pk}").content.decode()
    assert "坡子街街道社工站" in only_b and "定王台街道社工站" not in only_b
    found = client.get("/stations/?q=定王台").content.decode()
    assert "定王台街道社工站" in found and "坡子街街道社工站" not in found
    assert client.get("/stations/?county=abc&page=x").status_code == 200
