import pytest

from accounts.roles import Role
from tests import factories


@pytest.fixture
def editor(tree):
    """A content editor: reaches the Wagtail admin but may not manage the directory."""
    user = factories.UserFactory(email="editor@example.cn", last_name="刘编")
    factories.RoleGrantFactory(user=user, role=Role.EDITOR, region=tree.city)
    return user
