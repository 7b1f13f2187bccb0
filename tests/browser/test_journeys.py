"""The main foundation journeys as a user makes them, on a phone-sized screen."""

import pytest

from tests.browser.support import sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_worker_signs_in_by_phone_and_sees_own_record(page, live_server, wang_fang):
    sign_in(page, live_server, wang_fang.mobile)
    assert page.url.endswith("/me/")
    assert "王芳" in page.inner_text("main")
    page.click("main a:has-text('王芳')")
    page.wait_for_url("**/directory/people/*/")
    assert wang_fang.id_number_masked in page.inner_text("main")
    page.select_option("select[name=purpose]", "own_record")
    with page.expect_navigation():
        page.click("main button:has-text('显示完整号码')")
    assert wang_fang.id_number in page.inner_text("main")
    page.goto(f"{live_server.url}/directory/stations/")
    assert "无权访问" in page.inner_text("main")


def test_county_admin_browses_stations_and_people(
    page, live_server, zhang_min, wang_fang, chen_jing
):
    sign_in(page, live_server, "zhangmin@example.cn")
    assert "/quotas/regions/" in page.url  # an administrator lands on their region
    page.click("header a:has-text('常用功能')")
    page.click("main a:has-text('服务站点')")
    assert "定王台街道社工站" in page.inner_text("main")
    assert "坡子街街道社工站" not in page.inner_text("main")
    page.click("main a:has-text('定王台街道社工站')")
    assert "王芳" in page.inner_text("main")
    page.goto(f"{live_server.url}/admin/")
    assert "组织与人员" in page.content()


def test_language_switch_to_english(page, live_server, zhang_min):
    sign_in(page, live_server, "zhangmin@example.cn")
    page.select_option("select[name=language]", "en")
    with page.expect_navigation():
        page.click("form.lang button[type=submit]")
    assert "My workspace" in page.inner_text("header")
