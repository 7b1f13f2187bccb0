"""How a competition turns its judges' scores into a ranking and awards (R14). Pure functions on
plain values: no ORM, no clock.

A judge scores each criterion of the rubric within its range; the judge's total for an entry is
the weighted share of the range reached, on a 0–100 scale. An entry's score then follows the
method the competition states:

- mean: the mean of its judges' totals;
- trimmed mean: with five judges or more, the highest and the lowest total are dropped first
  (fewer than five: the plain mean, and the result says so);
- standardised: each judge's totals are first turned into z-scores over every entry that judge
  scored in the round, so that a harsh judge does not sink the entries they happen to get; the
  entry's score is 50 + 10 × the mean z-score (a T-score).

Ties follow the stated rule: shared (equal scores share a rank, and both take the higher award)
or by criterion (the mean share reached on the heaviest criterion, then the next, decides; what
is still equal is shared).
"""

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from statistics import fmean, pstdev

MEAN, TRIMMED_MEAN, STANDARDISED = "mean", "trimmed_mean", "standardised"
SHARED, BY_CRITERION = "shared", "by_criterion"
TRIM_FROM = 5  # judges needed before the highest and lowest totals are dropped
PLACES = 4  # scores are compared after rounding to this many decimals


@dataclass(frozen=True)
class Criterion:
    key: int
    weight: int  # the criteria's weights need not add up to 100: they are shares of their sum
    min_score: float
    max_score: float


@dataclass(frozen=True)
class Ranked:
    entry: int
    score: float
    rank: int
    judges: int
    trimmed: bool  # the highest and lowest totals were dropped


def judge_total(*, scores: Mapping[int, float], criteria: Sequence[Criterion]) -> float:
    """One judge's total for one entry, 0–100: Σ weight × share of the criterion's range reached,
    over Σ weight. Every criterion must be scored."""
    weights = sum(c.weight for c in criteria)
    if not weights:
        raise ValueError("a rubric needs a criterion with a weight")
    reached = sum(
        c.weight * (scores[c.key] - c.min_score) / (c.max_score - c.min_score) for c in criteria
    )
    return 100 * reached / weights


def entry_scores(
    *, totals: Mapping[tuple[int, int], float], method: str
) -> dict[int, tuple[float, int, bool]]:
    """Entry → (score, judges counted, trimmed) from {(entry, judge): total}, by `method`."""
    by_entry: dict[int, dict[int, float]] = defaultdict(dict)
    for (entry, judge), total in totals.items():
        by_entry[entry][judge] = total
    if method == STANDARDISED:
        z = _z_scores(totals)
        return {
            entry: (50 + 10 * fmean([z[(entry, j)] for j in judged]), len(judged), False)
            for entry, judged in by_entry.items()
        }
    if method not in (MEAN, TRIMMED_MEAN):
        raise ValueError(f"unknown method {method}")
    result = {}
    for entry, judged in by_entry.items():
        values = sorted(judged.values())
        trimmed = method == TRIMMED_MEAN and len(values) >= TRIM_FROM
        counted = values[1:-1] if trimmed else values
        result[entry] = (fmean(counted), len(values), trimmed)
    return result


def rank(
    *,
    scores: Mapping[int, tuple[float, int, bool]],
    tie_rule: str,
    criterion_shares: Mapping[int, Sequence[float]] | None = None,
) -> list[Ranked]:
    """Entries best first with competition ranks (1, 1, 3 …). Under BY_CRITERION,
    `criterion_shares[entry]` gives the entry's mean share reached per criterion, heaviest
    criterion first, and breaks ties in that order."""

    def key(entry: int) -> tuple:
        breakers = tuple(round(-s, PLACES) for s in (criterion_shares or {}).get(entry, ()))
        return (round(-scores[entry][0], PLACES), *(breakers if tie_rule == BY_CRITERION else ()))

    if tie_rule not in (SHARED, BY_CRITERION):
        raise ValueError(f"unknown tie rule {tie_rule}")
    ordered = sorted(scores, key=lambda entry: (key(entry), entry))
    ranked, previous = [], None
    for position, entry in enumerate(ordered, 1):
        current = key(entry)
        place = ranked[-1].rank if current == previous else position
        score, judges, trimmed = scores[entry]
        ranked.append(Ranked(entry, round(score, 2), place, judges, trimmed))
        previous = current
    return ranked


def awards(*, ranked: Sequence[Ranked], levels: Sequence[tuple[str, int]]) -> dict[int, str]:
    """Entry → award level: the first level whose places, counted from the top, reach the
    entry's rank. An entry tied with the last place of a level shares that level."""
    limits, reached = [], 0
    for name, count in levels:
        reached += count
        limits.append((reached, name))
    result = {}
    for row in ranked:
        for limit, name in limits:
            if row.rank <= limit:
                result[row.entry] = name
                break
    return result


def _z_scores(totals: Mapping[tuple[int, int], float]) -> dict[tuple[int, int], float]:
    """Each total as a z-score among the totals its judge gave; a judge whose totals are all
    equal (or who scored one entry) gives every entry 0."""
    by_judge: dict[int, list[float]] = defaultdict(list)
    for (_, judge), total in totals.items():
        by_judge[judge].append(total)
    spread = {judge: (fmean(values), pstdev(values)) for judge, values in by_judge.items()}
    return {
        (entry, judge): (total - spread[judge][0]) / spread[judge][1] if spread[judge][1] else 0.0
        for (entry, judge), total in totals.items()
    }
