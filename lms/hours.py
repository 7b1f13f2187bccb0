"""Pure rules on training hours and completion (no ORM, no clock: dates are parameters).

R11: each resident worker receives ≥ 3 days of training a year, of five kinds.
R12: the city level ensures ≥ 20 h a year, the county level ≥ 40 h; hours count for the level
that provides them.
"""

import datetime as dt
from collections.abc import Iterable, Sequence

MINUTES_PER_DAY = 24 * 60
EXTERNAL_SPAN_DAYS_MAX = 366


def run_completed(*, attended_sessions: int, held_sessions: int, threshold_percent: int) -> bool:
    """A run is completed when the sessions attended reach `threshold_percent` of the sessions
    held (R11: training counts by attendance; a run sets its own rule, 80 % by default).
    A run with no session held is not completed by anyone."""
    if held_sessions <= 0:
        return False
    return attended_sessions * 100 >= threshold_percent * held_sessions


def credited_minutes(*, attended_session_minutes: Iterable[int]) -> int:
    """Partial attendance still credits the minutes of every session attended (R11, R12),
    whether or not the run is completed."""
    return sum(attended_session_minutes)


def external_minutes_problem(*, minutes: int, starts_on: dt.date, ends_on: dt.date) -> str | None:
    """Why a claimed external training is impossible (R11, R12): "dates" when it ends before it
    starts, "span" when it runs longer than a year, "not_positive" for ≤ 0 minutes, "over_day"
    for more than 24 h on average a day."""
    if ends_on < starts_on:
        return "dates"
    days = (ends_on - starts_on).days + 1
    if days > EXTERNAL_SPAN_DAYS_MAX:
        return "span"
    if minutes <= 0:
        return "not_positive"
    if minutes > days * MINUTES_PER_DAY:
        return "over_day"
    return None


def shortfall_minutes(*, owed: int, credited: int) -> int:
    """Minutes still owed on one quota line (R12); levels stack, never pool (R13)."""
    return max(owed - credited, 0)


def levels_at_or_below(*, held: Iterable[str], top_down: Sequence[str]) -> set[str]:
    """The providing levels an approver holding the levels `held` may credit (R12, R13): each
    held level and every level below it in `top_down` (province, city, county, township). Each
    quota counts only what its own level provided, so nobody vouches for a level above their
    own: a county approver credits county or township hours, never city hours."""
    held = set(held)
    tops = [index for index, level in enumerate(top_down) if level in held]
    return set(top_down[min(tops) :]) if tops else set()
