import pytest
from django.core import mail
from django.urls import reverse

from accounts.models import User


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
    page = client.get(reverse("accounts:overview")).content.decode()
    assert "民政管理员" in page and "芙蓉区" in page


def test_home_requires_login(client, db):
    assert client.get(reverse("accounts:home")).status_code == 302
