"""Object loaders for competitions: 404 outside what the user may see, 403 for a wrong role.

Who sees what (R14): a published competition is public; a draft only to users whose grants cover
its organiser. An entry is seen by its authors, by the organiser's office, and by the judges
assigned to it who are not in conflict with it. Entry loaders freeze an entry whose deadline has
passed before handing it out, so a page never shows a draft that should be frozen.
"""

import datetime as dt
from typing import NamedTuple

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from accounts import scope
from accounts.models import User
from accounts.roles import Action
from competitions import rules, selectors
from competitions.models import (
    Assignment,
    Attempt,
    Competition,
    Entry,
    EntryFile,
    Objection,
    Question,
)
from competitions.services import entries as entry_services
from directory import selectors as directory_selectors
from directory.models import Person


def _competitions_in_scope(user: User) -> QuerySet[Competition]:
    """Competitions whose organiser lies in the user's scope (any role)."""
    return Competition.objects.filter(
        Q(organiser_region__in=scope.regions_visible_to(user))
        | Q(organiser_service_point__in=scope.service_points_visible_to(user))
    )


def _may_manage(user: User, competition: Competition) -> bool:
    return scope.role_allows(
        user=user, action=Action.MANAGE_COMPETITIONS, obj=competition.organiser
    )


def organiser_required(*, user: User) -> None:
    """403 unless one of the user's grants lets them run competitions somewhere."""
    if not scope.may_anywhere(user, Action.MANAGE_COMPETITIONS):
        raise PermissionDenied


def published_competition(*, competition_id: int) -> Competition:
    """A published competition (public); drafts and unknown ids are a 404."""
    return get_object_or_404(selectors.published_competitions(), pk=competition_id)


def published_quiz(*, competition_id: int) -> Competition:
    """A published knowledge and skills contest (public); anything else is a 404."""
    quizzes = selectors.published_competitions().filter(kind=Competition.Kind.QUIZ)
    return get_object_or_404(quizzes, pk=competition_id)


def competition_for_organiser(*, user: User, competition_id: int) -> Competition:
    """A competition the user organises: a draft outside their scope is a 404; a published one,
    or one in scope, without a grant permitting MANAGE_COMPETITIONS over its organiser is a 403."""
    visible = Competition.objects.filter(
        Q(pk__in=_competitions_in_scope(user).values("pk")) | Q(published_at__isnull=False)
    ).select_related("organiser_region", "organiser_service_point__region")
    competition = get_object_or_404(visible, pk=competition_id)
    if not _may_manage(user, competition):
        raise PermissionDenied
    return competition


def person_for_user(*, user: User) -> Person:
    """The signed-in user's person record; 403 for accounts without one (authors, judges and
    quiz takers are people)."""
    person = directory_selectors.person_of_user(user=user)
    if person is None:
        raise PermissionDenied
    return person


def entry_for_author(
    *, user: User, entry_id: int, edit: bool = False, now: dt.datetime | None = None
) -> Entry:
    """An entry the user wrote or co-wrote (else 404); only its first author may edit it (403)."""
    person = directory_selectors.person_of_user(user=user)
    written = Entry.objects.filter(Q(author=person) | Q(coauthors=person)).distinct()
    if person is None:
        written = Entry.objects.none()
    entry = get_object_or_404(written.select_related("competition", "author"), pk=entry_id)
    if edit and entry.author_id != person.pk:
        raise PermissionDenied
    return entry_services.entry_freeze_if_due(entry=entry, now=now or timezone.now())


def entry_for_organiser(*, user: User, entry_id: int, now: dt.datetime | None = None) -> Entry:
    """An entry of a competition whose organiser is in the user's scope (else 404), for a user
    permitted to manage it (else 403)."""
    visible = Entry.objects.filter(competition__in=_competitions_in_scope(user))
    entry = get_object_or_404(
        visible.select_related(
            "competition__organiser_region", "competition__organiser_service_point"
        ),
        pk=entry_id,
    )
    if not _may_manage(user, entry.competition):
        raise PermissionDenied
    return entry_services.entry_freeze_if_due(entry=entry, now=now or timezone.now())


def assignment_for_judge(*, user: User, assignment_id: int) -> Assignment:
    """One of the user's own assignments (anyone else's, or none, is a 404); 403 when the user no
    longer holds the judge role or is now in conflict with the entry (R14)."""
    person = directory_selectors.person_of_user(user=user)
    mine = Assignment.objects.filter(judge=person) if person else Assignment.objects.none()
    assignment = get_object_or_404(
        mine.select_related("entry__competition", "judge"), pk=assignment_id
    )
    if not scope.may_anywhere(user, Action.JUDGE_ENTRIES):
        raise PermissionDenied
    if selectors.conflict_reasons_for(entry=assignment.entry, judge=person):
        raise PermissionDenied
    return assignment


