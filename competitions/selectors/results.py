"""The ranking, recomputed from the raw scores, and what the notice and results hold (R14)."""

from collections import defaultdict
from dataclasses import dataclass, field
from statistics import fmean

from django.db.models import QuerySet

from competitions import rules, scoring
from competitions.models import Competition, Entry, Objection, Result, Score


@dataclass(frozen=True)
class RankingRow:
    entry: Entry
    score: float
    rank: int
    judges: int
    trimmed: bool
    award: str


@dataclass(frozen=True)
class Ranking:
    """A ranking with the method and tie rule it was computed by (stated on every page)."""

    method: str
    method_label: str
    tie_rule: str
    tie_rule_label: str
    rows: list[RankingRow] = field(default_factory=list)


def ranking(*, competition: Competition) -> Ranking:
    """Submitted entries with at least one submitted set of scores, best first, recomputed from
    the raw scores by the competition's method and tie rule, with award levels (R14). A fixed
    number of queries."""
    criteria = list(competition.criteria.order_by("position", "pk"))
    rules_of = {criterion.pk: criterion.as_rule() for criterion in criteria}
    raw: dict[tuple[int, int], dict[int, float]] = defaultdict(dict)
    scores = Score.objects.filter(
        assignment__entry__competition=competition,
        assignment__entry__submitted_at__isnull=False,
        assignment__submitted_at__isnull=False,
    ).values_list("assignment__entry_id", "assignment__judge_id", "criterion_id", "value")
    for entry_id, judge_id, criterion_id, value in scores:
        raw[(entry_id, judge_id)][criterion_id] = float(value)
    rubric = list(rules_of.values())
    totals = {
        key: scoring.judge_total(scores=values, criteria=rubric)
        for key, values in raw.items()
        if set(values) == set(rules_of)
    }
    heaviest = sorted(criteria, key=lambda c: (-c.weight, c.position, c.pk))
    judged: dict[int, list[dict[int, float]]] = defaultdict(list)
    for entry_id, judge_id in totals:
        judged[entry_id].append(raw[(entry_id, judge_id)])
    shares = {
        entry_id: [
            fmean(
                (values[c.pk] - float(c.min_score)) / float(c.max_score - c.min_score)
                for values in sets
            )
            for c in heaviest
        ]
        for entry_id, sets in judged.items()
    }
    ranked = scoring.rank(
        scores=scoring.entry_scores(totals=totals, method=competition.method),
        tie_rule=competition.tie_rule,
        criterion_shares=shares,
    )
    awards = scoring.awards(ranked=ranked, levels=rules.award_levels(competition.award_levels))
    entries = Entry.objects.in_bulk([row.entry for row in ranked])
    return Ranking(
        method=competition.method,
        method_label=str(competition.get_method_display()),
        tie_rule=competition.tie_rule,
        tie_rule_label=str(competition.get_tie_rule_display()),
        rows=[
            RankingRow(
                entry=entries[row.entry],
                score=row.score,
                rank=row.rank,
                judges=row.judges,
                trimmed=row.trimmed,
                award=awards.get(row.entry, ""),
            )
            for row in ranked
        ],
    )


def results_of(*, competition: Competition) -> QuerySet[Result]:
    """The stored results (put on notice), by rank: entry code, title, score and award only are
    for public pages; authors are never part of a public list."""
    return Result.objects.filter(entry__competition=competition).select_related("entry")


def entries_on_notice(*, competition: Competition) -> QuerySet[Entry]:
    """The entries of a competition's stored results, by code: those an objection may name."""
    return Entry.objects.filter(competition=competition, result__isnull=False).order_by("code")


def objections_raised_by(*, competition: Competition, user) -> QuerySet[Objection]:
    """The objections `user` raised to a competition's notice, with the answers, oldest first."""
    return competition.objections.filter(raised_by=user).select_related("entry")


def objections_of(*, competition: Competition) -> QuerySet[Objection]:
    """Objections to the notice, oldest first, for the organiser."""
    return competition.objections.select_related("entry", "raised_by", "answered_by")
