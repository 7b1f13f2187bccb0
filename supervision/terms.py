"""Rules on supervisors' terms and sessions: plain values, no ORM, no clock (`today` is passed).

R6 (Hangzhou): a suggested service term at a station, for stability; R24 (practice): a load of
workers per supervisor. Both numbers are region data (policy packs), passed in by the caller.
"""

import datetime as dt

REMINDER_DAYS = (90, 30)


def _add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def term_warning(
    *, starts_on: dt.date, planned_end_on: dt.date, min_years: int, max_years: int
) -> str | None:
    """R6: "short" when the term is under `min_years`, "long" when over `max_years` (the
    region's suggested term), else None.

    A term runs from `starts_on` up to and including `planned_end_on`, so 2024-01-01 to
    2026-12-31 is exactly three years.
    """
    after_end = planned_end_on + dt.timedelta(days=1)
    if after_end < _add_years(starts_on, min_years):
        return "short"
    if after_end > _add_years(starts_on, max_years):
        return "long"
    return None


def days_left(*, planned_end_on: dt.date, today: dt.date) -> int:
    """Days until a term's last day (0 on the day itself, negative once past)."""
    return (planned_end_on - today).days


def months_left(*, planned_end_on: dt.date, today: dt.date) -> int:
    """Whole calendar months until a term's last day (R6 countdown): 0 within the last month,
    negative once past."""
    months = (planned_end_on.year - today.year) * 12 + planned_end_on.month - today.month
    return months - 1 if planned_end_on.day < today.day else months


def reminder_due(*, planned_end_on: dt.date, today: dt.date) -> int | None:
    """R6 reminders: 90 or 30 when the term ends in exactly that many days, else None."""
    left = days_left(planned_end_on=planned_end_on, today=today)
    return left if left in REMINDER_DAYS else None


def minutes_problem(*, minutes: int, duration_minutes: int) -> str | None:
    """A supervisee receives between 1 minute and the whole session: "positive" or "too_long"."""
    if minutes <= 0:
        return "positive"
    if minutes > duration_minutes:
        return "too_long"
    return None


def covers(*, starts_on: dt.date, end_on: dt.date, day: dt.date) -> bool:
    """Whether an assignment's term (first to last day, inclusive) covers `day`."""
    return starts_on <= day <= end_on


def overloaded(*, workers: int, workers_per_supervisor: int) -> bool:
    """R24: more workers than the region's load ratio (one supervisor to about
    `workers_per_supervisor` social workers) is flagged to administrators."""
    return workers > workers_per_supervisor


def providing_level(committee_level: str) -> str:
    """R8 attributes a session's minutes to the level that provides it; local (本土, R16)
    experts serve their county's committee, so the county provides their sessions."""
    return "county" if committee_level == "local" else committee_level
