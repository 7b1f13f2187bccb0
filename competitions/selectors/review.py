"""Reads for the review round: conflicts of interest, a judge's queue and scores, the
organiser's progress view."""

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, QuerySet

from competitions import conflicts
from competitions.models import (
    Assignment,
    Competition,
    ConflictDeclaration,
    Criterion,
    Entry,
    Score,
)
from directory import selectors as directory_selectors
from directory.models import Person
from supervision import selectors as supervision_selectors


def authors_of(*, entries: Iterable[Entry]) -> dict[int, list[int]]:
    """Entry id → person ids of its first author and co-authors (one query)."""
    entries = list(entries)
    found = {entry.pk: [entry.author_id] for entry in entries}
    through = Entry.coauthors.through.objects.filter(entry__in=entries)
    for entry_id, person_id in through.values_list("entry_id", "person_id"):
        found[entry_id].append(person_id)
    return found


def conflict_table(
    *, entries: Iterable[Entry], judges: Iterable[int]
) -> dict[tuple[int, int], list[str]]:
    """(entry id, judge person id) → the reasons the judge may not review the entry (R14: same
    station, agency or county over the positions each holds or held, co-author, a recorded
    supervision pair, a declared conflict); pairs without a conflict are left out. A fixed
    number of queries, whatever the number of entries and judges."""
    entries, judges = list(entries), list(judges)
    authors = authors_of(entries=entries)
    people = {*judges, *(p for ids in authors.values() for p in ids)}
    places = directory_selectors.places_held(people=people)
    pairs = supervision_selectors.supervision_pairs_among(people=people)
    declared = set(
        ConflictDeclaration.objects.filter(entry__in=entries, judge__in=judges).values_list(
            "entry_id", "judge_id"
        )
    )

    def party(person: int) -> conflicts.Party:
        points, agencies, counties = places.get(person, (set(), set(), set()))
        return conflicts.Party(person, frozenset(points), frozenset(agencies), frozenset(counties))

    parties = {person: party(person) for person in people}
    table = {}
    for entry in entries:
        writers = [parties[person] for person in authors[entry.pk]]
        for judge in judges:
            reasons = conflicts.conflict_reasons(
                judge=parties[judge],
                authors=writers,
                supervision_pairs=pairs,
                declared=(entry.pk, judge) in declared,
            )
            if reasons:
                table[(entry.pk, judge)] = reasons
    return table


def conflict_reasons_for(*, entry: Entry, judge: Person) -> list[str]:
    """Why `judge` may not review `entry` now (empty: no conflict)."""
    return conflict_table(entries=[entry], judges=[judge.pk]).get((entry.pk, judge.pk), [])


def entries_for_review(*, competition: Competition) -> QuerySet[Entry]:
    """Submitted entries of a competition, by code: those judges score."""
    return competition.entries.filter(submitted_at__isnull=False).order_by("code")


def assignments_of_competition(*, competition: Competition) -> QuerySet[Assignment]:
    return Assignment.objects.filter(entry__competition=competition)


def queue_of(*, judge: Person) -> QuerySet[Assignment]:
    """A judge's assignments with their competitions, open competitions first, then by code,
    with how many criteria they have scored (`scored`) of the rubric's (`criteria`)."""
    return (
        Assignment.objects.filter(judge=judge)
        .select_related("entry__competition")
        .annotate(
            scored=Count("scores", distinct=True),
            criteria=Count("entry__competition__criteria", distinct=True),
        )
        .order_by("-entry__competition__review_closes_at", "entry__code")
    )


def scores_of(*, assignment: Assignment) -> dict[int, Score]:
    """Criterion id → the judge's score so far on this assignment."""
    return {score.criterion_id: score for score in assignment.scores.all()}


def scores_seen_by_judge(
    *, assignment: Assignment, now: dt.datetime
) -> list[tuple[str, int, list[Score]]]:
    """The scores of an entry a judge may see: until the review closes only their own; after,
    every judge's, each named only by a number ("评委 2"), never by name. Rows are (who,
    judge number, scores by criterion)."""
    entry = assignment.entry
    mine = assignment.judge_id
    if now < entry.competition.review_closes_at:
        rows = Score.objects.filter(assignment=assignment)
    else:
        rows = Score.objects.filter(assignment__entry=entry, assignment__submitted_at__isnull=False)
    by_judge: dict[int, list[Score]] = defaultdict(list)
    for score in rows.select_related("criterion", "assignment").order_by(
        "assignment__judge_id", "criterion__position", "criterion__pk"
    ):
        by_judge[score.assignment.judge_id].append(score)
    return [
        ("mine" if judge == mine else "other", number, scores)
        for number, (judge, scores) in enumerate(sorted(by_judge.items()), 1)
    ]


def review_progress(*, competition: Competition) -> list[dict]:
    """Who has scored what (organiser only): per assignment the judge, the entry's code, the
    criteria scored of all, and when the scores were submitted. Two queries."""
    criteria = competition.criteria.count()
    rows = (
        assignments_of_competition(competition=competition)
        .select_related("judge", "entry")
        .annotate(scored=Count("scores"))
        .order_by("judge__name", "judge_id", "entry__code")
    )
    return [
        {
            "assignment": row,
            "judge": row.judge.name,
            "entry_code": row.entry.code,
            "scored": row.scored,
            "criteria": criteria,
            "submitted_at": row.submitted_at,
        }
        for row in rows
    ]


@dataclass(frozen=True)
class ScoreSheetRow:
    """One judge's scores of one entry: criterion id → (score, comment)."""

    entry_code: str
    entry_title: str
    judge: str
    submitted_at: dt.datetime | None
    scores: dict[int, tuple[Decimal, str]]


def score_sheet(*, competition: Competition) -> tuple[list[Criterion], list[ScoreSheetRow]]:
    """For the organiser's export: the rubric, and each assignment's scores by entry code and
    judge. Entries are named by code and title only, never by author (R14: blind mode holds in
    exports). Three queries."""
    criteria = list(competition.criteria.order_by("position", "pk"))
    assignments = (
        assignments_of_competition(competition=competition)
        .select_related("entry", "judge")
        .order_by("entry__code", "judge__name", "judge_id")
    )
    scores: dict[int, dict[int, tuple[Decimal, str]]] = defaultdict(dict)
    rows = Score.objects.filter(assignment__entry__competition=competition).values_list(
        "assignment_id", "criterion_id", "value", "comment"
    )
    for assignment_id, criterion_id, value, comment in rows:
        scores[assignment_id][criterion_id] = (value, comment)
    return criteria, [
        ScoreSheetRow(
            entry_code=a.entry.code,
            entry_title=a.entry.title,
            judge=a.judge.name,
            submitted_at=a.submitted_at,
            scores=scores.get(a.pk, {}),
        )
        for a in assignments
    ]
