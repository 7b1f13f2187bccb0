"""Knowledge and skills contests (R14): drawing each person's questions by the competition's
blueprint and scoring the answers. Pure functions on plain values: the caller passes the random
generator, so a draw is reproducible from its seed.

A blueprint asks for a count of questions per topic and difficulty. A draw takes that many,
without repeats, from the questions of the bank that match, and then shuffles the whole paper.
A single choice or true/false question is right when the one answer given is the key; a multiple
choice question only when exactly the keyed options are chosen (no partial credit).
"""

import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

SINGLE, MULTIPLE, TRUE_FALSE = "single", "multiple", "true_false"


@dataclass(frozen=True)
class BlueprintLine:
    topic: str
    difficulty: int
    count: int


class BankTooSmall(ValueError):
    """The bank lacks questions for a blueprint line: (topic, difficulty, wanted, available)."""


def shortfalls(
    *, blueprint: Sequence[BlueprintLine], bank: Mapping[tuple[str, int], Sequence[int]]
) -> list[tuple[str, int, int, int]]:
    """Blueprint lines the bank cannot fill: (topic, difficulty, wanted, available)."""
    return [
        (line.topic, line.difficulty, line.count, len(bank.get((line.topic, line.difficulty), ())))
        for line in blueprint
        if len(bank.get((line.topic, line.difficulty), ())) < line.count
    ]


def draw(
    *,
    blueprint: Sequence[BlueprintLine],
    bank: Mapping[tuple[str, int], Sequence[int]],
    rng: random.Random,
) -> list[int]:
    """Question ids for one paper: `count` per blueprint line from `bank[(topic, difficulty)]`,
    no question twice, in shuffled order. Raises BankTooSmall when a line cannot be filled."""
    missing = shortfalls(blueprint=blueprint, bank=bank)
    if missing:
        raise BankTooSmall(missing)
    paper: list[int] = []
    for line in blueprint:
        pool = [q for q in sorted(bank[(line.topic, line.difficulty)]) if q not in paper]
        if len(pool) < line.count:
            raise BankTooSmall([(line.topic, line.difficulty, line.count, len(pool))])
        paper.extend(rng.sample(pool, line.count))
    rng.shuffle(paper)
    return paper


def is_correct(*, kind: str, key: Sequence[int], answer: Sequence[int]) -> bool:
    """Whether `answer` (the chosen option indexes) is right for a question of `kind`."""
    if kind == MULTIPLE:
        return bool(answer) and set(answer) == set(key)
    return len(answer) == 1 and list(answer) == list(key)[:1] and len(key) == 1


def score(*, results: Sequence[bool], points_per_question: int = 1) -> int:
    """Points for a paper: one per right answer unless stated otherwise."""
    return sum(points_per_question for right in results if right)
