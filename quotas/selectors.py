from django.db.models import QuerySet

from accounts import scope
from accounts.models import User
from accounts.roles import Action, roles_allowing
from directory.models import Region


def dashboard_roots(*, user: User) -> QuerySet[Region]:
    """The regions the user's grants permitting VIEW_QUOTAS are over (the tops of their scope)."""
    if user.is_superuser:
        return Region.objects.filter(depth=1).order_by("code")
    allowed = roles_allowing(Action.VIEW_QUOTAS)
    paths = [g.region_path for g in scope.grants_of(user) if g.region_path and g.role in allowed]
    return Region.objects.filter(path__in=paths).order_by("code")
