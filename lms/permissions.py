"""Object loaders for training: 404 outside the user's scope, 403 for a wrong role.

A trainer marks attendance only on runs they organise or teach; a worker sees only their own
hours (another worker's are a 404).
"""

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from accounts import scope
from accounts.models import User
from accounts.roles import Action
from directory import selectors as directory_selectors
from directory.models import Person, Region
from lms import hours
from lms.models import (
    Course,
    CourseMaterial,
    CourseRun,
    Enrolment,
    ExternalTraining,
    HourEntry,
    Level,
    TrainingSession,
)


def require_anywhere(*, user: User, action: Action) -> None:
    """403 unless some grant of the user permits `action` (for list pages)."""
    if not scope.may_anywhere(user, action):
        raise PermissionDenied


def course_for_user(*, user: User, course_id: int) -> Course:
    """The catalogue is open to every logged-in user."""
    return get_object_or_404(
        Course.objects.select_related(
            "organiser_region", "organiser_service_point", "organiser_provider", "region"
        ),
        pk=course_id,
    )


def courses_managed_by(*, user: User) -> QuerySet[Course]:
    """Courses the user organises, the one rule for loaders and lists.

    A course organised by a civil-affairs office or a station is managed under a grant that
    permits MANAGE_OFFICE_COURSES over that organiser (region administrators). A training
    provider manages only the courses it organises, while its grant stands: never an office's
    courses, not even in the region its grant covers.
    """
    if user.is_superuser:
        return Course.objects.all()
    condition = Q(
        organiser_region__in=scope.regions_visible_to(user, Action.MANAGE_OFFICE_COURSES)
    ) | Q(
        organiser_service_point__in=scope.service_points_visible_to(
            user, Action.MANAGE_OFFICE_COURSES
        )
    )
    if scope.may_anywhere(user, Action.MANAGE_COURSES):
        condition |= Q(organiser_provider=user)
    return Course.objects.filter(condition)


def material_for_user(*, user: User, material_id: int) -> CourseMaterial:
    """A material of a course the user may see: the course page's rule (`course_for_user`)."""
    material = get_object_or_404(CourseMaterial, pk=material_id)
    material.course = course_for_user(user=user, course_id=material.course_id)
    return material


def _may_manage(*, user: User, run: CourseRun) -> bool:
    if run.trainers.filter(pk=user.pk).exists():
        return True
    return _may_manage_course(user=user, course=run.course)


def _may_manage_course(*, user: User, course: Course) -> bool:
    return courses_managed_by(user=user).filter(pk=course.pk).exists()


def run_for_manager(*, user: User, run_id: int) -> CourseRun:
    """A run whose attendance and enrolments the user manages: a manager of its course (see
    `courses_managed_by`) or one of its trainers. Runs organised outside everything the user
    can see are a 404; seen but not theirs to manage, a 403."""
    run = get_object_or_404(
        CourseRun.objects.select_related(
            "course__organiser_region", "course__organiser_service_point", "course__region"
        ),
        pk=run_id,
    )
    if _may_manage(user=user, run=run):
        return run
    if not _sees_region(user=user, region=run.course.region):
        raise Http404
    raise PermissionDenied


def _sees_region(*, user: User, region: Region) -> bool:
    """Whether any grant of the user reaches into or above `region` (its subtree or its
    ancestors), i.e. the user works where the course is organised."""
    ancestors = [
        region.path[:end] for end in range(Region.steplen, len(region.path), Region.steplen)
    ]
    return (
        scope.regions_visible_to(user)
        .filter(Q(path__startswith=region.path) | Q(path__in=ancestors))
        .exists()
    )


def session_for_manager(*, user: User, session_id: int) -> TrainingSession:
    session = get_object_or_404(TrainingSession.objects.only("pk", "run_id"), pk=session_id)
    run = run_for_manager(user=user, run_id=session.run_id)
    session = TrainingSession.objects.get(pk=session_id)
    session.run = run
    return session


