"""Invitations: a new e-mail sets its password; an existing account only gains the role after
its owner signs in, and its password is never touched (the account-takeover hole)."""

import datetime as dt
import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from accounts import services
from accounts.models import Invitation, User
from accounts.roles import Role
from tests import factories

PASSWORD = "Shegong-2026!"


def _invite(django_capture_on_commit_callbacks, **kwargs) -> str:
    """Send an invitation and return the link's path, read from the e-mail as a user would."""
    with django_capture_on_commit_callbacks(execute=True):
        services.invitation_create(**kwargs)
    return re.search(r"https?://[^/\s]+(/\S+)", mail.outbox[-1].body).group(1)


def _set_password(client, url):
    return client.post(url, {"password1": PASSWORD, "password2": PASSWORD})


def test_new_account_sets_password_and_gets_role(
    client, tree, zhang_min, django_capture_on_commit_callbacks
):
    url = _invite(
        django_capture_on_commit_callbacks,
        email="New.Worker@example.cn",
        role=Role.WORKER,
        target=tree.station_a,
        created_by=zhang_min.user,
    )
    assert _set_password(client, url).status_code == 302
    user = User.objects.get(email="new.worker@example.cn")
    assert user.check_password(PASSWORD)
    assert user.role_grants.get().service_point == tree.station_a
    assert client.get(url).status_code == 410  # used once only


def test_invitation_to_the_superuser_never_touches_the_password(
    client, tree, zhang_min, django_capture_on_commit_callbacks
):
    root = factories.UserFactory(email="root@example.cn", is_superuser=True, is_staff=True)
    old_hash = root.password
    url = _invite(
        django_capture_on_commit_callbacks,
        email="ROOT@example.cn",
        role=Role.WORKER,
        target=tree.station_a,
        created_by=zhang_min.user,
    )
    response = _set_password(client, url)
    root.refresh_from_db()
    assert root.password == old_hash and not root.check_password(PASSWORD)
    assert "_auth_user_id" not in client.session
    assert response.status_code == 200 and "请先用该账号登录" in response.content.decode()
    assert not root.role_grants.exists()
    assert Invitation.objects.get().accepted_at is None


def test_existing_account_accepts_after_signing_in(
    client, tree, zhang_min, wang_fang, django_capture_on_commit_callbacks
):
    old_hash = wang_fang.user.password
    url = _invite(
        django_capture_on_commit_callbacks,
        email="wangfang@example.cn",
        role=Role.STATION_HEAD,
        target=tree.station_a,
        created_by=zhang_min.user,
    )
    client.force_login(wang_fang.user)
    page = client.get(url).content.decode()
    assert "password1" not in page and "接受邀请" in page
    assert client.post(url).status_code == 302
    wang_fang.user.refresh_from_db()
    assert wang_fang.user.password == old_hash
    assert wang_fang.user.role_grants.filter(role=Role.STATION_HEAD).exists()


def test_another_signed_in_user_cannot_accept(
    client, tree, zhang_min, wang_fang, chen_jing, django_capture_on_commit_callbacks
):
    url = _invite(
        django_capture_on_commit_callbacks,
        email="wangfang@example.cn",
        role=Role.STATION_HEAD,
        target=tree.station_a,
        created_by=zhang_min.user,
    )
    client.force_login(chen_jing.user)
    assert client.post(url).status_code == 403
    assert not wang_fang.user.role_grants.filter(role=Role.STATION_HEAD).exists()
    assert not chen_jing.user.role_grants.filter(role=Role.STATION_HEAD).exists()


def test_service_refuses_a_password_for_an_existing_account(
    tree, zhang_min, wang_fang, django_capture_on_commit_callbacks
):
    url = _invite(
        django_capture_on_commit_callbacks,
        email="wangfang@example.cn",
        role=Role.WORKER,
        target=tree.station_a,
        created_by=zhang_min.user,
    )
    token = url.rstrip("/").rsplit("/", 1)[1]
    with pytest.raises(services.InvitationError):
        services.invitation_accept(token=token, password=PASSWORD)
    wang_fang.user.refresh_from_db()
    assert not wang_fang.user.check_password(PASSWORD)


def test_token_is_stored_only_as_a_hash(
    client, tree, zhang_min, django_capture_on_commit_callbacks
):
    url = _invite(
        django_capture_on_commit_callbacks,
        email="head@example.cn",
        role=Role.STATION_HEAD,
        target=tree.station_a,
        created_by=zhang_min.user,
    )
    token = url.rstrip("/").rsplit("/", 1)[1]
    invitation = Invitation.objects.get()
    assert token not in str(Invitation.objects.values().get())
    client.force_login(zhang_min.user)
    for name in ("invitations:index", "invitations:inspect"):
        args = [invitation.pk] if name.endswith("inspect") else []
        response = client.get(reverse(name, args=args))
        assert response.status_code == 200
        body = response.content.decode()
        assert token not in body and invitation.token_hash not in body


def test_expired_invitation_is_refused(client, tree, zhang_min, django_capture_on_commit_callbacks):
    url = _invite(
        django_capture_on_commit_callbacks,
        email="late@example.cn",
        role=Role.WORKER,
        target=tree.station_a,
        created_by=zhang_min.user,
        now=timezone.now() - dt.timedelta(days=30),
    )
    assert _set_password(client, url).status_code == 410
    assert not User.objects.filter(email="late@example.cn").exists()
    assert Invitation.objects.get().accepted_at is None


def test_mismatched_passwords(client, tree, zhang_min, django_capture_on_commit_callbacks):
    url = _invite(
        django_capture_on_commit_callbacks,
        email="x@example.cn",
        role=Role.WORKER,
        target=tree.station_a,
        created_by=zhang_min.user,
    )
    response = client.post(url, {"password1": PASSWORD, "password2": "Other-2026!"})
    assert response.status_code == 200
    assert "两次输入的密码不一致" in response.content.decode()


@pytest.mark.parametrize(
    ("role", "target_name"),
    [
        (Role.WORKER, "station_b"),  # another county's station
        (Role.REGION_ADMIN, "city"),  # above the administrator's own region
    ],
)
def test_administrator_invites_only_inside_own_scope(tree, zhang_min, role, target_name):
    with pytest.raises(services.GrantRefused):
        services.invitation_create(
            email="x@example.cn",
            role=role,
            target=getattr(tree, target_name),
            created_by=zhang_min.user,
        )
    assert not Invitation.objects.exists()


def test_back_office_refuses_an_invitation_outside_scope(client, tree, zhang_min):
    client.force_login(zhang_min.user)
    response = client.post(
        reverse("invitations:add"),
        {"email": "x@example.cn", "role": Role.REGION_ADMIN, "region": tree.city.pk},
    )
    assert response.status_code == 200
    assert not Invitation.objects.exists()


def test_nobody_grants_a_role_above_their_own(tree, wang_fang, zhang_min):
    head = factories.RoleGrantFactory(
        user=wang_fang.user, role=Role.STATION_HEAD, service_point=tree.station_a
    )
    assert head.role == Role.STATION_HEAD
    with pytest.raises(services.GrantRefused):
        services.role_grant_create(
            user=zhang_min.user, role=Role.WORKER, target=tree.station_a, granted_by=wang_fang.user
        )
    # a county administrator may appoint a township administrator inside the county
    services.role_grant_create(
        user=wang_fang.user, role=Role.REGION_ADMIN, target=tree.town_a, granted_by=zhang_min.user
    )
