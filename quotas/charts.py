"""Progress over the months of a year, as SVG coordinates for the worker's page."""

import datetime as dt
from collections import defaultdict

from django.db.models import Sum
from django.db.models.functions import ExtractMonth

from directory.models import Person
from lms.models import HourEntry
from quotas.evaluation import Result
from quotas.models import Measure
from supervision.models import Supervisee, SupervisionSession

WIDTH, HEIGHT = 240, 60


def monthly_minutes(*, person: Person, year: int) -> tuple[dict, dict]:
    """Training minutes by (month, kind, level) and confirmed supervision by (month, level)."""
    training = defaultdict(int)
    for month, kind, level, total in (
        HourEntry.objects.filter(person=person, on__year=year)
        .annotate(month=ExtractMonth("on"))
        .values_list("month", "kind", "providing_level")
        .annotate(total=Sum("minutes"))
        .order_by()
    ):
        training[month, kind, level] += total
    supervision = defaultdict(int)
    for month, level, total in (
        Supervisee.objects.filter(
            person=person,
            held_on__year=year,
            state=Supervisee.State.CONFIRMED,
            session__status=SupervisionSession.Status.HELD,
        )
        .annotate(month=ExtractMonth("held_on"))
        .values_list("month", "providing_level")
        .annotate(total=Sum("minutes"))
        .order_by()
    ):
        supervision[month, level] += total
    return training, supervision


def _month_total(result: Result, month: int, training: dict, supervision: dict) -> int:
    rule = result.rule
    if rule.measure == Measure.SUPERVISION_RECEIVED:
        return sum(
            minutes
            for (m, level), minutes in supervision.items()
            if m == month and (not rule.providing_level or level == rule.providing_level)
        )
    return sum(
        minutes
        for (m, kind, level), minutes in training.items()
        if m == month
        and (not rule.training_kind or kind == rule.training_kind)
        and (not rule.providing_level or level == rule.providing_level)
    )


def progress_line(
    result: Result, *, training: dict, supervision: dict, year: int, today: dt.date
) -> str:
    """SVG polyline points of cumulative progress (share of the quota) month by month, up to
    the current month; the quota is the top edge."""
    last_month = 12 if today.year > year else today.month
    points, done = [f"0,{HEIGHT}"], 0
    for month in range(1, last_month + 1):
        done += _month_total(result, month, training, supervision)
        share = min(done / result.owed, 1.0) if result.owed else 1.0
        points.append(f"{WIDTH * month // 12},{round(HEIGHT * (1 - share))}")
    return " ".join(points)
