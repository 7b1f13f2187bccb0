"""Pure rules of competitions (R14) on plain values."""

import datetime as dt
from decimal import Decimal

import pytest

from competitions import rules

T = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
DAY = dt.timedelta(days=1)
DATES = {
    "published_at": T - DAY,
    "submissions_open_at": T,
    "submissions_close_at": T + 10 * DAY,
    "review_closes_at": T + 20 * DAY,
    "notice_starts_at": T + 21 * DAY,
    "notice_ends_at": T + 28 * DAY,
    "finalised_at": None,
}


@pytest.mark.parametrize(
    ("offset", "phase"),
    [
        (-1, "call"),
        (0, "submission"),
        (10, "review"),
        (20, "review_closed"),
        (21, "notice"),
        (28, "notice_closed"),
    ],
)
def test_r14_phase_follows_the_dates(offset, phase):
    assert rules.phase(now=T + offset * DAY, **DATES) == phase


def test_r14_eligible_place_needs_region_and_role_on_one_position():
    places = [(1, "0001000100020001", "administrative"), (2, "0001000100030001", "resident_worker")]
    assert (
        rules.eligible_place(
            places=places, eligible_paths=["000100010002"], eligible_roles=["resident_worker"]
        )
        is None
    )
    assert (
        rules.eligible_place(
            places=places, eligible_paths=["00010001"], eligible_roles=["resident_worker"]
        )
        == 2
    )
    assert rules.eligible_place(places=places, eligible_paths=["00010001"], eligible_roles=[]) == 1


@pytest.mark.parametrize(
    ("value", "comment", "problem"),
    [
        ("10.5", "", "out_of_range"),
        ("1", "", "comment_required"),
        ("1", "差", None),
        ("9", "", "comment_required"),
        ("5", "", None),
    ],
)
def test_r14_score_range_and_comments_for_extreme_scores(value, comment, problem):
    assert (
        rules.score_problem(
            value=Decimal(value),
            min_score=Decimal(0),
            max_score=Decimal(10),
            comment=comment,
            comment_at_or_below=Decimal(2),
            comment_at_or_above=Decimal(9),
        )
        == problem
    )


def test_r14_a_judges_file_name_keeps_only_the_extension():
    assert rules.file_name_for_judge(code="K7M-Q4P", index=2, original_name="王芳 案例.DOCX") == (
        "K7M-Q4P-2.docx"
    )
    assert rules.file_name_for_judge(code="K7M-Q4P", index=1, original_name="王芳") == "K7M-Q4P-1"


def test_r14_attempt_time_is_capped_at_the_close():
    assert rules.attempt_due_at(started_at=T, minutes=30, closes_at=T + DAY) == T + dt.timedelta(
        minutes=30
    )
    assert rules.attempt_due_at(
        started_at=T, minutes=30, closes_at=T + dt.timedelta(minutes=5)
    ) == (T + dt.timedelta(minutes=5))


def test_r14_the_digest_changes_with_any_file():
    one = rules.content_digest(title="t", sections={}, body="b", file_hashes=["a"])
    assert one != rules.content_digest(title="t", sections={}, body="b", file_hashes=["a", "b"])
