"""Back-office sessions (region administrators, editors, superusers) end after ADMIN_IDLE_MINUTES
without a request; other people's sessions do not."""

import time

import pytest
from django.urls import reverse

from accounts.middleware import LAST_ACTIVITY_KEY, idle_expired
from audit.models import AuditEvent
from tests.accounts.signin.support import signed_in


@pytest.fixture(autouse=True)
def idle_limit(settings):
    settings.ADMIN_IDLE_MINUTES = 30
    settings.MFA_REQUIRED_FOR_ADMINS = False


def _last_seen(client, minutes_ago: int) -> None:
    session = client.session
    session[LAST_ACTIVITY_KEY] = int(time.time()) - minutes_ago * 60
    session.save()


@pytest.mark.parametrize(
    ("last", "now", "minutes", "expired"),
    [
        (1_000, 1_000 + 30 * 60, 30, False),
        (1_000, 1_000 + 30 * 60 + 1, 30, True),
        (None, 10**9, 30, False),
        (1_000, 10**9, 0, False),
    ],
)
def test_idle_expired(last, now, minutes, expired):
    assert idle_expired(last_activity_at=last, now=now, idle_minutes=minutes) is expired


def test_idle_admin_is_signed_out_with_a_message(client, zhang_min):
    client.force_login(zhang_min.user)
    _last_seen(client, minutes_ago=31)
    overview = reverse("accounts:overview")
    response = client.get(overview)
    assert response.status_code == 302
    assert response.url == f"{reverse('account_login')}?next={overview}"
    assert not signed_in(client)
    page = client.get(response.url)
    assert "您已超过 30 分钟没有操作" in page.content.decode()
    event = AuditEvent.objects.get(verb="signin.signout")
    assert (event.actor, event.after["reason"]) == (zhang_min.user, "idle")


def test_idle_admin_is_signed_out_of_the_back_office_too(client, zhang_min):
    client.force_login(zhang_min.user)
    _last_seen(client, minutes_ago=31)
    response = client.get("/admin/")
    assert response.url.startswith(reverse("account_login"))
    assert not signed_in(client)


def test_active_admin_stays_and_the_clock_restarts(client, zhang_min):
    client.force_login(zhang_min.user)
    _last_seen(client, minutes_ago=29)
    assert client.get(reverse("accounts:overview")).status_code == 200
    assert time.time() - client.session[LAST_ACTIVITY_KEY] < 60
    assert signed_in(client)


def test_idle_worker_is_not_signed_out(client, wang_fang):
    client.force_login(wang_fang.user)
    _last_seen(client, minutes_ago=600)
    assert client.get(reverse("accounts:overview")).status_code == 200
    assert signed_in(client)


def test_a_session_starts_its_clock_at_sign_in(client, zhang_min):
    client.force_login(zhang_min.user)
    assert time.time() - client.session[LAST_ACTIVITY_KEY] < 60
