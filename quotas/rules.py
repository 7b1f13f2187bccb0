"""Quota arithmetic on plain values (no ORM, no clock): thresholds that grow, statuses, gaps.

R4 and R18: a share that starts at a base value and grows by a number of points each year.
R11: a quota in days, converted with the pack's hours per training day.
R13: levels stack, never pool: each rule counts only what its own providing level gave.
"""

import datetime as dt

from core import units

MET, ON_TRACK, AT_RISK, BEHIND, NOT_APPLICABLE = "met", "on_track", "at_risk", "behind", "n/a"
ADVISORY = "advisory"  # an advisory requirement not (yet) met: shown, never behind (R1)
AT_RISK_MARGIN = 0.8  # below this share of the expected pace: behind, not just at risk


def threshold_for_year(
    *, threshold: int, growth_per_year: int, base_year: int | None, year: int, cap: int | None
) -> int:
    """R4, R18: the threshold in `year`, grown by `growth_per_year` from `base_year` (capped).
    Only years the rule is in force are evaluated, and a growing rule must end (its document's
    plan), so growth never runs past the plan."""
    if not growth_per_year or base_year is None or year <= base_year:
        return threshold
    grown = threshold + growth_per_year * (year - base_year)
    return min(grown, cap) if cap is not None else grown


def counts_toward(
    *, rule_kind: str = "", rule_level: str = "", kind: str = "", level: str = ""
) -> bool:
    """R13: minutes of a training `kind` given by a providing `level` count toward a rule that
    asks for `rule_kind` from `rule_level` ("" asks for any): levels stack, never pool."""
    return (not rule_kind or kind == rule_kind) and (not rule_level or level == rule_level)


def elapsed_share(*, starts_on: dt.date, ends_on: dt.date, today: dt.date) -> float:
    """How much of the period has passed, from 0.0 (not started) to 1.0 (over)."""
    if today < starts_on:
        return 0.0
    if today >= ends_on:
        return 1.0
    return ((today - starts_on).days + 1) / ((ends_on - starts_on).days + 1)


def status(*, achieved: int, owed: int, elapsed: float, advisory: bool = False) -> str:
    """Met when the threshold is reached; otherwise compare progress with the share of the period
    that has passed: on track at or above that pace, at risk a little below, behind well below
    (and behind whenever the period is over). An advisory requirement ("有条件的", R1) that is
    not met is only that: advisory, never at risk or behind."""
    if owed <= 0 or achieved >= owed:
        return MET
    if advisory:
        return ADVISORY
    if elapsed >= 1.0:
        return BEHIND
    expected = owed * elapsed
    if achieved >= expected:
        return ON_TRACK
    return AT_RISK if achieved >= expected * AT_RISK_MARGIN else BEHIND


def share_status(*, part: int, whole: int, owed_percent: int, elapsed: float) -> str:
    """R25: `part` of `whole` against a share of `owed_percent`, compared exactly (25 of 250
    stations reach 10 %, 24 do not), at the period's pace like any other count (`status`)."""
    return status(achieved=part * 100, owed=owed_percent * whole, elapsed=elapsed)


def shortfall(*, achieved: int, owed: int) -> int:
    """What is still owed on one quota line (R8, R12, R22); levels stack, never pool (R13)."""
    return max(owed - achieved, 0)


def month_end(month: dt.date) -> dt.date:
    following = dt.date(month.year + month.month // 12, month.month % 12 + 1, 1)
    return following - dt.timedelta(days=1)


def work_hours_cap(*, month: dt.date, staff: int) -> int:
    """R17: the most working hours a month's report can claim: every hour of every day of the
    month for each person on staff (one at least, for a station whose staff are not on file)."""
    return month_end(month).day * 24 * max(staff, 1)


def report_due_on(
    *, month: dt.date, due_day: int | None, covers_current_month: bool
) -> dt.date | None:
    """R17: the due date of the report on `month`: `due_day` of that same month for a report on
    the current month (Yunlong's progress table, "每月26日前": due the 25th), of the following
    month for a report on the month before; None where the region's policy gives no due day."""
    if due_day is None:
        return None
    if covers_current_month:
        return month.replace(day=due_day)
    return month_end(month) + dt.timedelta(days=due_day)


def report_month_now(*, today: dt.date, covers_current_month: bool) -> dt.date:
    """R17: the first day of the month whose report a station is working on `today`: the
    current month for a report on the current month (Yunlong), else the month before."""
    this_month = today.replace(day=1)
    if covers_current_month:
        return this_month
    return (this_month - dt.timedelta(days=1)).replace(day=1)


def report_may_open(*, month: dt.date, today: dt.date, covers_current_month: bool) -> bool:
    """R17: a report on the current month opens once the month has begun; any other report
    covers a month that has ended."""
    if covers_current_month:
        return month <= today
    return month_end(month) < today


def report_is_late(*, due_on: dt.date | None, submitted_on: dt.date | None, today: dt.date) -> bool:
    """Filed after the due day, or not filed and the due day has passed (R17); never late
    without a due day."""
    return due_on is not None and (submitted_on or today) > due_on


def service_time_share(*, service_hours: int, work_hours: int) -> int:
    """R18: professional service time as whole percent of all working time; hours on the
    negative list's administrative tasks are never service (R19), so they only add to the
    working time."""
    return units.percent(service_hours, work_hours) or 0


def hours_add_up(*, work_hours: int, service_hours: int, admin_hours: int) -> bool:
    """R18, R19: service and administrative hours are parts of the working time, never the same
    hours, so together they do not exceed it."""
    return service_hours + admin_hours <= work_hours


def visit_rate(*, visited: int, key_clients: int) -> int | None:
    """R20: key clients visited as whole percent (rounded down, so 100 means every one) of the
    key clients to visit; None when there are none."""
    return units.percent(visited, key_clients)


def list_items_are_valid(items) -> bool:
    """R19: a pack's list items are distinct non-empty texts of at most 100 characters."""
    return (
        isinstance(items, list)
        and all(isinstance(item, str) and 0 < len(item.strip()) <= 100 for item in items)
        and len({item.strip() for item in items}) == len(items)
    )


def proportional_score(*, achieved: int, owed: int, points: int) -> int:
    """Full points at or above the threshold, else in proportion (whole points, rounded down)."""
    if owed <= 0 or achieved >= owed:
        return points
    return points * achieved // owed


def grade_for(total: int, *, bands: list[list]) -> str:
    """R17: the yearly evaluation's grade from its total out of 100, under the grade `bands` of
    the region's policy pack: [floor, label] pairs from the highest floor down to 0."""
    return next(label for floor, label in bands if total >= floor)


def grades_are_valid(bands) -> bool:
    """R17: grade bands are [floor, label] pairs, floors falling from at most 100 down to 0, so
    every total out of 100 has exactly one grade."""
    if not isinstance(bands, list) or not bands:
        return False
    for band in bands:
        if not (isinstance(band, list) and len(band) == 2):
            return False
        floor, label = band
        if type(floor) is not int or not isinstance(label, str) or not label.strip():
            return False
    floors = [floor for floor, _label in bands]
    return floors[0] <= 100 and floors[-1] == 0 and floors == sorted(set(floors), reverse=True)
