"""HR, without an account, types the code printed on a candidate's hour certificate."""

import datetime as dt

import pytest

from credentials import services
from credentials.models import Certificate
from tests.browser.support import visit

pytestmark = pytest.mark.django_db(transaction=True)


def test_hr_verifies_a_certificate_by_its_short_code(
    page, live_server, wang_fang, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"
    certificate = services.certificate_issue(
        holder=wang_fang,
        kind=Certificate.Kind.HOURS,
        starts_on=dt.date(2025, 1, 1),
        ends_on=dt.date(2025, 12, 31),
        snapshot={
            "title": "2025 年度学时证明",
            "holder": {"name": "王芳", "id_number_masked": wang_fang.id_number_masked},
            "sections": [
                {"heading": "培训学时", "columns": ["类别", "学时"], "rows": [["继续教育", "12.0"]]}
            ],
        },
        issued_by=None,
    )
    page.goto(f"{live_server.url}/")
    visit(page, "d1-public-home")
    page.click("header a:has-text('证明查验')")
    typed = certificate.short_code[:5].lower() + "-" + certificate.short_code[5:]
    visit(page, "d2-verify-form")
    page.fill("input[name=code]", typed)
    page.click("main form button[type=submit]")
    page.wait_for_url(f"**/verify/{typed}/")
    visit(page, "d3-verified")
    text = page.inner_text("main")
    assert "有效" in text and "王芳" in text and wang_fang.id_number not in text
