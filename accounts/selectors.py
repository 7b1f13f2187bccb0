from collections.abc import Iterable

from django.db.models import Q, QuerySet

from accounts.models import Invitation, RoleGrant, User
from directory.models import Region, ServicePoint


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


def users_with_emails(*, emails: list[str]) -> QuerySet[User]:
    """The users whose e-mail address is one of `emails`, exactly as stored."""
    return User.objects.filter(email__in=emails)


def active_grants_of(
    *, user: User, role: str, region_id: int | None, service_point_id: int | None
) -> QuerySet[RoleGrant]:
    """The user's active grants of `role` over exactly this region or this service point (pass
    None for the other)."""
    return RoleGrant.objects.filter(
        user=user,
        role=role,
        revoked_at__isnull=True,
        region_id=region_id,
        service_point_id=service_point_id,
    )


def region_grants(*, role: str, user_ids: list[int] | None = None) -> QuerySet[RoleGrant]:
    """Active grants of `role` over a region, with the region, of these users (None: all)."""
    grants = RoleGrant.objects.filter(role=role, revoked_at__isnull=True, region__isnull=False)
    if user_ids is not None:
        grants = grants.filter(user_id__in=user_ids)
    return grants.select_related("region").order_by("pk")


def holder_emails_over(*, role: str, region_paths: list[str]) -> QuerySet[str]:
    """The e-mail addresses of users with an active grant of `role` over one of these regions
    (users without an address left out; a user holding several such grants repeats)."""
    return (
        RoleGrant.objects.filter(role=role, revoked_at__isnull=True, region__path__in=region_paths)
        .exclude(user__email="")
        .values_list("user__email", flat=True)
    )


def users_with_role_around(*, role: str, region_path: str) -> QuerySet[User]:
    """Active users with an active grant of `role` over the region at `region_path`, a region
    above it, or a region or service point inside its subtree (e.g. the judges a contest of that
    region may call on)."""
    step = Region.steplen
    above = [region_path[:end] for end in range(step, len(region_path) + 1, step)]
    grants = RoleGrant.objects.filter(role=role, revoked_at__isnull=True).filter(
        Q(region__path__in=above)
        | Q(region__path__startswith=region_path)
        | Q(service_point__region__path__startswith=region_path)
    )
    return User.objects.filter(is_active=True, pk__in=grants.values("user_id")).order_by("pk")


def invited_emails(*, role: str, university_ids: list[int], emails: Iterable[str]) -> QuerySet:
    """(university id, e-mail, person id) of invitations with `role` over those universities
    sent to one of `emails` for a known person."""
    return Invitation.objects.filter(
        university__in=university_ids, role=role, email__in=list(emails), person__isnull=False
    ).values_list("university_id", "email", "person_id")


def users_holding(
    *, role: str, university_id: int | None = None, service_point_id: int | None = None
) -> QuerySet[User]:
    """Active users with an active grant of `role` over exactly this university or service point."""
    grants = RoleGrant.objects.filter(role=role, revoked_at__isnull=True)
    if university_id is not None:
        grants = grants.filter(university_id=university_id)
    if service_point_id is not None:
        grants = grants.filter(service_point_id=service_point_id)
    return User.objects.filter(pk__in=grants.values("user_id"), is_active=True).order_by("pk")


def invited_people(*, university_id: int, roles: Iterable[str]) -> QuerySet:
    """Ids of the people invited to one of `roles` over the university (accepted or not)."""
    return Invitation.objects.filter(
        university_id=university_id, role__in=list(roles), person__isnull=False
    ).values_list("person_id", flat=True)
