import datetime as dt

import pytest

from quotas import rules

D = dt.date


@pytest.mark.parametrize(
    ("year", "expected"), [(2020, 30), (2021, 30), (2022, 40), (2023, 50), (2030, 100)]
)
def test_r4_certified_share_grows_ten_points_a_year(year, expected):
    assert (
        rules.threshold_for_year(
            threshold=30, growth_per_year=10, base_year=2021, year=year, cap=100
        )
        == expected
    )


@pytest.mark.parametrize(
    ("achieved", "owed", "elapsed", "expected"),
    [
        (24 * 60, 24 * 60, 0.5, "met"),
        (14 * 60, 24 * 60, 0.5, "on_track"),
        (11 * 60, 24 * 60, 0.5, "at_risk"),
        (5 * 60, 24 * 60, 0.5, "behind"),
        (23 * 60, 24 * 60, 1.0, "behind"),
        (0, 0, 0.3, "met"),
    ],
)
def test_status_compares_progress_with_elapsed_share(achieved, owed, elapsed, expected):
    assert rules.status(achieved=achieved, owed=owed, elapsed=elapsed) == expected


def test_elapsed_share_of_a_year():
    assert (
        rules.elapsed_share(starts_on=D(2025, 1, 1), ends_on=D(2025, 12, 31), today=D(2024, 12, 1))
        == 0
    )
    assert (
        rules.elapsed_share(starts_on=D(2025, 1, 1), ends_on=D(2025, 12, 31), today=D(2026, 1, 1))
        == 1
    )
    half = rules.elapsed_share(
        starts_on=D(2025, 1, 1), ends_on=D(2025, 12, 31), today=D(2025, 7, 2)
    )
    assert 0.49 < half < 0.51


def test_r13_shortfall_never_negative():
    assert rules.shortfall(achieved=30, owed=24) == 0
    assert rules.shortfall(achieved=10, owed=24) == 14


@pytest.mark.parametrize(
    ("month", "staff", "cap"),
    [(dt.date(2025, 5, 1), 1, 744), (dt.date(2025, 2, 1), 3, 2016), (dt.date(2025, 5, 1), 0, 744)],
)
def test_r17_work_hours_cap_is_every_hour_of_the_month_per_person(month, staff, cap):
    assert rules.work_hours_cap(month=month, staff=staff) == cap
