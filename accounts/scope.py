"""Who sees what: the one module that maps role grants onto the region tree.

Every list starts from a `*_visible_to(user)` queryset; every object check goes through
`role_allows`. Outside what a user can see is a 404 (hides existence); inside it, an action
their role does not permit is a 403 (see each app's `permissions.py`).

Visibility: a grant over a region covers its whole subtree; a grant over a service point covers
that point; a grant over a university covers that university. People are visible to their own
user, and to grants whose role may view the directory (a worker sees only themselves).
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.db.models import Model, Q, QuerySet

from accounts.models import Invitation, RoleGrant, User
from accounts.roles import ADMIN_ROLES, ROLE_RANK, UNIVERSITY_ROLES, Action, roles_allowing
from directory.models import (
    Agency,
    CountyRecognition,
    Coverage,
    Person,
    Position,
    Region,
    ServicePoint,
    StarRating,
    University,
    VolunteerCount,
)

NOTHING = Q(pk__in=[])


@dataclass(frozen=True)
class GrantScope:
    role: str
    region_path: str | None
    service_point_id: int | None
    university_id: int | None
    region_level: str | None  # the level of a region grant's region (province … village)


def grants_of(user: User) -> list[GrantScope]:
    """The user's active grants, loaded once per user object (one query per request)."""
    if not user.is_authenticated:
        return []
    cached = getattr(user, "_grant_scopes", None)
    if cached is None:
        rows = RoleGrant.objects.filter(user=user, revoked_at__isnull=True).values_list(
            "role", "region__path", "service_point_id", "university_id", "region__level"
        )
        cached = [GrantScope(*row) for row in rows]
        user._grant_scopes = cached
    return cached


def forget_grants(user: User) -> None:
    """Drop the cached grants after they change."""
    user.__dict__.pop("_grant_scopes", None)


def _grants(user: User, roles: frozenset[str] | None) -> list[GrantScope]:
    return [g for g in grants_of(user) if roles is None or g.role in roles]


def _any(conditions: list[Q]) -> Q:
    return reduce(or_, conditions, NOTHING)


def has_role(user: User, roles: frozenset[str]) -> bool:
    return user.is_superuser or bool(_grants(user, roles))


def may_use_back_office(user: User) -> bool:
    """Region administrators and editors reach the Wagtail admin; superusers too."""
    return user.is_active and has_role(user, ADMIN_ROLES)


def may_anywhere(user: User, action: Action) -> bool:
    """Whether any of the user's grants permits `action` somewhere."""
    return user.is_active and has_role(user, roles_allowing(action))


# Querysets: what a user can see, optionally narrowed to the roles that permit an action.


def regions_visible_to(user: User, action: Action | None = None) -> QuerySet[Region]:
    if user.is_superuser:
        return Region.objects.all()
    grants = _grants(user, roles_allowing(action) if action else None)
    paths = [Q(path__startswith=g.region_path) for g in grants if g.region_path]
    points = [g.service_point_id for g in grants if g.service_point_id]
    granted_points = ServicePoint.objects.filter(pk__in=points).values("region_id")
    return Region.objects.filter(_any([*paths, Q(pk__in=granted_points)]))


def service_points_visible_to(user: User, action: Action | None = None) -> QuerySet[ServicePoint]:
    if user.is_superuser:
        return ServicePoint.objects.all()
    grants = _grants(user, roles_allowing(action) if action else None)
    paths = [Q(region__path__startswith=g.region_path) for g in grants if g.region_path]
    points = [g.service_point_id for g in grants if g.service_point_id]
    return ServicePoint.objects.filter(_any([*paths, Q(pk__in=points)]))


def regions_covered_for(user: User, action: Action) -> QuerySet[Region]:
    """The regions `role_allows(action)` holds on: the subtrees of the user's region grants
    permitting `action`. Unlike `regions_visible_to`, not the region a granted service point
    lies in: a station head acts for the station, not for its township or county office."""
    if user.is_superuser:
        return Region.objects.all()
    grants = _grants(user, roles_allowing(action))
    return Region.objects.filter(
        _any([Q(path__startswith=g.region_path) for g in grants if g.region_path])
    )


