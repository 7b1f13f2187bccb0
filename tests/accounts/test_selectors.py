from django.utils import timezone

from accounts import selectors
from accounts.roles import Role
from tests import factories


def test_holders_at_a_station_have_an_active_grant_over_it(tree, zhang_min, wang_fang):
    head = factories.UserFactory()
    factories.RoleGrantFactory(user=head, role=Role.STATION_HEAD, service_point=tree.station_a)
    former = factories.UserFactory()
    factories.RoleGrantFactory(
        user=former,
        role=Role.STATION_HEAD,
        service_point=tree.station_a,
        revoked_at=timezone.now(),
    )
    elsewhere = factories.UserFactory()
    factories.RoleGrantFactory(user=elsewhere, role=Role.STATION_HEAD, service_point=tree.station_b)
    found = selectors.holders_at(role=Role.STATION_HEAD, service_point=tree.station_a)
    assert list(found) == [head]


def test_users_with_emails_exactly_as_stored(tree, wang_fang, zhang_min):
    emails = ["wangfang@example.cn", "zhangmin@example.cn", "nobody@example.cn"]
    assert set(selectors.users_with_emails(emails=emails)) == {wang_fang.user, zhang_min.user}
    assert list(selectors.users_with_emails(emails=["WANGFANG@example.cn"])) == []


def test_active_grants_of_a_role_over_exactly_one_target(tree, li_qiang):
    user = li_qiang.user
    over_region = factories.RoleGrantFactory(user=user, role=Role.SUPERVISOR, region=tree.county_a)
    factories.RoleGrantFactory(
        user=user, role=Role.SUPERVISOR, region=tree.county_a, revoked_at=timezone.now()
    )
    factories.RoleGrantFactory(user=user, role=Role.REGION_ADMIN, region=tree.county_a)
    at_station = selectors.active_grants_of(
        user=user, role=Role.SUPERVISOR, region_id=None, service_point_id=tree.station_a.pk
    )
    assert [g.service_point for g in at_station] == [tree.station_a]
    in_county = selectors.active_grants_of(
        user=user, role=Role.SUPERVISOR, region_id=tree.county_a.pk, service_point_id=None
    )
    assert list(in_county) == [over_region]
    assert not selectors.active_grants_of(
        user=user, role=Role.SUPERVISOR, region_id=tree.county_b.pk, service_point_id=None
    ).exists()


def test_holder_emails_over_regions(tree, zhang_min, chen_jing):
    former = factories.UserFactory(email="former@example.cn")
    factories.RoleGrantFactory(
        user=former, role=Role.REGION_ADMIN, region=tree.county_a, revoked_at=timezone.now()
    )
    silent = factories.UserFactory(email="")
    factories.RoleGrantFactory(user=silent, role=Role.REGION_ADMIN, region=tree.county_a)
    editor = factories.UserFactory(email="editor@example.cn")
    factories.RoleGrantFactory(user=editor, role=Role.EDITOR, region=tree.county_a)
    paths = [tree.province.path, tree.city.path, tree.county_a.path]
    found = selectors.holder_emails_over(role=Role.REGION_ADMIN, region_paths=paths)
    assert list(found) == ["zhangmin@example.cn"]
