import datetime as dt

import pytest

from lms import hours, rules

NOW = dt.datetime(2026, 3, 1, 9, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("attended", "held", "percent", "done"),
    [(4, 5, 80, True), (3, 5, 80, False), (5, 5, 100, True), (0, 0, 80, False), (1, 1, 0, True)],
)
def test_r11_completion_by_share_of_sessions_attended(attended, held, percent, done):
    assert (
        hours.run_completed(
            attended_sessions=attended, held_sessions=held, threshold_percent=percent
        )
        is done
    )


def test_r12_partial_attendance_still_credits_minutes_attended():
    assert hours.credited_minutes(attended_session_minutes=[180, 90]) == 270
    assert not hours.run_completed(attended_sessions=2, held_sessions=5, threshold_percent=80)


@pytest.mark.parametrize(
    ("minutes", "days", "problem"),
    [
        (0, 1, "not_positive"),
        (-60, 1, "not_positive"),
        (24 * 60 + 1, 1, "over_day"),
        (48 * 60, 2, None),
        (90, 1, None),
        (60, 0, "dates"),
        (60, 366, None),
        (60, 367, "span"),
        (60, 2000 * 366, "span"),
    ],
)
def test_external_minutes_bounds(minutes, days, problem):
    start = dt.date(2026, 5, 1)
    end = start + dt.timedelta(days=days - 1)
    assert hours.external_minutes_problem(minutes=minutes, starts_on=start, ends_on=end) == problem


def test_r13_shortfall_per_level_never_negative():
    assert hours.shortfall_minutes(owed=40 * 60, credited=30 * 60) == 600
    assert hours.shortfall_minutes(owed=20 * 60, credited=30 * 60) == 0


@pytest.mark.parametrize(
    ("kwargs", "problem"),
    [
        ({}, None),
        ({"mode": "assigned"}, "assigned_only"),
        ({"now": NOW + dt.timedelta(days=2)}, "deadline"),
        ({"in_audience": False}, "audience"),
        ({"already_active": True}, "twice"),
    ],
)
def test_self_enrolment_problems(kwargs, problem):
    args = {
        "now": NOW,
        "deadline": NOW + dt.timedelta(days=1),
        "mode": "open",
        "in_audience": True,
        "already_active": False,
    } | kwargs
    assert rules.self_enrolment_problem(**args) == problem


def test_cancellation_until_deadline():
    deadline = NOW + dt.timedelta(hours=1)
    assert rules.cancellation_problem(now=NOW, deadline=deadline, status="enrolled") is None
    assert (
        rules.cancellation_problem(
            now=deadline + dt.timedelta(seconds=1), deadline=deadline, status="enrolled"
        )
        == "deadline"
    )
    assert (
        rules.cancellation_problem(now=NOW, deadline=deadline, status="cancelled") == "not_active"
    )


@pytest.mark.parametrize(
    ("paths", "roles", "audience_paths", "audience_roles", "inside"),
    [
        (["0001"], ["resident_worker"], [], [], True),
        (["00010002"], ["resident_worker"], ["0001"], [], True),
        (["00020001"], ["resident_worker"], ["0001"], [], False),
        (["0001"], ["resident_worker"], [], ["station_head"], False),
        (["0001"], ["station_head"], ["0001"], ["station_head"], True),
    ],
)
def test_audience_by_region_subtree_and_role(paths, roles, audience_paths, audience_roles, inside):
    assert (
        rules.in_audience(
            person_paths=paths,
            person_roles=roles,
            audience_paths=audience_paths,
            audience_roles=audience_roles,
        )
        is inside
    )


TOP_DOWN = ["province", "city", "county", "township"]


@pytest.mark.parametrize(
    ("held", "levels"),
    [
        ({"county"}, {"county", "township"}),
        ({"city"}, {"city", "county", "township"}),
        ({"township"}, {"township"}),
        ({"township", "city"}, {"city", "county", "township"}),
        (set(), set()),
    ],
)
def test_r12_r13_approver_credits_own_level_or_below(held, levels):
    assert hours.levels_at_or_below(held=held, top_down=TOP_DOWN) == levels
