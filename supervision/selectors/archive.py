"""What a station's yearly archive and a supervisor's portfolio hold (R7)."""

from django.db.models import (
    Count,
    Exists,
    OuterRef,
    Prefetch,
    QuerySet,
)

from directory.models import ServicePoint
from supervision.models import (
    Supervisee,
    SupervisionSession,
    SupervisorProfile,
)
from supervision.selectors.counting import HELD, OPEN_STATES


def sessions_for_archive(*, service_point: ServicePoint, year: int) -> QuerySet[SupervisionSession]:
    """Every session of a station's year, oldest first, with supervisors and supervisees."""
    return (
        SupervisionSession.objects.filter(service_point=service_point, held_on__year=year)
        .order_by("started_at", "pk")
        .prefetch_related(
            Prefetch(
                "supervisors",
                queryset=SupervisorProfile.objects.select_related("person", "grade"),
            ),
            Prefetch(
                "supervisees",
                queryset=Supervisee.objects.select_related("person").order_by("pk"),
            ),
        )
    )


def sessions_for_portfolio(*, supervisor: SupervisorProfile) -> QuerySet[SupervisionSession]:
    """Every held session a supervisor gave, oldest first (for the promotion file, R7)."""
    open_parts = Supervisee.objects.filter(session=OuterRef("pk"), state__in=OPEN_STATES)
    return (
        SupervisionSession.objects.filter(supervisors=supervisor, status=HELD)
        .annotate(
            supervisee_count=Count("supervisees"),
            open=Exists(open_parts),
        )
        .select_related("service_point")
        .order_by("started_at", "pk")
    )
