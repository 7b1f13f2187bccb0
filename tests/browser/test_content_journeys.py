"""The public site's journeys: a county editor drafts news that the city's moderator approves,
and a visitor searches in Chinese. Each page screenshotted and checked with axe-core."""

import pytest
from django.urls import reverse

from cms.models import NewsPage
from tests.browser.support import sign_in, visit

pytestmark = pytest.mark.django_db(transaction=True)


def test_editor_drafts_news_the_city_approves_and_it_reaches_the_home_page(
    page,
    live_server,
    site,
    pages,
    editors,
):
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in(page, live_server, editors.a.email)
    add = reverse("wagtailadmin_pages:add", args=["cms", "newspage", pages.county_a.pk])
    page.goto(f"{live_server.url}{add}")
    page.fill("#id_title", "芙蓉区开展社工站开放日活动")
    page.fill("#id_intro", "居民走进社工站，了解专业社会工作服务。")
    visit(page, "e1-editor-drafts-news")
    page.click("footer button.w-dropdown__toggle")
    with page.expect_navigation():
        page.click("footer button[name='action-submit']")
    news = NewsPage.objects.get(title="芙蓉区开展社工站开放日活动")
    assert not news.live and news.workflow_in_progress

    page.context.clear_cookies()
    sign_in(page, live_server, editors.moderator.email)
    page.goto(f"{live_server.url}/admin/")
    visit(page, "e2-moderator-dashboard")
    assert "芙蓉区开展社工站开放日活动" in page.inner_text("main")
    page.goto(f"{live_server.url}{reverse('wagtailadmin_pages:edit', args=[news.pk])}")
    visit(page, "e3-moderator-reviews")
    page.click("footer button.w-dropdown__toggle")
    with page.expect_navigation():  # "approve" without a comment: no modal
        page.click("footer button[data-workflow-action-name='approve'] >> nth=0")
    news.refresh_from_db()
    assert news.live

    page.context.clear_cookies()
    page.goto(f"{live_server.url}/")
    visit(page, "e4-home-with-news")
    assert "芙蓉区开展社工站开放日活动" in page.inner_text("main")


def test_visitor_searches_in_chinese_and_finds_a_station(page, live_server, site):
    page.goto(f"{live_server.url}/")
    page.fill("header input[name=q]", "王台")
    with page.expect_navigation():
        page.press("header input[name=q]", "Enter")
    visit(page, "f1-search-results")
    with page.expect_navigation():
        page.click("main a:has-text('定王台街道社工站')")
    visit(page, "f2-station-page")
    assert "定王台街道社工站" in page.inner_text("h1")
