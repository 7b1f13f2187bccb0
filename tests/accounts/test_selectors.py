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
