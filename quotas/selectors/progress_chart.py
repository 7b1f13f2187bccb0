"""Progress over the months of a year, as SVG coordinates for the worker's page."""

import datetime as dt

from directory.models import Person
from lms import selectors as lms_selectors
from quotas import rules
from quotas.models import Measure, Period
from quotas.selectors import rule_results
from quotas.selectors.rule_results import Result
from supervision import selectors as supervision_selectors

WIDTH, HEIGHT = 240, 60


def monthly_minutes(*, person: Person, year: int) -> tuple[dict, dict]:
    """Training minutes by (month, kind, level) and confirmed supervision by (month, level)."""
    return (
        lms_selectors.person_month_minutes(person=person, year=year),
        supervision_selectors.person_month_received(person=person, year=year),
    )


def _month_total(result: Result, month: int, training: dict, supervision: dict) -> int:
    rule = result.rule
    if rule.measure == Measure.SUPERVISION_RECEIVED:
        return sum(
            minutes
            for (m, level), minutes in supervision.items()
            if m == month and rules.counts_toward(rule_level=rule.providing_level, level=level)
        )
    return sum(
        minutes
        for (m, kind, level), minutes in training.items()
        if m == month
        and rules.counts_toward(
            rule_kind=rule.training_kind, rule_level=rule.providing_level, kind=kind, level=level
        )
    )


def progress_line(
    result: Result, *, training: dict, supervision: dict, year: int, today: dt.date
) -> str:
    """SVG polyline points of cumulative progress (share of the quota) month by month, up to
    the current month; the quota is the top edge. Empty for results no line describes: rules
    counted over a registration period (R22) or in distinct days (R11), and results that do not
    apply."""
    if (
        result.rule.period != Period.CALENDAR_YEAR
        or not result.counted
        or rule_results.counts_days(result.rule)
    ):
        return ""
    last_month = 12 if today.year > year else today.month
    points, done = [f"0,{HEIGHT}"], 0
    for month in range(1, last_month + 1):
        done += _month_total(result, month, training, supervision)
        share = min(done / result.owed, 1.0) if result.owed else 1.0
        points.append(f"{WIDTH * month // 12},{round(HEIGHT * (1 - share))}")
    return " ".join(points)
