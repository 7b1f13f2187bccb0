"""Placement hours: what the field supervisor confirmed, against what the programme requires
(R15). Minutes throughout; `core.units` shows them as hours."""

from dataclasses import dataclass

from django.db.models import Q, Sum

from practicum.models import Application, WeeklyLog


@dataclass(frozen=True)
class HoursProgress:
    confirmed_minutes: int
    submitted_minutes: int  # waiting for the field supervisor
    required_minutes: int

    @property
    def met(self) -> bool:
        return self.confirmed_minutes >= self.required_minutes


def progress_by_application(applications) -> dict[int, HoursProgress]:
    """Each application's confirmed and waiting minutes against its programme's requirement, in
    one query (`applications` must have `student__programme` at hand or be a queryset)."""
    rows = (
        Application.objects.filter(pk__in=[a.pk for a in applications])
        .values("pk", "student__programme__required_hours")
        .annotate(
            confirmed=Sum(
                "weekly_logs__minutes",
                filter=Q(weekly_logs__state=WeeklyLog.State.CONFIRMED),
                default=0,
            ),
            submitted=Sum(
                "weekly_logs__minutes",
                filter=Q(weekly_logs__state=WeeklyLog.State.SUBMITTED),
                default=0,
            ),
        )
    )
    return {
        row["pk"]: HoursProgress(
            confirmed_minutes=row["confirmed"],
            submitted_minutes=row["submitted"],
            required_minutes=row["student__programme__required_hours"] * 60,
        )
        for row in rows
    }


def progress_of(application: Application) -> HoursProgress:
    return progress_by_application([application])[application.pk]
