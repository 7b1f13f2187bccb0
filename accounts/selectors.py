from django.db.models import QuerySet

from accounts.models import RoleGrant, User
from directory.models import ServicePoint


def grants_for_user(*, user: User) -> QuerySet[RoleGrant]:
    """The user's active grants with their scopes, for display."""
    return (
        RoleGrant.objects.filter(user=user, revoked_at__isnull=True)
        .select_related("region", "service_point", "university")
        .order_by("role", "pk")
    )


def holders_at(*, role: str, service_point: ServicePoint) -> QuerySet[User]:
    """Users with an active grant of `role` over the service point itself (not over a region)."""
    return (
        User.objects.filter(
            role_grants__role=role,
            role_grants__service_point=service_point,
            role_grants__revoked_at__isnull=True,
        )
        .distinct()
        .order_by("pk")
    )
