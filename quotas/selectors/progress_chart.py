"""Progress over the months of a year, drawn as SVG on the server.

Two charts: the worker's own line per rule (cumulative share of the quota, month by month) and
a region's or station's columns (how the people's rule results stood at the end of each month:
met, on track, at risk, behind), each with the numbers a table beside it shows.
"""

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass

from core import units
from directory.models import Person
from lms import selectors as lms_selectors
from quotas import rules
from quotas.models import Measure, Period
from quotas.selectors import rule_results
from quotas.selectors.facts import StaffRow, amounts_for
from quotas.selectors.rule_results import Result
from supervision import selectors as supervision_selectors

WIDTH, HEIGHT = 240, 60
# Stacked from the bottom of each month's column, best first.
COLUMN_ORDER = (rules.MET, rules.ON_TRACK, rules.ADVISORY, rules.AT_RISK, rules.BEHIND)
COLUMN_HEIGHT, COLUMN_PITCH, COLUMN_WIDTH, AXIS_WIDTH = 200, 40, 28, 40


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


def _last_month(year: int, today: dt.date) -> int:
    """The months of `year` that have begun by `today`: 12 for a past year, 0 for a future one."""
    if today.year != year:
        return 12 if today.year > year else 0
    return today.month


@dataclass(frozen=True)
class Line:
    """The worker's cumulative progress on one rule: SVG polyline points (the quota is the
    top edge) and, for the table beside the chart, hours done by the end of each month."""

    points: str
    months: list[tuple[int, str]]  # (month, done by its end, in the rule's unit, as text)
    owed: str  # the year's quota, in the rule's unit, as text


def progress_line(
    result: Result, *, training: dict, supervision: dict, year: int, today: dt.date
) -> Line | None:
    """Cumulative progress (share of the quota) month by month, up to the current month. None
    for results no line describes: rules counted over a registration period (R22) or in
    distinct days (R11), and results that do not apply."""
    if (
        result.rule.period != Period.CALENDAR_YEAR
        or not result.counted
        or rule_results.counts_days(result.rule)
    ):
        return None
    points, months, done = [f"0,{HEIGHT}"], [], 0
    for month in range(1, _last_month(year, today) + 1):
        done += _month_total(result, month, training, supervision)
        share = min(done / result.owed, 1.0) if result.owed else 1.0
        points.append(f"{WIDTH * month // 12},{round(HEIGHT * (1 - share))}")
        months.append((month, rule_results.amount_text(result.rule, done)))
    return Line(" ".join(points), months, rule_results.amount_text(result.rule, result.owed))


# A region's or a station's people, month by month


@dataclass(frozen=True)
class Segment:
    status: str
    count: int
    percent: int
    y: int
    height: int


@dataclass(frozen=True)
class MonthColumn:
    """How the (person, rule) results stood at the end of one month (or today, this month)."""

    month: int
    total: int
    segments: list[Segment]  # every status of COLUMN_ORDER, in that order
    x: int

    def count(self, status: str) -> int:
        return next(segment.count for segment in self.segments if segment.status == status)


def _column(month: int, counts: Counter) -> MonthColumn:
    total = sum(counts.values())
    segments, top = [], COLUMN_HEIGHT
    for status in COLUMN_ORDER:
        height = round(COLUMN_HEIGHT * counts[status] / total) if total else 0
        height = min(height, top)  # rounding never pushes the stack above the axis
        top -= height
        segments.append(
            Segment(status, counts[status], units.percent(counts[status], total) or 0, top, height)
        )
    return MonthColumn(month, total, segments, AXIS_WIDTH + (month - 1) * COLUMN_PITCH + 6)


def month_columns(
    *,
    placed: list[tuple[StaffRow, set[str]]],
    year_rules: rule_results.YearRules,
    year: int,
    today: dt.date,
) -> list[MonthColumn]:
    """For each month of `year` begun by `today`, the statuses of every person's calendar-year
    rules as they stood at the month's end: the minutes and days credited by then against the
    year's quota at that point of the year (`rules.status`). `placed` are the people of a
    dashboard (`dashboards._placed`). Three grouped queries whatever their number."""
    last_month = _last_month(year, today)
    keys = year_rules.amount_keys()
    if not placed or not keys or not last_month:
        return []
    people = [row.person_id for row, _roles in placed]
    training = lms_selectors.people_month_minutes(people=people, year=year)
    received = supervision_selectors.people_month_received(people=people, year=year)
    days = (
        lms_selectors.people_year_training_days(people=people, year=year)
        if any(key[0] == "days" for key in keys)
        else {}
    )
    at_month_end = [
        rule_results.YearRules(
            year_rules.rules,
            year=year,
            today=min(rules.month_end(dt.date(year, month, 1)), today),
            with_sentences=False,
        )
        for month in range(1, last_month + 1)
    ]
    counts: list[Counter] = [Counter() for _ in at_month_end]
    for row, roles in placed:
        by_month_training: dict[int, dict] = defaultdict(dict)
        for (month, kind, level), minutes in training.get(row.person_id, {}).items():
            by_month_training[month][(kind, level)] = minutes
        by_month_received: dict[int, dict] = defaultdict(dict)
        for (month, level), minutes in received.get(row.person_id, {}).items():
            by_month_received[month][level] = minutes
        person_days = days.get(row.person_id, [])
        done_training: Counter = Counter()
        done_received: Counter = Counter()
        for index, month_rules in enumerate(at_month_end):
            month = index + 1
            done_training.update(by_month_training.get(month, {}))
            done_received.update(by_month_received.get(month, {}))
            amounts = amounts_for(
                keys,
                training=done_training,
                received={
                    level: {"confirmed": minutes, "pending": 0}
                    for level, minutes in done_received.items()
                },
                days=[entry for entry in person_days if entry[0].month <= month],
            )
            for _rule, status, _achieved, _pending in month_rules.person_statuses(
                path=row.path, roles=roles, levels=row.levels, amounts=amounts
            ):
                counts[index][status] += 1
    return [_column(index + 1, month_counts) for index, month_counts in enumerate(counts)]
