"""The portal's journeys (issue list of the Wagtail portal), each page screenshotted under
var/screenshots/ and checked with axe-core for serious or critical violations."""

from pathlib import Path

import pytest
from django.conf import settings

from cms.services import policy_library
from quotas.services import policy_packs
from tests.browser.support import sign_in, visit

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def hunan_library(home):
    folder = Path(settings.POLICY_SEEDS_DIR)
    if not folder.is_dir():
        pytest.skip(f"policy documents not found at {folder}")
    policy_packs.policy_pack_load(name="hunan")
    policy_library.policy_documents_import(folder=folder)


def test_county_admin_follows_a_rule_to_its_clause_and_drills_down(
    page, live_server, tree, zhang_min, wang_fang, hunan_library
):
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in(page, live_server, "zhangmin@example.cn")
    page.goto(f"{live_server.url}/quotas/regions/{tree.county_a.pk}/?year=2023")
    visit(page, "c1-county-dashboard")
    assert "定王台街道社工站" in page.inner_text("main")

    page.click("ol.rule-sources a:has-text('三、（八）')")
    page.wait_for_url("**/policies/**")
    visit(page, "c2-policy-clause")
    text = page.inner_text("main")
    assert "湖南" in text and "督导" in text

    page.go_back()
    page.click("main table a:has-text('定王台街道社工站')")
    page.wait_for_url(f"**/quotas/stations/{tree.station_a.pk}/**")
    visit(page, "c3-station-dashboard")
    assert "王芳" in page.inner_text("main")
