"""Reads for knowledge and skills rounds: the question banks a user manages, a person's paper,
the leaderboard, item analysis."""

import datetime as dt
from collections.abc import Iterable

from django.db.models import Count, F, Q, QuerySet

from accounts import scope
from accounts.models import User
from accounts.roles import Action
from competitions.models import Answer, Attempt, Competition, Question
from core import units
from directory.models import Person, Region


def bank_regions_for_user(*, user: User) -> QuerySet[Region]:
    """The regions whose question banks the user may manage (MANAGE_COMPETITIONS), top down."""
    return scope.regions_covered_for(user, Action.MANAGE_COMPETITIONS).order_by("path")


def bank_regions_named(*, user: User, names: Iterable[str]) -> QuerySet[Region]:
    """Those of the user's bank regions whose code or name is among `names` (from a file)."""
    names = set(names)
    return bank_regions_for_user(user=user).filter(Q(code__in=names) | Q(name__in=names))


def questions_for_organiser(*, user: User) -> QuerySet[Question]:
    """The questions of every bank the user may manage, bank by bank, newest first."""
    return (
        Question.objects.filter(region__in=bank_regions_for_user(user=user))
        .select_related("region")
        .order_by("region__path", "-pk")
    )


def stems_in_banks(*, region_ids: Iterable[int], stems: Iterable[str]) -> set[tuple[int, str]]:
    """(region id, stem) for each of `stems` already in the bank of one of `region_ids`."""
    return set(
        Question.objects.filter(region_id__in=set(region_ids), text__in=set(stems)).values_list(
            "region_id", "text"
        )
    )


def attempt_of(*, competition: Competition, person: Person) -> Attempt | None:
    return Attempt.objects.filter(competition=competition, person=person).first()


def paper_of(*, attempt: Attempt) -> QuerySet[Answer]:
    """The attempt's questions in paper order with the answers saved so far. The page shows
    `question.text` and `question.options`, never `question.key`."""
    return attempt.answers.select_related("question").order_by("position")


def attempts_due(*, now: dt.datetime) -> QuerySet[Attempt]:
    """Attempts whose time is up but that were never handed in."""
    return Attempt.objects.filter(finished_at__isnull=True, due_at__lte=now)


def leaderboard(*, competition: Competition, now: dt.datetime) -> list[dict]:
    """Finished attempts best first (equal scores: the quicker first), with competition ranks;
    empty until the round has closed (R14)."""
    if now < competition.submissions_close_at:
        return []
    attempts = (
        Attempt.objects.filter(competition=competition, finished_at__isnull=False)
        .select_related("person")
        .annotate(taken=F("finished_at") - F("started_at"))
        .order_by("-score", "taken", "pk")
    )
    rows, previous = [], None
    for position, attempt in enumerate(attempts, 1):
        key = (attempt.score, attempt.taken)
        rank = rows[-1]["rank"] if key == previous else position
        rows.append(
            {"rank": rank, "person": attempt.person, "score": attempt.score, "taken": attempt.taken}
        )
        previous = key
    return rows


def item_analysis(*, competition: Competition) -> list[dict]:
    """For the organiser: each question drawn in the round with how many finished attempts had
    it, how many answered it right, and the share right (percent), hardest first."""
    rows = (
        Question.objects.filter(
            answers__attempt__competition=competition, answers__attempt__finished_at__isnull=False
        )
        .annotate(
            drawn=Count("answers"),
            right=Count("answers", filter=Q(answers__correct=True)),
        )
        .order_by("pk")
    )
    analysed = [
        {
            "question": q,
            "drawn": q.drawn,
            "right": q.right,
            "percent": units.percent(q.right, q.drawn),
        }
        for q in rows
    ]
    return sorted(
        analysed, key=lambda row: (row["percent"] is None, row["percent"], row["question"].pk)
    )