def service_points_granted_to(user: User, action: Action) -> QuerySet[ServicePoint]:
    """The service points named by the user's own grants permitting `action` (a station head's
    station), not those a region grant reaches."""
    grants = _grants(user, roles_allowing(action))
    return ServicePoint.objects.filter(
        pk__in=[g.service_point_id for g in grants if g.service_point_id]
    )


def people_visible_to(user: User, action: Action = Action.VIEW_DIRECTORY) -> QuerySet[Person]:
    """People the user may see: themselves, plus those in scope of grants permitting `action`."""
    if user.is_superuser:
        return Person.objects.all()
    grants = _grants(user, roles_allowing(action))
    paths = [g.region_path for g in grants if g.region_path]
    points = [g.service_point_id for g in grants if g.service_point_id]
    placed = Position.objects.filter(
        _any([Q(service_point__region__path__startswith=p) for p in paths])
        | Q(service_point__in=points)
    ).values("person_id")
    conditions = [Q(region__path__startswith=p) for p in paths]
    if paths or points:
        conditions.append(Q(pk__in=placed))
    if action == Action.VIEW_DIRECTORY:
        conditions.append(Q(user=user))
    return Person.objects.filter(_any(conditions))


def agencies_visible_to(user: User, action: Action | None = None) -> QuerySet[Agency]:
    if user.is_superuser:
        return Agency.objects.all()
    grants = _grants(user, roles_allowing(action) if action else None)
    paths = [Q(region__path__startswith=g.region_path) for g in grants if g.region_path]
    return Agency.objects.filter(_any(paths))


def universities_visible_to(user: User, action: Action | None = None) -> QuerySet[University]:
    if user.is_superuser:
        return University.objects.all()
    grants = _grants(user, roles_allowing(action) if action else None)
    paths = [Q(region__path__startswith=g.region_path) for g in grants if g.region_path]
    ids = [g.university_id for g in grants if g.university_id]
    return University.objects.filter(_any([*paths, Q(pk__in=ids)]))


def positions_visible_to(user: User, action: Action | None = None) -> QuerySet[Position]:
    return Position.objects.filter(service_point__in=service_points_visible_to(user, action))


def star_ratings_visible_to(user: User, action: Action | None = None) -> QuerySet[StarRating]:
    return StarRating.objects.filter(service_point__in=service_points_visible_to(user, action))


def volunteer_counts_visible_to(
    user: User, action: Action | None = None
) -> QuerySet[VolunteerCount]:
    return VolunteerCount.objects.filter(service_point__in=service_points_visible_to(user, action))


def coverages_visible_to(user: User, action: Action | None = None) -> QuerySet[Coverage]:
    return Coverage.objects.filter(region__in=regions_visible_to(user, action))


def recognitions_visible_to(
    user: User, action: Action | None = None
) -> QuerySet[CountyRecognition]:
    return CountyRecognition.objects.filter(region__in=regions_visible_to(user, action))


def counties_recognisable_by(user: User, action: Action | None = None) -> QuerySet[Region]:
    """R25: counties the user may name 工作优良县 — those strictly below one of their region
    grants (a city or province office names its counties; a county never names itself)."""
    counties = Region.objects.filter(level=Region.Level.COUNTY)
    if user.is_superuser:
        return counties
    grants = _grants(user, roles_allowing(action) if action else None)
    above = [g.region_path for g in grants if g.region_path]
    return counties.filter(_any([Q(path__startswith=path) & ~Q(path=path) for path in above]))


def grants_visible_to(user: User, action: Action = Action.MANAGE_GRANTS) -> QuerySet[RoleGrant]:
    """Grants whose scope lies inside what the user may manage (theirs included)."""
    return _scoped_to_grant_targets(RoleGrant.objects.all(), user, action)


def invitations_visible_to(
    user: User, action: Action = Action.MANAGE_GRANTS
) -> QuerySet[Invitation]:
    return _scoped_to_grant_targets(Invitation.objects.all(), user, action)


