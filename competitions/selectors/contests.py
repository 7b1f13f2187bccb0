"""Reads about competitions themselves: phases, who organises, who may enter, the quiz bank."""

import datetime as dt
from collections import defaultdict

from django.db.models import Q, QuerySet
from django.utils import timezone

from accounts import scope
from accounts import selectors as account_selectors
from accounts.models import User
from accounts.roles import Action, Role
from competitions import rules
from competitions.models import Competition, Entry, Question
from directory import selectors as directory_selectors
from directory.models import Person, Region, ServicePoint


def phase_of(*, competition: Competition, now: dt.datetime) -> rules.Phase:
    return rules.phase(
        now=now,
        published_at=competition.published_at,
        submissions_open_at=competition.submissions_open_at,
        submissions_close_at=competition.submissions_close_at,
        review_closes_at=competition.review_closes_at,
        notice_starts_at=competition.notice_starts_at,
        notice_ends_at=competition.notice_ends_at,
        finalised_at=competition.finalised_at,
    )


def published_competitions() -> QuerySet[Competition]:
    """Competitions anyone may read about (the public index), newest call first."""
    return Competition.objects.filter(published_at__isnull=False).select_related(
        "organiser_region", "organiser_service_point"
    )


def competitions_open_for_entries(*, now: dt.datetime) -> QuerySet[Competition]:
    """Published contests taking entries at `now` (a quiz round is taken online, not entered),
    the soonest deadline first."""
    return (
        published_competitions()
        .filter(submissions_open_at__lte=now, submissions_close_at__gt=now, finalised_at=None)
        .exclude(kind=Competition.Kind.QUIZ)
        .order_by("submissions_close_at", "pk")
    )


def competitions_for_organiser(*, user: User) -> QuerySet[Competition]:
    """Competitions organised by an office or station the user may run competitions for: those
    `role_allows(MANAGE_COMPETITIONS)` holds on (a station head's own station's, never its
    township's or county's office's)."""
    return Competition.objects.filter(
        Q(organiser_region__in=scope.regions_covered_for(user, Action.MANAGE_COMPETITIONS))
        | Q(
            organiser_service_point__in=scope.service_points_visible_to(
                user, Action.MANAGE_COMPETITIONS
            )
        )
    ).select_related("organiser_region", "organiser_service_point")


def regions_managed_by(*, user: User, levels: tuple[str, ...]) -> QuerySet[Region]:
    """Regions at `levels` whose competitions the user may run, top down: the offices they may
    organise as, or the regions they may open a contest to. Only region grants reach regions:
    a station head has none here."""
    return (
        scope.regions_covered_for(user, Action.MANAGE_COMPETITIONS)
        .filter(level__in=levels)
        .order_by("path")
    )


def stations_run_by(*, user: User) -> QuerySet[ServicePoint]:
    """The stations whose local contests the user organises: those they head (their own grants
    over a service point permitting MANAGE_COMPETITIONS)."""
    return (
        scope.service_points_granted_to(user, Action.MANAGE_COMPETITIONS)
        .select_related("region")
        .order_by("code")
    )


def organiser_region(*, competition: Competition) -> Region:
    """The organising office's region, or the region of the organising station."""
    if competition.organiser_region_id:
        return competition.organiser_region
    return competition.organiser_service_point.region


def eligible_paths(*, competition: Competition) -> list[str]:
    """The region paths whose subtrees may enter: those listed, else the organiser's."""
    listed = [region.path for region in competition.eligible_regions.all()]
    return listed or [organiser_region(competition=competition).path]


def eligible_station(*, competition: Competition, person: Person, now: dt.datetime) -> int | None:
    """The station through which `person` may enter (R14): that of a current position in an
    eligible region with an eligible role; None when they may not enter."""
    return rules.eligible_place(
        places=directory_selectors.current_places(person=person, on=timezone.localdate(now)),
        eligible_paths=eligible_paths(competition=competition),
        eligible_roles=competition.eligible_roles,
    )


def entries_by(*, competition: Competition, person: Person) -> QuerySet[Entry]:
    """The entries `person` is the first author of in `competition`."""
    return Entry.objects.filter(competition=competition, author=person)


def question_bank(*, competition: Competition) -> dict[tuple[str, int], list[int]]:
    """(topic, difficulty) → active question ids of the banks of the organiser's region and the
    regions above it (a county contest draws on the city's and the province's questions too)."""
    path = organiser_region(competition=competition).path
    step = Region.steplen
    paths = [path[:end] for end in range(step, len(path) + 1, step)]
    bank: dict[tuple[str, int], list[int]] = defaultdict(list)
    rows = Question.objects.filter(region__path__in=paths, active=True).values_list(
        "topic", "difficulty", "pk"
    )
    for topic, difficulty, pk in rows.order_by("pk"):
        bank[(topic, difficulty)].append(pk)
    return dict(bank)


def judges_available(*, competition: Competition) -> QuerySet[Person]:
    """People holding the judge role over the organiser's region, a region above it, or a place
    inside it: those the organiser may assign."""
    users = account_selectors.users_with_role_around(
        role=Role.JUDGE, region_path=organiser_region(competition=competition).path
    )
    return directory_selectors.people_of_users(users=users)


def competitions_with_entries_to_freeze(*, now: dt.datetime) -> QuerySet[Competition]:
    """Competitions past their deadline that still have an entry not frozen."""
    return Competition.objects.filter(
        submissions_close_at__lte=now, entries__frozen_at__isnull=True
    ).distinct()
