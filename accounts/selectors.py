from django.db.models import QuerySet

from accounts.models import RoleGrant, User


def grants_for_user(*, user: User) -> QuerySet[RoleGrant]:
    """The user's active grants with their scopes, for display."""
    return (
        RoleGrant.objects.filter(user=user, revoked_at__isnull=True)
        .select_related("region", "service_point", "university")
        .order_by("role", "pk")
    )
