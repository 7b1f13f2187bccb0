import pytest

from accounts.roles import Role
from supervision import services
from tests import factories


@pytest.fixture
def sun_li(tree):
    """孙丽: another worker at station A, not in the session."""
    user = factories.UserFactory(email="sunli@example.cn", last_name="孙丽")
    person = factories.PersonFactory(name="孙丽", region=tree.county_a, user=user)
    factories.PositionFactory(person=person, service_point=tree.station_a)
    factories.RoleGrantFactory(user=user, role=Role.WORKER, service_point=tree.station_a)
    return person


@pytest.fixture
def disputed_part(wang_fang_part, wang_fang):
    return services.supervisee_dispute(
        supervisee=wang_fang_part, reason="时长不符", disputed_by=wang_fang.user
    )


@pytest.fixture
def lock(tree, session):
    return services.year_close(service_point=tree.station_a, year=2025, closed_by=None)