def attendees_for_manager(*, session: TrainingSession, person_ids: Iterable) -> list[Person]:
    """The people `person_ids` names (ids from a form, as text or ints), looked up only among
    those enrolled in the run of `session`, which `session_for_manager` loaded for this user.

    An id outside that list is never loaded, so nothing about its person can be shown: if any
    id is not found, the whole list is refused with a count and no names. Text that is not an
    id is ignored.
    """
    ids = {int(pk) for pk in person_ids if str(pk).isdigit()}
    enrolled = Enrolment.objects.filter(
        person_id__in=ids, run_id=session.run_id, status=Enrolment.Status.ENROLLED
    )
    people = [
        enrolment.person for enrolment in enrolled.select_related("person").order_by("person_id")
    ]
    if missing := len(ids) - len(people):
        raise ValidationError(
            _("有 %(count)s 人不在该期培训的报名名单中，未记录任何出勤。请刷新页面后重试。")
            % {"count": missing},
            code="not_enrolled",
        )
    return people


def _people_seen(*, user: User, action: Action) -> QuerySet[Person]:
    """Everyone the user may know exists: themselves, the people their directory scope reaches
    and those `action`'s grants reach. Ids outside it are a 404, exactly like unknown ids."""
    return directory_selectors.people_in_any(
        groups=[scope.people_visible_to(user), scope.people_visible_to(user, action)]
    )


def _require(*, user: User, action: Action, person: Person) -> None:
    """403 unless one of the user's grants permitting `action` reaches `person`."""
    if not scope.people_visible_to(user, action).filter(pk=person.pk).exists():
        raise PermissionDenied


def _person_for(*, user: User, person_id: int, action: Action) -> Person:
    seen = _people_seen(user=user, action=action).select_related("region")
    return get_object_or_404(seen, pk=person_id)


def _record_about_person(*, user: User, records: QuerySet, pk: int, action: Action):
    """The record `pk` among `records` whose person the user sees (else 404, as for an unknown
    id); its person comes loaded."""
    seen = records.filter(person__in=_people_seen(user=user, action=action))
    return get_object_or_404(seen.select_related("person"), pk=pk)


def person_for_hours(*, user: User, person_id: int) -> Person:
    """Oneself, or a person in scope of VIEW_TRAINING; people the user cannot see at all are a
    404, those seen through another role (e.g. a supervisor) a 403."""
    person = _person_for(user=user, person_id=person_id, action=Action.VIEW_TRAINING)
    if person.user_id != user.pk:
        _require(user=user, action=Action.VIEW_TRAINING, person=person)
    return person


def enrolment_for_approver(*, user: User, enrolment_id: int) -> Enrolment:
    """An enrolment of someone the user approves training for (their own: 403)."""
    enrolment = _record_about_person(
        user=user,
        records=Enrolment.objects.select_related("person__user", "run__course"),
        pk=enrolment_id,
        action=Action.APPROVE_TRAINING,
    )
    _require(user=user, action=Action.APPROVE_TRAINING, person=enrolment.person)
    return enrolment


def own_enrolment(*, user: User, enrolment_id: int) -> Enrolment:
    """An enrolment of the user's own person (others' are a 404)."""
    return get_object_or_404(
        Enrolment.objects.select_related("run__course", "person__user"),
        pk=enrolment_id,
        person__user=user,
    )


def external_for_approver(*, user: User, claim_id: int) -> ExternalTraining:
    """A claim of someone the user approves training for (their own: 403)."""
    claim = _record_about_person(
        user=user,
        records=ExternalTraining.objects.select_related("person__user", "person__region"),
        pk=claim_id,
        action=Action.APPROVE_TRAINING,
    )
    _require(user=user, action=Action.APPROVE_TRAINING, person=claim.person)
    return claim


def levels_approver_may_credit(*, user: User, claim: ExternalTraining) -> set[str]:
    """The providing levels at which `user` may approve an external training (R12, R13): the
    approver sets the level whose quota the hours count for, and only at a level they hold or
    below. A grant over a region holds that region's level (a county administrator credits
    county or township hours, a city administrator city hours or lower); a grant over a
    service point (a station head) holds only the station's, township, level. Only grants
    permitting APPROVE_TRAINING over the claim's person count; superusers hold every level."""
    return levels_by_claim(user=user, claims=[claim])[claim.pk]


