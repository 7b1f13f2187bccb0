"""What the public portal shows of placements (R15): published placements only, with station,
university, period, schedule, requirements and places left; never a person's name."""

import datetime as dt

from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404

from practicum.models import Application, Placement
from practicum.selectors.visibility import placements_published

PUBLIC_RELATED = ("base__university", "base__service_point__region", "base__agency__region")


def _with_places_taken(placements: QuerySet[Placement]) -> QuerySet[Placement]:
    return placements.select_related(*PUBLIC_RELATED).annotate(
        places_taken=Count("applications", filter=Q(applications__state=Application.State.ACCEPTED))
    )


def placements_public(
    *,
    region_path: str | None = None,
    month: dt.date | None = None,
    term: str = "",
    field: str = "",
) -> QuerySet[Placement]:
    """Published placements, soonest first, filtered by region (the host's region or below), a
    month the placement runs in, a term, and a field of practice."""
    placements = placements_published()
    if region_path:
        placements = placements.filter(
            Q(base__service_point__region__path__startswith=region_path)
            | Q(base__agency__region__path__startswith=region_path)
        )
    if month:
        next_month = (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
        placements = placements.filter(starts_on__lt=next_month, ends_on__gte=month)
    if term:
        placements = placements.filter(term=term)
    if field:
        placements = placements.filter(field=field)
    return _with_places_taken(placements).order_by("starts_on", "pk")


def placement_public(*, placement_id: int) -> Placement:
    """One published placement; 404 for a draft, a closed one or an unknown id."""
    return get_object_or_404(_with_places_taken(placements_published()), pk=placement_id)


def terms_published() -> list[str]:
    return list(placements_published().order_by("term").values_list("term", flat=True).distinct())


def placements_at_station(*, service_point_id: int | None, limit: int = 10) -> list[Placement]:
    """The station's published placements, for its public page."""
    if service_point_id is None:
        return []
    return list(
        _with_places_taken(
            placements_published().filter(base__service_point_id=service_point_id)
        ).order_by("starts_on", "pk")[:limit]
    )
