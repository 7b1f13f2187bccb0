"""R14: the scoring methods and tie rules on worked examples (no database)."""

import pytest

from competitions import scoring
from competitions.scoring import Criterion

RUBRIC = [Criterion(1, 60, 0, 10), Criterion(2, 40, 0, 10)]


def test_a_judges_total_is_the_weighted_share_of_the_ranges_on_100():
    assert scoring.judge_total(scores={1: 8, 2: 6}, criteria=RUBRIC) == pytest.approx(72)
    assert scoring.judge_total(scores={1: 10, 2: 10}, criteria=RUBRIC) == 100
    assert scoring.judge_total(scores={1: 0, 2: 0}, criteria=RUBRIC) == 0


def test_ranges_other_than_zero_to_ten_count_as_shares():
    rubric = [Criterion(1, 1, 60, 100)]
    assert scoring.judge_total(scores={1: 80}, criteria=rubric) == pytest.approx(50)


def test_mean_of_judges_totals():
    totals = {(1, 10): 80, (1, 11): 70, (2, 10): 60, (2, 11): 60}
    scores = scoring.entry_scores(totals=totals, method=scoring.MEAN)
    assert scores == {1: (75, 2, False), 2: (60, 2, False)}


def test_trimmed_mean_drops_highest_and_lowest_from_five_judges():
    five = {(1, j): t for j, t in enumerate([90, 80, 70, 60, 10])}
    assert scoring.entry_scores(totals=five, method=scoring.TRIMMED_MEAN) == {1: (70, 5, True)}


def test_trimmed_mean_with_four_judges_is_the_plain_mean_and_says_so():
    four = {(1, j): t for j, t in enumerate([90, 80, 70, 10])}
    assert scoring.entry_scores(totals=four, method=scoring.TRIMMED_MEAN) == {1: (62.5, 4, False)}


def harsh_judge_round() -> dict:
    """Entries 1 and 2 are equally good (80), 3 is 70, 4 is 60. Judge 10 is fair and scores 1, 3
    and 4; judge 30 is harsh (30 points lower on everything) and scores 2, 3 and 4; judge 20 is
    fair and scores 1 and 2."""
    return {
        (1, 10): 80,
        (3, 10): 70,
        (4, 10): 60,
        (2, 30): 50,
        (3, 30): 40,
        (4, 30): 30,
        (1, 20): 80,
        (2, 20): 80,
    }


def test_a_harsh_judge_sinks_the_entries_they_get_under_the_mean():
    scores = scoring.entry_scores(totals=harsh_judge_round(), method=scoring.MEAN)
    assert scores[1][0] == 80 and scores[2][0] == 65


def test_standardised_scores_undo_a_harsh_judge():
    scores = scoring.entry_scores(totals=harsh_judge_round(), method=scoring.STANDARDISED)
    assert scores[1][0] == pytest.approx(scores[2][0])
    assert scores[1][0] > scores[3][0] > scores[4][0]
    assert scores[3][0] == pytest.approx(50)  # each judge's middle entry: z = 0


def test_shared_tie_rule_gives_equal_ranks_and_both_take_the_higher_award():
    scores = scoring.entry_scores(totals=harsh_judge_round(), method=scoring.STANDARDISED)
    ranked = scoring.rank(scores=scores, tie_rule=scoring.SHARED)
    assert [(r.entry, r.rank) for r in ranked] == [(1, 1), (2, 1), (3, 3), (4, 4)]
    awards = scoring.awards(ranked=ranked, levels=[("一等奖", 1), ("二等奖", 1), ("三等奖", 2)])
    assert awards == {1: "一等奖", 2: "一等奖", 3: "三等奖", 4: "三等奖"}


def test_by_criterion_tie_rule_prefers_the_heaviest_criterion_then_shares():
    scores = {1: (72.0, 3, False), 2: (72.0, 3, False), 3: (72.0, 3, False), 4: (90.0, 3, False)}
    shares = {1: [0.6, 0.9], 2: [0.9, 0.45], 3: [0.6, 0.9]}
    ranked = scoring.rank(scores=scores, tie_rule=scoring.BY_CRITERION, criterion_shares=shares)
    assert [(r.entry, r.rank) for r in ranked] == [(4, 1), (2, 2), (1, 3), (3, 3)]


def test_no_award_beyond_the_places_given():
    ranked = scoring.rank(
        scores={1: (90, 3, False), 2: (80, 3, False), 3: (70, 3, False)}, tie_rule=scoring.SHARED
    )
    assert scoring.awards(ranked=ranked, levels=[("一等奖", 1), ("二等奖", 1)]) == {
        1: "一等奖",
        2: "二等奖",
    }


def test_unknown_method_or_tie_rule_is_an_error():
    with pytest.raises(ValueError):
        scoring.entry_scores(totals={(1, 1): 50}, method="median")
    with pytest.raises(ValueError):
        scoring.rank(scores={1: (50, 1, False)}, tie_rule="coin")