def levels_by_claim(*, user: User, claims: Iterable[ExternalTraining]) -> dict[int, set[str]]:
    """`levels_approver_may_credit` for a page of claims (their people's regions loaded), with
    one query for the people's positions."""
    claims = list(claims)
    by_person = _levels_by_person(
        user=user, action=Action.APPROVE_TRAINING, people={claim.person for claim in claims}
    )
    return {claim.pk: by_person[claim.person_id] for claim in claims}


def levels_adjuster_may_credit(*, user: User, person: Person) -> set[str]:
    """The providing levels at which `user` may enter manual hours for `person` (R12, R13):
    as for external training, only a level they hold or below."""
    return _levels_by_person(user=user, action=Action.ADJUST_LEDGER, people={person})[person.pk]


def _levels_by_person(*, user: User, action: Action, people: set[Person]) -> dict[int, set[str]]:
    top_down = Level.values
    if user.is_superuser and user.is_active:
        return {person.pk: set(top_down) for person in people}
    places = scope.locations_of_people(people)
    levels = {}
    for person in people:
        grants = scope.grants_covering(user, action, places[person.pk])
        # Service points and regions below a township hold the lowest, station, level.
        held = {g.region_level if g.region_level in top_down else top_down[-1] for g in grants}
        levels[person.pk] = hours.levels_at_or_below(held=held, top_down=top_down)
    return levels


def external_evidence_for_user(*, user: User, claim_id: int) -> ExternalTraining:
    """The evidence file: its owner or an approver in scope."""
    claim = _record_about_person(
        user=user,
        records=ExternalTraining.objects.all(),
        pk=claim_id,
        action=Action.APPROVE_TRAINING,
    )
    if claim.person.user_id != user.pk:
        _require(user=user, action=Action.APPROVE_TRAINING, person=claim.person)
    return claim


def entry_for_adjuster(*, user: User, entry_id: int) -> HourEntry:
    entry = _record_about_person(
        user=user, records=HourEntry.objects.all(), pk=entry_id, action=Action.ADJUST_LEDGER
    )
    _require(user=user, action=Action.ADJUST_LEDGER, person=entry.person)
    return entry


def person_for_adjuster(*, user: User, person_id: int) -> Person:
    person = _person_for(user=user, person_id=person_id, action=Action.ADJUST_LEDGER)
    _require(user=user, action=Action.ADJUST_LEDGER, person=person)
    return person


def run_in_catalogue(*, run_id: int) -> CourseRun:
    """Runs are in the public catalogue; whether one may enrol is the service's business."""
    return get_object_or_404(CourseRun.objects.select_related("course"), pk=run_id)


def session_for_attendee(*, token_session_id: int) -> TrainingSession:
    """The session a signed QR token names (the signature is the access check)."""
    return get_object_or_404(
        TrainingSession.objects.select_related("run__course"), pk=token_session_id
    )


def course_for_manager(*, user: User, course_id: int) -> Course:
    """A course its organiser manages (adds runs to); 404/403 as for runs."""
    course = get_object_or_404(
        Course.objects.select_related("organiser_region", "organiser_service_point", "region"),
        pk=course_id,
    )
    if _may_manage_course(user=user, course=course):
        return course
    if not _sees_region(user=user, region=course.region):
        raise Http404
    raise PermissionDenied


def run_for_assigner(*, user: User, run_id: int) -> CourseRun:
    """Assigning people takes the organiser's role, not only teaching the run."""
    run = run_for_manager(user=user, run_id=run_id)
    if not _may_manage_course(user=user, course=run.course):
        raise PermissionDenied
    return run


def organiser_regions(*, user: User):
    """Regions the user may organise courses for (province, city and county offices)."""
    return (
        scope.regions_visible_to(user, Action.MANAGE_COURSES)
        .filter(level__in=["province", "city", "county"])
        .order_by("path")
    )


def organises_as_office(*, user: User, region: Region) -> bool:
    """A region administrator organises as the civil-affairs office; a training provider as
    themselves."""
    return scope.role_allows(user=user, action=Action.MANAGE_OFFICE_COURSES, obj=region)
