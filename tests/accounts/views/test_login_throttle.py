"""The sign-in throttle with the production limits: failures count per account and address
together, so an office's typos lock nobody else and nobody can lock another person's account;
a training room signing in together from one address all gets in."""

import pytest
from django.test import Client
from django.urls import reverse

from config.settings import base
from tests import factories

OFFICE = "10.1.2.3"
ELSEWHERE = "203.0.113.9"


@pytest.fixture(autouse=True)
def production_limits(settings):
    settings.ACCOUNT_RATE_LIMITS = base.ACCOUNT_RATE_LIMITS


def _sign_in(client, login, password, address=OFFICE):
    return client.post(
        reverse("account_login"), {"login": login, "password": password}, REMOTE_ADDR=address
    )


def _signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_sixty_sign_ins_from_one_address_in_a_minute_all_succeed(db):
    users = [factories.UserFactory(email=f"trainee{n}@example.cn") for n in range(60)]
    for user in users:
        client = Client()
        response = _sign_in(client, user.email, "pass-1234")
        assert response.status_code == 302, response.content.decode()[:500]
        assert _signed_in(client)


def test_typos_lock_only_that_account_at_that_address(client, wang_fang, zhang_min):
    for _ in range(5):
        _sign_in(client, "wangfang@example.cn", "typo")
    refused = _sign_in(client, "wangfang@example.cn", "pass-1234")
    assert not _signed_in(client)
    assert "登录失败次数过多" in refused.content.decode()
    colleague = Client()
    _sign_in(colleague, "zhangmin@example.cn", "pass-1234")
    assert _signed_in(colleague)


def test_failures_elsewhere_do_not_lock_the_owner(wang_fang):
    attacker = Client()
    for _ in range(12):
        _sign_in(attacker, "wangfang@example.cn", "guess", address=ELSEWHERE)
    owner = Client()
    _sign_in(owner, "wangfang@example.cn", "pass-1234")
    assert _signed_in(owner)


def test_phone_sign_ins_are_counted_per_number(client, wang_fang, zhang_min):
    for _ in range(5):
        _sign_in(client, zhang_min.mobile, "typo")
    owner = Client()
    _sign_in(owner, wang_fang.mobile, "pass-1234")
    assert _signed_in(owner)


def test_longer_back_off_after_repeated_bursts(client, wang_fang, settings):
    settings.ACCOUNT_RATE_LIMITS = {"login_failed": "100/10m/ip,50/5m/key,10/1h/key"}
    for _ in range(10):
        _sign_in(client, "wangfang@example.cn", "typo")
    _sign_in(client, "wangfang@example.cn", "pass-1234")
    assert not _signed_in(client)
