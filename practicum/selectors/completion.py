"""Reads for the completion pages (R15): placements in progress with their hours, evaluations and
grade, each list in a fixed number of queries."""

from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404

from accounts.models import User
from practicum.models import Application, Evaluation
from practicum.selectors.visibility import applications_visible_to


def placements_in_progress_for(*, user: User) -> QuerySet[Application]:
    """Accepted applications the user may see, with what the list shows at hand."""
    return (
        applications_visible_to(user)
        .filter(state=Application.State.ACCEPTED)
        .select_related(
            "student__person",
            "student__programme",
            "placement__base__service_point",
            "placement__base__agency",
        )
        .prefetch_related(
            Prefetch(
                "evaluations", queryset=Evaluation.objects.only("application", "stage", "party")
            )
        )
        .order_by("-placement__starts_on", "pk")
    )


def application_record(*, user: User, application_id: int) -> Application:
    """One placement record the user may see, with its people and base; 404 otherwise."""
    return get_object_or_404(
        applications_visible_to(user).select_related(
            "student__person",
            "student__tutor",
            "student__programme",
            "placement__base__university",
            "placement__base__service_point",
            "placement__base__agency",
            "placement__field_supervisor",
            "placement__tutor",
        ),
        pk=application_id,
    )