def _scoped_to_grant_targets(queryset: QuerySet, user: User, action: Action) -> QuerySet:
    if user.is_superuser:
        return queryset
    return queryset.filter(
        Q(region__in=regions_visible_to(user, action))
        | Q(service_point__in=service_points_visible_to(user, action))
        | Q(university__in=universities_visible_to(user, action))
    )


# Object checks.


@dataclass(frozen=True)
class Location:
    """Where an object sits: region paths, service point ids and university ids."""

    paths: tuple[str, ...] = ()
    service_point_ids: tuple[int, ...] = ()
    university_ids: tuple[int, ...] = ()


def location_of(obj: Model) -> Location:
    """The places an object belongs to, for matching against grants."""
    if isinstance(obj, Region):
        return Location(paths=(obj.path,))
    if isinstance(obj, ServicePoint):
        return Location(paths=(obj.region.path,), service_point_ids=(obj.pk,))
    if isinstance(obj, Agency):
        return Location(paths=(obj.region.path,))
    if isinstance(obj, University):
        return Location(paths=(obj.region.path,), university_ids=(obj.pk,))
    if isinstance(obj, Position | StarRating | VolunteerCount):
        return location_of(obj.service_point)
    if isinstance(obj, Coverage | CountyRecognition):
        return location_of(obj.region)
    if isinstance(obj, Person):
        return locations_of_people([obj])[obj.pk]
    if hasattr(obj, "scope"):  # role grants and invitations
        return location_of(obj.scope)
    raise TypeError(f"No location for {type(obj).__name__}")


def locations_of_people(people: Iterable[Person]) -> dict[int, Location]:
    """`location_of` for many people in one query (their home regions loaded): the home region
    and every station they hold or held a position at."""
    people = list(people)
    placed: dict[int, list[tuple[int, str]]] = defaultdict(list)
    rows = Position.objects.filter(person__in=people).values_list(
        "person_id", "service_point_id", "service_point__region__path"
    )
    for person_id, point_id, path in rows:
        placed[person_id].append((point_id, path))
    return {
        person.pk: Location(
            paths=(person.region.path, *(path for _, path in placed[person.pk])),
            service_point_ids=tuple(point for point, _ in placed[person.pk]),
        )
        for person in people
    }


def _covers(grant: GrantScope, where: Location) -> bool:
    if grant.region_path:
        return any(path.startswith(grant.region_path) for path in where.paths)
    if grant.service_point_id:
        return grant.service_point_id in where.service_point_ids
    return grant.university_id in where.university_ids


def grants_covering(user: User, action: Action, where: Location) -> list[GrantScope]:
    """The user's active grants whose role permits `action` and whose scope covers `where`
    (superusers' implicit reach is not a grant: callers decide about them)."""
    if not user.is_active:
        return []
    return [grant for grant in _grants(user, roles_allowing(action)) if _covers(grant, where)]


def role_allows(*, user: User, action: Action, obj: Model) -> bool:
    """Whether one of the user's grants permits `action` on `obj` (R-independent: the heart of
    authorisation). The person linked to a user may always see their own sensitive data."""
    if not user.is_active:
        return False
    if user.is_superuser:
        return True
    if action == Action.VIEW_SENSITIVE and isinstance(obj, Person) and obj.user_id == user.pk:
        return True
    grants = _grants(user, roles_allowing(action))
    if not grants:
        return False
    where = location_of(obj)
    return any(_covers(grant, where) for grant in grants)


def may_grant(*, user: User, role: str, target: Model) -> bool:
    """Whether `user` may give `role` over `target` (a region, service point or university):
    one of their own grants must cover the target, permit managing grants, and rank at least as
    high as the role handed out. Nobody grants beyond their scope or above their own role, and
    the university roles go over universities only (R15)."""
    if not user.is_active:
        return False
    if (role in UNIVERSITY_ROLES) != isinstance(target, University):
        return False
    if user.is_superuser:
        return True
    where = location_of(target)
    return any(
        _covers(grant, where) and ROLE_RANK[grant.role] >= ROLE_RANK[role]
        for grant in _grants(user, roles_allowing(Action.MANAGE_GRANTS))
    )
