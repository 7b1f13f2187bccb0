"""Weeks of a placement (R15): pure date rules."""

import datetime as dt

import pytest

from practicum import weeks

STARTS, ENDS = dt.date(2026, 3, 4), dt.date(2026, 6, 28)  # a Wednesday to a Sunday


@pytest.mark.parametrize(
    ("monday", "days"),
    [
        (dt.date(2026, 3, 2), 5),  # Wednesday to Sunday of the first week
        (dt.date(2026, 3, 9), 7),
        (dt.date(2026, 6, 22), 7),
        (dt.date(2026, 6, 29), 0),
        (dt.date(2026, 2, 23), 0),
    ],
)
def test_r15_days_of_a_week_inside_the_period(monday, days):
    assert weeks.days_inside(monday=monday, starts_on=STARTS, ends_on=ENDS) == days
    assert weeks.week_capacity_minutes(monday=monday, starts_on=STARTS, ends_on=ENDS) == (
        days * 24 * 60
    )


@pytest.mark.parametrize(
    ("monday", "problem"),
    [
        (dt.date(2026, 3, 3), "not_monday"),
        (dt.date(2026, 2, 23), "outside"),
        (dt.date(2026, 4, 20), "future"),
        (dt.date(2026, 4, 13), None),  # the current week may be logged
        (dt.date(2026, 3, 2), None),
    ],
)
def test_r15_week_problem(monday, problem):
    today = dt.date(2026, 4, 15)
    assert weeks.week_problem(monday=monday, starts_on=STARTS, ends_on=ENDS, today=today) == problem


def test_r15_weeks_due_are_the_unlogged_weeks_up_to_this_one():
    due = weeks.weeks_due(
        starts_on=STARTS, ends_on=ENDS, today=dt.date(2026, 3, 24), logged={dt.date(2026, 3, 9)}
    )
    assert due == [dt.date(2026, 3, 2), dt.date(2026, 3, 16), dt.date(2026, 3, 23)]


def test_periods_overlap_on_a_shared_day():
    a = (dt.date(2026, 3, 1), dt.date(2026, 3, 31))
    assert weeks.periods_overlap(first=a, second=(dt.date(2026, 3, 31), dt.date(2026, 4, 30)))
    assert not weeks.periods_overlap(first=a, second=(dt.date(2026, 4, 1), dt.date(2026, 4, 30)))
