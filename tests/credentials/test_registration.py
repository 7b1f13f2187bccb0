import datetime as dt

import pytest

from credentials import registration as r

D = dt.date


def test_r21_registration_lasts_three_years():
    assert r.registration_ends_on(starts_on=D(2024, 3, 1)) == D(2027, 2, 28)


def test_r21_leap_day_start():
    assert r.registration_ends_on(starts_on=D(2024, 2, 29)) == D(2027, 2, 27)


def test_r21_first_registration_within_a_year():
    assert r.first_registration_due_on(passed_on=D(2023, 6, 18)) == D(2024, 6, 18)


@pytest.mark.parametrize(
    ("today", "status"),
    [
        (D(2024, 2, 1), "future"),
        (D(2025, 1, 1), "valid"),
        (D(2026, 11, 30), "valid"),
        (D(2026, 12, 1), "renewal_due"),
        (D(2027, 2, 28), "renewal_due"),
        (D(2027, 3, 1), "expired"),
    ],
)
def test_r21_renewal_window_is_three_months(today, status):
    assert (
        r.registration_status(starts_on=D(2024, 3, 1), ends_on=D(2027, 2, 28), today=today)
        == status
    )


@pytest.mark.parametrize(
    ("level", "since", "education", "major", "expected"),
    [
        ("intermediate", D(2025, 1, 1), "college", False, (True, "holds_intermediate")),
        ("assistant", D(2020, 1, 1), "college", False, (True, "assistant_three_years")),
        ("assistant", D(2024, 1, 1), "college", False, (False, "none")),
        (None, None, "bachelor", True, (True, "social_work_degree")),
        (None, None, "bachelor", False, (False, "none")),
    ],
)
def test_r3_professional_staff(level, since, education, major, expected):
    assert (
        r.is_professional_staff(
            level=level,
            level_held_since=since,
            education=education,
            social_work_major=major,
            today=D(2025, 6, 1),
        )
        == expected
    )
