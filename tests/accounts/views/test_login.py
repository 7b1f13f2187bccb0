import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from accounts import services
from accounts.models import Invitation, User
from accounts.roles import Role


def test_login_by_email(client, wang_fang):
    response = client.post(
        reverse("account_login"), {"login": "wangfang@example.cn", "password": "pass-1234"}
    )
    assert response.status_code == 302
    assert client.get(reverse("accounts:home")).status_code == 200


FULL_WIDTH = str.maketrans("0123456789+- ", "０１２３４５６７８９＋－\u3000")


@pytest.mark.parametrize(
    ("typed", "width"),
    [
        ("{m}", str),
        ("+86{m}", str),
        ("{m3} {m4} {m5}", str),
        ("{m3}-{m4}-{m5}", str),
        ("{m}", FULL_WIDTH),  # an input method left in full-width mode
        ("+86 {m3} {m4} {m5}", FULL_WIDTH),
    ],
)
def test_login_by_mobile_number(client, wang_fang, typed, width):
    m = wang_fang.mobile
    login = typed.format(m=m, m3=m[:3], m4=m[3:7], m5=m[7:])
    login = login if width is str else login.translate(width)
    response = client.post(reverse("account_login"), {"login": login, "password": "pass-1234"})
    assert response.status_code == 302, response.content.decode()[:2000]
    assert int(client.session["_auth_user_id"]) == wang_fang.user.pk


def test_wrong_password_is_refused(client, wang_fang):
    response = client.post(
        reverse("account_login"), {"login": wang_fang.mobile, "password": "wrong-password"}
    )
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_sign_up_is_closed(client, db):
    response = client.post(
        reverse("account_signup"),
        {"email": "new@example.cn", "password1": "Long-pass-123", "password2": "Long-pass-123"},
    )
    assert not User.objects.filter(email="new@example.cn").exists()
    assert response.status_code in (200, 302)


def test_password_reset_sends_mail(client, wang_fang):
    response = client.post(reverse("account_reset_password"), {"email": "wangfang@example.cn"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert "wangfang@example.cn" in mail.outbox[0].to


def test_home_lists_roles(client, zhang_min):
    client.force_login(zhang_min.user)
    page = client.get(reverse("accounts:home")).content.decode()
    assert "民政管理员" in page and "芙蓉区" in page


def test_home_requires_login(client, db):
    assert client.get(reverse("accounts:home")).status_code == 302


def test_invitation_sets_password_and_grants_role(
    client, tree, zhang_min, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invitation = services.invitation_create(
            email="New.Worker@example.cn",
            role=Role.WORKER,
            target=tree.station_a,
            created_by=zhang_min.user,
        )
    assert len(mail.outbox) == 1
    assert invitation.token in mail.outbox[0].body
    url = reverse("accounts:invitation", args=[invitation.token])
    response = client.post(url, {"password1": "Shegong-2026!", "password2": "Shegong-2026!"})
    assert response.status_code == 302
    user = User.objects.get(email="new.worker@example.cn")
    assert user.check_password("Shegong-2026!")
    assert user.role_grants.get().service_point == tree.station_a
    # used once only
    assert client.get(url).status_code == 410


def test_expired_invitation_is_refused(client, tree, zhang_min):
    invitation = services.invitation_create(
        email="late@example.cn",
        role=Role.WORKER,
        target=tree.station_a,
        created_by=zhang_min.user,
        now=timezone.now() - dt.timedelta(days=30),
    )
    url = reverse("accounts:invitation", args=[invitation.token])
    response = client.post(url, {"password1": "Shegong-2026!", "password2": "Shegong-2026!"})
    assert response.status_code == 410
    assert not User.objects.filter(email="late@example.cn").exists()
    assert Invitation.objects.get().accepted_at is None


def test_invitation_mismatched_passwords(client, tree, zhang_min):
    invitation = services.invitation_create(
        email="x@example.cn", role=Role.WORKER, target=tree.station_a, created_by=zhang_min.user
    )
    url = reverse("accounts:invitation", args=[invitation.token])
    response = client.post(url, {"password1": "Shegong-2026!", "password2": "Other-2026!"})
    assert response.status_code == 200
    assert "两次输入的密码不一致" in response.content.decode()


def test_repeated_failed_logins_are_rate_limited(client, wang_fang, settings):
    settings.ACCOUNT_RATE_LIMITS = {"login_failed": "3/5m/ip,3/5m/key"}
    for _ in range(3):
        client.post(reverse("account_login"), {"login": wang_fang.mobile, "password": "bad"})
    response = client.post(
        reverse("account_login"), {"login": wang_fang.mobile, "password": "pass-1234"}
    )
    assert "_auth_user_id" not in client.session
    assert response.status_code in (200, 429)


def test_sign_up_page_says_closed(client, db):
    response = client.get(reverse("account_signup"))
    assert response.status_code == 200
    assert "注册关闭" in response.content.decode()
