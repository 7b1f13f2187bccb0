"""Rules and reads behind the competition pages (R14): when results are public, where an entry
stands for its author, which contests take entries now."""

import datetime as dt

import pytest

from competitions import rules, selectors
from competitions.models import Competition
from tests.competitions.conftest import CLOSE, DURING, OPEN, make_competition

Phase, Status = rules.Phase, rules.EntryStatus


@pytest.mark.parametrize(
    ("phase", "shown"),
    [
        (Phase.SUBMISSION, False),
        (Phase.REVIEW_CLOSED, False),
        (Phase.NOTICE, True),
        (Phase.NOTICE_CLOSED, True),
        (Phase.FINAL, True),
    ],
)
def test_r14_results_are_public_from_the_notice_on(phase, shown):
    assert rules.results_public(phase=phase) is shown


@pytest.mark.parametrize(
    ("submitted", "frozen", "now", "status"),
    [
        (False, False, DURING, Status.DRAFT),
        (True, False, DURING, Status.SUBMITTED),
        (True, False, CLOSE, Status.FROZEN),
        (True, True, CLOSE, Status.FROZEN),
        (False, False, CLOSE, Status.NOT_SUBMITTED),
        (False, True, CLOSE + dt.timedelta(days=1), Status.NOT_SUBMITTED),
    ],
)
def test_r14_an_entry_is_frozen_at_the_deadline_even_before_the_task_runs(
    submitted, frozen, now, status
):
    assert (
        rules.entry_status(
            submitted_at=DURING if submitted else None,
            frozen_at=CLOSE if frozen else None,
            submissions_close_at=CLOSE,
            now=now,
        )
        == status
    )


def test_open_for_entries_leaves_out_drafts_quizzes_and_closed_calls(case, zhang_min, tree):
    make_competition(zhang_min.user, tree.county_a, title="草稿")
    quiz = make_competition(
        zhang_min.user, tree.county_a, kind=Competition.Kind.QUIZ, title="知识竞赛"
    )
    Competition.objects.filter(pk=quiz.pk).update(published_at=OPEN)
    assert list(selectors.competitions_open_for_entries(now=DURING)) == [case]
    assert not selectors.competitions_open_for_entries(now=CLOSE).exists()
    assert not selectors.competitions_open_for_entries(now=OPEN - dt.timedelta(hours=1)).exists()


def test_regions_managed_by_are_the_offices_in_scope(zhang_min, chen_jing, tree):
    levels = ("province", "city", "county")
    assert list(selectors.regions_managed_by(user=zhang_min.user, levels=levels)) == [tree.county_a]
