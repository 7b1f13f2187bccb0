"""The second factor: required for region administrators and superusers, optional for others;
set up with a real TOTP code, then asked at every sign-in; wrong, replayed, spent codes refused."""

import pytest
from django.urls import reverse

from accounts.mfa import MFAAdapter, totp_setup_due
from accounts.roles import Role
from config.settings import base
from tests import factories
from tests.accounts.signin.support import (
    reauthenticate,
    recovery_codes_of,
    sign_in,
    signed_in,
    totp_activate,
    totp_code,
    wrong_code,
)

SETUP = "/accounts/2fa/totp/activate/"


@pytest.fixture
def superuser(db):
    return factories.UserFactory(email="root@example.cn", is_superuser=True, is_staff=True)


@pytest.mark.parametrize(
    "url", ["/me/overview/", "/directory/stations/", "/admin/", "/accounts/password/change/"]
)
def test_region_admin_without_totp_is_sent_to_setup(client, zhang_min, url):
    sign_in(client, "zhangmin@example.cn")
    response = client.get(url)
    assert response.status_code == 302
    assert response.url == SETUP


def test_setup_explains_itself_and_asks_for_the_password_first(client, zhang_min):
    sign_in(client, "zhangmin@example.cn")
    asked = client.get(reverse("accounts:overview"), follow=True)
    assert asked.redirect_chain[-1][0].startswith(reverse("account_reauthenticate"))
    assert "管理员账号须先启用双因素身份认证" in asked.content.decode()


def test_setup_page_and_sign_out_stay_open(client, zhang_min):
    sign_in(client, "zhangmin@example.cn")
    reauthenticate(client)
    page = client.get(SETUP)
    assert page.status_code == 200
    assert "激活身份验证器应用" in page.content.decode()
    assert "data:image/svg+xml;base64," in page.content.decode()
    client.post(reverse("account_logout"))
    assert not signed_in(client)


def test_superuser_without_totp_is_sent_to_setup(client, superuser):
    sign_in(client, "root@example.cn")
    assert client.get("/admin/").url == SETUP


def test_worker_may_choose_totp_from_the_overview(client, wang_fang):
    sign_in(client, "wangfang@example.cn")
    page = client.get(reverse("accounts:overview"))
    assert page.status_code == 200
    assert reverse("mfa_index") in page.content.decode()


def test_requirement_follows_the_setting(client, zhang_min, settings):
    settings.MFA_REQUIRED_FOR_ADMINS = False
    sign_in(client, "zhangmin@example.cn")
    assert client.get(reverse("accounts:overview")).status_code == 200


def test_requirement_is_one_query(zhang_min, wang_fang, django_assert_num_queries):
    for person, due in [(zhang_min, True), (wang_fang, False)]:
        with django_assert_num_queries(1):
            assert totp_setup_due(user=person.user) is due


def test_revoked_region_admin_grant_no_longer_requires_totp(zhang_min, tree):
    user = zhang_min.user
    user.role_grants.update(revoked_at="2026-01-01T00:00:00Z")
    factories.RoleGrantFactory(user=user, role=Role.WORKER, service_point=tree.station_a)
    assert not totp_setup_due(user=user)


def test_setup_with_a_real_code_then_sign_in_asks_for_it(
    client, zhang_min, django_capture_on_commit_callbacks
):
    sign_in(client, "zhangmin@example.cn")
    secret = totp_activate(client, django_capture_on_commit_callbacks)
    assert client.get(reverse("accounts:overview")).status_code == 200
    client.post(reverse("account_logout"))

    asked = sign_in(client, "zhangmin@example.cn")
    assert asked.url == reverse("mfa_authenticate")
    assert not signed_in(client)
    refused = client.post(reverse("mfa_authenticate"), {"code": wrong_code(secret)})
    assert refused.status_code == 200
    assert not signed_in(client)
    client.post(reverse("mfa_authenticate"), {"code": totp_code(secret)})
    assert signed_in(client)


def test_a_code_is_accepted_once(client, zhang_min, django_capture_on_commit_callbacks):
    sign_in(client, "zhangmin@example.cn")
    secret = totp_activate(client, django_capture_on_commit_callbacks)
    client.post(reverse("account_logout"))
    sign_in(client, "zhangmin@example.cn")
    client.post(reverse("mfa_authenticate"), {"code": totp_code(secret)})
    assert signed_in(client)
    client.post(reverse("account_logout"))

    sign_in(client, "zhangmin@example.cn")
    replayed = client.post(reverse("mfa_authenticate"), {"code": totp_code(secret)})
    assert replayed.status_code == 200
    assert not signed_in(client)


def test_a_recovery_code_works_once(client, zhang_min, django_capture_on_commit_callbacks):
    sign_in(client, "zhangmin@example.cn")
    totp_activate(client, django_capture_on_commit_callbacks)
    code = recovery_codes_of(zhang_min.user)[0]
    client.post(reverse("account_logout"))

    sign_in(client, "zhangmin@example.cn")
    client.post(reverse("mfa_authenticate"), {"code": code})
    assert signed_in(client)
    assert code not in recovery_codes_of(zhang_min.user)
    client.post(reverse("account_logout"))

    sign_in(client, "zhangmin@example.cn")
    client.post(reverse("mfa_authenticate"), {"code": code})
    assert not signed_in(client)


@pytest.mark.parametrize("side_door", ["/admin/login/", "/django-admin/login/"])
def test_other_sign_in_forms_lead_to_the_one_sign_in_page(client, zhang_min, side_door):
    response = client.post(
        f"{side_door}?next=/admin/", {"username": "zhangmin@example.cn", "password": "pass-1234"}
    )
    assert response.status_code == 302
    assert response.url == f"{reverse('account_login')}?next=/admin/"
    assert not signed_in(client)


def test_guessing_codes_locks_the_second_step(
    client, zhang_min, settings, django_capture_on_commit_callbacks
):
    sign_in(client, "zhangmin@example.cn")
    secret = totp_activate(client, django_capture_on_commit_callbacks)
    client.post(reverse("account_logout"))
    settings.ACCOUNT_RATE_LIMITS = base.ACCOUNT_RATE_LIMITS
    sign_in(client, "zhangmin@example.cn")
    for _ in range(5):
        client.post(reverse("mfa_authenticate"), {"code": wrong_code(secret)})
    refused = client.post(reverse("mfa_authenticate"), {"code": totp_code(secret)})
    assert "登录失败次数过多" in refused.content.decode()
    assert not signed_in(client)


def test_qr_code_is_a_standalone_svg():
    svg = MFAAdapter().build_totp_svg("otpauth://totp/x?secret=JBSWY3DPEHPK3PXP")
    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg"')
