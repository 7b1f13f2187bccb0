from django.core import mail
from django.urls import reverse

from accounts.models import Invitation, RoleGrant
from accounts.roles import Role
from tests import factories


def test_admin_grants_role_in_scope(client, tree, zhang_min):
    person = factories.PersonFactory(region=tree.county_a, user=factories.UserFactory())
    client.force_login(zhang_min.user)
    response = client.post(
        reverse("role_grants:add"),
        {"user": person.user.pk, "role": Role.STATION_HEAD, "service_point": tree.station_a.pk},
    )
    assert response.status_code == 302, response.content.decode()[-3000:]
    assert RoleGrant.objects.filter(user=person.user, role=Role.STATION_HEAD).exists()


def test_grant_needs_exactly_one_scope(client, tree, zhang_min):
    person = factories.PersonFactory(region=tree.county_a, user=factories.UserFactory())
    client.force_login(zhang_min.user)
    response = client.post(
        reverse("role_grants:add"),
        {
            "user": person.user.pk,
            "role": Role.WORKER,
            "service_point": tree.station_a.pk,
            "region": tree.county_a.pk,
        },
    )
    assert response.status_code == 200
    assert "只选择一项" in response.content.decode()


def test_grant_outside_scope_is_refused(client, tree, zhang_min):
    person = factories.PersonFactory(region=tree.county_a, user=factories.UserFactory())
    client.force_login(zhang_min.user)
    response = client.post(
        reverse("role_grants:add"),
        {"user": person.user.pk, "role": Role.WORKER, "service_point": tree.station_b.pk},
    )
    assert response.status_code == 200
    assert not RoleGrant.objects.filter(user=person.user).exists()


def test_other_countys_grant_is_404(client, tree, zhang_min, chen_jing):
    client.force_login(zhang_min.user)
    grant = chen_jing.user.role_grants.get()
    assert client.get(reverse("role_grants:edit", args=[grant.pk])).status_code == 404


def test_revoke_keeps_the_row(client, tree, zhang_min, wang_fang):
    grant = wang_fang.user.role_grants.get()
    client.force_login(zhang_min.user)
    response = client.post(reverse("role_grants:edit", args=[grant.pk]), {"revoke": "on"})
    assert response.status_code == 302
    grant.refresh_from_db()
    assert grant.revoked_at is not None


def test_invitation_from_back_office_sends_mail(
    client, tree, zhang_min, django_capture_on_commit_callbacks
):
    client.force_login(zhang_min.user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("invitations:add"),
            {
                "email": "head@example.cn",
                "role": Role.STATION_HEAD,
                "service_point": tree.station_a.pk,
            },
        )
    assert response.status_code == 302, response.content.decode()[-3000:]
    invitation = Invitation.objects.get()
    assert len(mail.outbox) == 1 and "/me/invitation/" in mail.outbox[0].body
    assert invitation.token_hash not in mail.outbox[0].body
