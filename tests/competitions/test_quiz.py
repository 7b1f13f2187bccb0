"""R14: drawing a paper by the blueprint, one answer key per kind (no database)."""

import random

import pytest

from competitions import quiz
from competitions.quiz import BlueprintLine

BANK = {("政策法规", 1): list(range(1, 11)), ("政策法规", 2): [11, 12, 13], ("实务", 1): [21, 22]}
BLUEPRINT = [
    BlueprintLine("政策法规", 1, 5),
    BlueprintLine("政策法规", 2, 2),
    BlueprintLine("实务", 1, 2),
]


def test_a_paper_follows_the_blueprint_without_repeats():
    paper = quiz.draw(blueprint=BLUEPRINT, bank=BANK, rng=random.Random(7))
    assert len(paper) == len(set(paper)) == 9
    assert len([q for q in paper if q <= 10]) == 5
    assert len([q for q in paper if 11 <= q <= 13]) == 2
    assert {21, 22} <= set(paper)


def test_the_same_seed_draws_the_same_paper_and_another_seed_another():
    first = quiz.draw(blueprint=BLUEPRINT, bank=BANK, rng=random.Random(7))
    assert quiz.draw(blueprint=BLUEPRINT, bank=BANK, rng=random.Random(7)) == first
    others = {
        tuple(quiz.draw(blueprint=BLUEPRINT, bank=BANK, rng=random.Random(s))) for s in range(8)
    }
    assert len(others) > 1


def test_a_bank_too_small_is_refused_with_what_is_missing():
    line = [BlueprintLine("实务", 1, 3)]
    assert quiz.shortfalls(blueprint=line, bank=BANK) == [("实务", 1, 3, 2)]
    with pytest.raises(quiz.BankTooSmall):
        quiz.draw(blueprint=line, bank=BANK, rng=random.Random(1))


def test_answers_are_right_only_when_exact():
    assert quiz.is_correct(kind=quiz.SINGLE, key=[2], answer=[2])
    assert not quiz.is_correct(kind=quiz.SINGLE, key=[2], answer=[2, 3])
    assert quiz.is_correct(kind=quiz.TRUE_FALSE, key=[0], answer=[0])
    assert quiz.is_correct(kind=quiz.MULTIPLE, key=[0, 2], answer=[2, 0])
    assert not quiz.is_correct(kind=quiz.MULTIPLE, key=[0, 2], answer=[0])
    assert not quiz.is_correct(kind=quiz.MULTIPLE, key=[0, 2], answer=[])
    assert quiz.score(results=[True, False, True]) == 2
