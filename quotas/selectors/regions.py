from django.db.models import QuerySet

from accounts import scope
from accounts.models import User
from accounts.roles import Action, roles_allowing
from directory import selectors as directory_selectors
from directory.models import Region


def dashboard_roots(*, user: User) -> QuerySet[Region]:
    """The regions the user's grants permitting VIEW_QUOTAS are over (the tops of their scope)."""
    if user.is_superuser:
        return directory_selectors.top_regions()
    allowed = roles_allowing(Action.VIEW_QUOTAS)
    paths = [g.region_path for g in scope.grants_of(user) if g.region_path and g.role in allowed]
    return directory_selectors.regions_at(paths=paths)
