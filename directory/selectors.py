import datetime as dt

from django.db.models import Count, F, Q, QuerySet

from accounts import scope
from accounts.models import User
from accounts.roles import Action
from directory import rules
from directory.models import Person, Position, ServicePoint


def service_points_for_user(
    *, user: User, kind: str = "", query: str = "", today: dt.date
) -> QuerySet[ServicePoint]:
    """Service points the user may list, with region, agency and current staff count."""
    points = scope.service_points_visible_to(user, Action.VIEW_DIRECTORY)
    if kind:
        points = points.filter(kind=kind)
    if query:
        points = points.filter(
            Q(name__icontains=query) | Q(code__startswith=query) | Q(region__name__icontains=query)
        )
    current = Q(positions__ends_on__isnull=True) | Q(positions__ends_on__gte=today)
    return (
        points.select_related("region", "agency")
        .annotate(
            staff_count=Count("positions", filter=current & Q(positions__starts_on__lte=today))
        )
        .order_by("code")
    )


def people_for_user(*, user: User, query: str = "") -> QuerySet[Person]:
    people = scope.people_visible_to(user, Action.VIEW_DIRECTORY)
    if query:
        people = people.filter(name__icontains=query)
    return people.select_related("region").order_by("name", "pk")


def positions_at(*, service_point: ServicePoint) -> QuerySet[Position]:
    """Everyone who has held a position at the point, current first."""
    return (
        Position.objects.filter(service_point=service_point)
        .select_related("person")
        .order_by(F("ends_on").desc(nulls_first=True), "-starts_on", "pk")
    )


def positions_of(*, person: Person) -> QuerySet[Position]:
    return Position.objects.filter(person=person).select_related("service_point__region")


def years_of_experience(*, person: Person, today: dt.date) -> float:
    spans = list(positions_of(person=person).values_list("starts_on", "ends_on"))
    return rules.years_of_experience(spans=spans, today=today)
