"""The plain rules the home pages use: a term's countdown in months (R6), the report a station
works on now (R17), and when an administrator lands on a dashboard."""

import datetime as dt

import pytest

from accounts import role_homes
from quotas import rules
from supervision import terms

D = dt.date


@pytest.mark.parametrize(
    ("end", "today", "months"),
    [
        (D(2027, 4, 7), D(2026, 12, 3), 4),
        (D(2027, 4, 2), D(2026, 12, 3), 3),
        (D(2026, 12, 31), D(2026, 12, 3), 0),
        (D(2026, 11, 30), D(2026, 12, 3), -1),
    ],
)
def test_r6_months_left_counts_whole_months(end, today, months):
    assert terms.months_left(planned_end_on=end, today=today) == months


@pytest.mark.parametrize(
    ("today", "current", "month"),
    [
        (D(2026, 12, 3), True, D(2026, 12, 1)),  # Yunlong: the current month's table
        (D(2026, 12, 3), False, D(2026, 11, 1)),  # the month just ended
        (D(2027, 1, 31), False, D(2026, 12, 1)),
    ],
)
def test_r17_the_report_worked_on_now(today, current, month):
    assert rules.report_month_now(today=today, covers_current_month=current) == month


def test_only_an_administrator_with_one_region_and_nothing_else_lands():
    region = object()
    admin = role_homes.ADMINISTRATOR
    assert role_homes.landing_region(sections=[admin], regions=[region]) is region
    assert role_homes.landing_region(sections=[admin], regions=[region, object()]) is None
    assert role_homes.landing_region(sections=[role_homes.WORKER, admin], regions=[region]) is None
