"""A county administrator's first sign-in with the second factor required: password again, the
authenticator app's QR code and secret, a code, the recovery codes; then the code at sign-in."""

import pytest
from allauth.mfa.totp.internal import auth as totp_auth

from tests.accounts.signin.support import NOW, totp_code
from tests.browser.support import sign_in, visit

pytestmark = pytest.mark.django_db(transaction=True)


class FrozenClock:
    @staticmethod
    def time() -> float:
        return NOW


@pytest.fixture(autouse=True)
def mfa_required(settings, monkeypatch):
    settings.MFA_REQUIRED_FOR_ADMINS = True
    monkeypatch.setattr(totp_auth, "time", FrozenClock)


def _submit(page) -> None:
    with page.expect_navigation():
        page.click("main form button[type=submit]")


def test_county_admin_sets_up_and_then_uses_the_second_factor(page, live_server, home, zhang_min):
    sign_in(page, live_server, "zhangmin@example.cn")
    visit(page, "s1-password-again")
    assert "管理员账号须先启用双因素身份认证" in page.inner_text("main")
    page.fill("input[name=password]", "pass-1234")
    _submit(page)

    visit(page, "s2-totp-setup")
    assert page.eval_on_selector("main form img", "img => img.naturalWidth") > 0  # the QR code
    secret = page.input_value("#authenticator_secret")
    page.fill("input[name=code]", totp_code(secret))
    _submit(page)
    visit(page, "s3-recovery-codes")

    page.goto(f"{live_server.url}/me/overview/")
    assert "常用功能" in page.inner_text("main")
    page.goto(f"{live_server.url}/accounts/logout/")
    _submit(page)

    sign_in(page, live_server, "zhangmin@example.cn")
    visit(page, "s4-code-at-sign-in")
    page.fill("input[name=code]", totp_code(secret))
    _submit(page)
    page.goto(f"{live_server.url}/me/overview/")
    assert "常用功能" in page.inner_text("main")
