"""Supervision a person gave to placement students, for their portfolio (R7) under its own
heading; it never counts towards the supervision quotas (R8, R9)."""

from django.db.models import Count, Sum
from django.db.models.functions import ExtractYear

from directory.models import Person
from practicum.models import StudentSupervision


def student_supervision_by_year(*, person: Person) -> list[dict]:
    """Per calendar year, newest first: {"year", "count", "minutes"} of the student supervisions
    the person gave, in one query."""
    return list(
        StudentSupervision.objects.filter(supervisor=person)
        .annotate(year=ExtractYear("held_on"))
        .values("year")
        .annotate(count=Count("pk"), minutes=Sum("minutes"))
        .order_by("-year")
    )


def student_supervisions_of_placement(*, placement) -> list[StudentSupervision]:
    """A placement's supervision records, newest first, with supervisor and students at hand."""
    return list(
        StudentSupervision.objects.filter(placement=placement)
        .select_related("supervisor")
        .prefetch_related("students__student__person")
    )
