import datetime as dt

import pytest

from supervision import terms

D = dt.date


@pytest.mark.parametrize(
    ("starts_on", "planned_end_on", "warning"),
    [
        (D(2024, 1, 1), D(2026, 12, 31), None),  # exactly 3 years
        (D(2024, 1, 1), D(2028, 12, 31), None),  # exactly 5 years
        (D(2024, 1, 1), D(2026, 12, 30), "short"),
        (D(2024, 1, 1), D(2025, 6, 30), "short"),
        (D(2024, 1, 1), D(2029, 1, 1), "long"),
        (D(2024, 2, 29), D(2027, 2, 27), None),
    ],
)
def test_r6_term_against_a_suggested_3_to_5_years(starts_on, planned_end_on, warning):
    assert (
        terms.term_warning(
            starts_on=starts_on, planned_end_on=planned_end_on, min_years=3, max_years=5
        )
        == warning
    )


@pytest.mark.parametrize(
    ("planned_end_on", "warning"),
    [(D(2024, 12, 31), "short"), (D(2025, 12, 31), None), (D(2026, 1, 1), "long")],
)
def test_r6_term_against_another_regions_suggestion(planned_end_on, warning):
    got = terms.term_warning(
        starts_on=D(2024, 1, 1), planned_end_on=planned_end_on, min_years=2, max_years=2
    )
    assert got == warning


@pytest.mark.parametrize(("left", "due"), [(90, 90), (30, 30), (89, None), (31, None), (0, None)])
def test_r6_reminders_90_and_30_days_before(left, due):
    today = D(2026, 3, 1)
    assert terms.reminder_due(planned_end_on=today + dt.timedelta(days=left), today=today) == due


def test_days_left_counts_to_the_last_day():
    assert terms.days_left(planned_end_on=D(2026, 1, 10), today=D(2026, 1, 1)) == 9


@pytest.mark.parametrize(
    ("minutes", "problem"), [(0, "positive"), (-5, "positive"), (60, None), (61, "too_long")]
)
def test_minutes_within_session(minutes, problem):
    assert terms.minutes_problem(minutes=minutes, duration_minutes=60) == problem


def test_covers_is_inclusive():
    assert terms.covers(starts_on=D(2025, 1, 1), end_on=D(2025, 12, 31), day=D(2025, 12, 31))
    assert not terms.covers(starts_on=D(2025, 1, 1), end_on=D(2025, 12, 31), day=D(2026, 1, 1))


@pytest.mark.parametrize(
    ("workers", "ratio", "flag"), [(40, 40, False), (41, 40, True), (0, 40, False), (21, 20, True)]
)
def test_r24_more_workers_than_the_regions_ratio(workers, ratio, flag):
    assert terms.overloaded(workers=workers, workers_per_supervisor=ratio) is flag


@pytest.mark.parametrize(
    ("committee", "provider"), [("local", "county"), ("county", "county"), ("city", "city")]
)
def test_r8_local_experts_sessions_count_for_the_county(committee, provider):
    assert terms.providing_level(committee) == provider
