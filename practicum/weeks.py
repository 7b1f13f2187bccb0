"""Weeks of a placement (R15): pure rules on dates, no ORM and no clock (`today` is a
parameter). A weekly log covers one week, Monday to Sunday."""

import datetime as dt

MINUTES_PER_DAY = 24 * 60


def days_inside(*, monday: dt.date, starts_on: dt.date, ends_on: dt.date) -> int:
    """How many days of the week beginning `monday` fall inside the period (0 to 7)."""
    first = max(monday, starts_on)
    last = min(monday + dt.timedelta(days=6), ends_on)
    return max((last - first).days + 1, 0)


def week_capacity_minutes(*, monday: dt.date, starts_on: dt.date, ends_on: dt.date) -> int:
    """The most a week can hold: 24 hours for each of its days inside the period (R15: no more
    hours than a week can hold)."""
    return MINUTES_PER_DAY * days_inside(monday=monday, starts_on=starts_on, ends_on=ends_on)


def week_problem(
    *, monday: dt.date, starts_on: dt.date, ends_on: dt.date, today: dt.date
) -> str | None:
    """Why a week cannot be logged for a placement, or None: it must begin on a Monday, have a
    day inside the placement period and not lie in the future (R15)."""
    if monday.weekday() != 0:
        return "not_monday"
    if days_inside(monday=monday, starts_on=starts_on, ends_on=ends_on) == 0:
        return "outside"
    if monday > today:
        return "future"
    return None


def weeks_due(
    *, starts_on: dt.date, ends_on: dt.date, today: dt.date, logged: set[dt.date]
) -> list[dt.date]:
    """Mondays of the placement's weeks up to this week that have no log yet, oldest first."""
    monday = starts_on - dt.timedelta(days=starts_on.weekday())
    due = []
    while monday <= min(today, ends_on):
        if monday not in logged:
            due.append(monday)
        monday += dt.timedelta(days=7)
    return due


def periods_overlap(*, first: tuple[dt.date, dt.date], second: tuple[dt.date, dt.date]) -> bool:
    """Whether two closed date ranges share at least one day."""
    return first[0] <= second[1] and second[0] <= first[1]