def judge_for_user(*, user: User) -> Person:
    """The signed-in judge's person record: 403 without the judge role or a person record."""
    if not scope.may_anywhere(user, Action.JUDGE_ENTRIES):
        raise PermissionDenied
    return person_for_user(user=user)


class JudgeDownload(NamedTuple):
    attachment: EntryFile
    name: str  # the entry's code and the file's place, never the original name (R14)
    assignment: Assignment


def _name_for_judge(attachment: EntryFile) -> str:
    entry = attachment.entry
    index = list(selectors.files_of(entry=entry).values_list("pk", flat=True)).index(attachment.pk)
    return rules.file_name_for_judge(
        code=entry.code, index=index + 1, original_name=attachment.original_name
    )


def entry_file_for_judge(*, user: User, file_id: int) -> JudgeDownload:
    """A file of an entry assigned to the user, with the name a judge's download carries and the
    assignment it belongs to. A file of an entry not assigned to them is a 404; a judge now in
    conflict or without the role, a 403."""
    person = directory_selectors.person_of_user(user=user)
    mine = (
        EntryFile.objects.filter(entry__assignments__judge=person)
        if person
        else EntryFile.objects.none()
    )
    attachment = get_object_or_404(mine.select_related("entry"), pk=file_id)
    assignment = Assignment.objects.get(entry=attachment.entry, judge=person)
    assignment = assignment_for_judge(user=user, assignment_id=assignment.pk)
    return JudgeDownload(attachment, _name_for_judge(attachment), assignment)


def _entry_files_visible_to(user: User, person: Person | None) -> QuerySet[EntryFile]:
    """Files of the entries the user wrote or co-wrote, was assigned to judge, or whose
    competition they organise: nobody else's file is even looked up."""
    organised = Q(entry__competition__in=selectors.competitions_for_organiser(user=user))
    if person is None:
        return EntryFile.objects.filter(organised)
    return EntryFile.objects.filter(
        organised
        | Q(entry__author=person)
        | Q(entry__coauthors=person)
        | Q(entry__assignments__judge=person)
    ).distinct()


def entry_file_for_user(*, user: User, file_id: int) -> tuple[EntryFile, str]:
    """An entry's file and the name its download carries: the original name for its authors and
    the organiser, the entry's code and the file's place for a judge (never the original name,
    R14). Anyone else: 404; a judge in conflict or without the role: 403."""
    person = directory_selectors.person_of_user(user=user)
    visible = _entry_files_visible_to(user, person)
    attachment = get_object_or_404(
        visible.select_related(
            "entry__competition__organiser_region",
            "entry__competition__organiser_service_point__region",
        ),
        pk=file_id,
    )
    entry = attachment.entry
    if person is not None and (
        entry.author_id == person.pk or entry.coauthors.filter(pk=person.pk).exists()
    ):
        return attachment, attachment.original_name
    if _may_manage(user, entry.competition):
        return attachment, attachment.original_name
    assignment = get_object_or_404(Assignment.objects.filter(entry=entry, judge=person))
    assignment_for_judge(user=user, assignment_id=assignment.pk)
    return attachment, _name_for_judge(attachment)


def objection_for_organiser(*, user: User, objection_id: int) -> Objection:
    visible = Objection.objects.filter(competition__in=_competitions_in_scope(user))
    objection = get_object_or_404(visible.select_related("competition"), pk=objection_id)
    if not _may_manage(user, objection.competition):
        raise PermissionDenied
    return objection


def attempt_for_person(*, user: User, attempt_id: int) -> Attempt:
    """The user's own quiz attempt; anyone else's is a 404."""
    person = directory_selectors.person_of_user(user=user)
    mine = Attempt.objects.filter(person=person) if person else Attempt.objects.none()
    return get_object_or_404(mine.select_related("competition"), pk=attempt_id)


def question_for_organiser(*, user: User, question_id: int) -> Question:
    """A question of a bank in the user's regions (else 404), for a user permitted to run
    competitions there (else 403)."""
    visible = Question.objects.filter(region__in=scope.regions_visible_to(user))
    question = get_object_or_404(visible.select_related("region"), pk=question_id)
    if not scope.role_allows(user=user, action=Action.MANAGE_COMPETITIONS, obj=question.region):
        raise PermissionDenied
    return question


def judges_chosen(*, competition: Competition, judge_ids: list[int]) -> list[Person]:
    """Those of `judge_ids` (from a request) who may judge the competition, by id; the caller
    says how many could not be used, never who."""
    return list(selectors.judges_available(competition=competition).filter(pk__in=judge_ids))
