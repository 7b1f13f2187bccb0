"""What of the practicum each user may see (R15). Every id from a request is looked up in one
of these querysets, so what lies outside a user's reach is the same 404 as what does not exist.

- A coordinator sees everything of their university (grant with MANAGE_PRACTICUM).
- A station head (or a region office above it) sees the bases hosted in its scope, their
  placements and the students placed there (HOST_PRACTICUM).
- A field supervisor sees the placements they supervise; a tutor the placements they tutor and
  their own students; a student only their own records.
"""

from django.db.models import Q, QuerySet

from accounts import scope
from accounts.models import User
from accounts.roles import Action
from practicum.models import (
    Application,
    Evaluation,
    Placement,
    PracticeBase,
    Programme,
    Student,
    StudentSupervision,
    WeeklyLog,
)


def _universities(user: User):
    return scope.universities_visible_to(user, Action.MANAGE_PRACTICUM)


def _hosting(user: User) -> Q:
    """Bases hosted by a station or agency the user hosts practicum for."""
    return Q(service_point__in=scope.service_points_visible_to(user, Action.HOST_PRACTICUM)) | Q(
        agency__in=scope.agencies_visible_to(user, Action.HOST_PRACTICUM)
    )


def bases_managed_by(user: User) -> QuerySet[PracticeBase]:
    """Agreements the user's university coordinator grants cover."""
    if user.is_superuser:
        return PracticeBase.objects.all()
    return PracticeBase.objects.filter(university__in=_universities(user))


def bases_hosted_by(user: User) -> QuerySet[PracticeBase]:
    """Agreements of stations and agencies the user hosts practicum for."""
    if user.is_superuser:
        return PracticeBase.objects.all()
    return PracticeBase.objects.filter(_hosting(user))


def bases_visible_to(user: User) -> QuerySet[PracticeBase]:
    if user.is_superuser:
        return PracticeBase.objects.all()
    return PracticeBase.objects.filter(
        Q(university__in=_universities(user)) | _hosting(user) | Q(field_supervisors__user=user)
    ).distinct()


def programmes_managed_by(user: User) -> QuerySet[Programme]:
    if user.is_superuser:
        return Programme.objects.all()
    return Programme.objects.filter(university__in=_universities(user))


def placements_visible_to(user: User) -> QuerySet[Placement]:
    """Placements the user works on (not the public list: see `placements_published`)."""
    if user.is_superuser:
        return Placement.objects.all()
    hosted = bases_hosted_by(user).values("pk")
    return Placement.objects.filter(
        Q(base__university__in=_universities(user))
        | Q(base__in=hosted)
        | Q(field_supervisor__user=user)
        | Q(tutor__user=user)
    )


def placements_published() -> QuerySet[Placement]:
    """What anyone may see: published placements."""
    return Placement.objects.filter(status=Placement.Status.PUBLISHED)


def students_visible_to(user: User) -> QuerySet[Student]:
    if user.is_superuser:
        return Student.objects.all()
    placements = placements_visible_to(user).values("pk")
    return Student.objects.filter(
        Q(programme__university__in=_universities(user))
        | Q(tutor__user=user)
        | Q(person__user=user)
        | Q(
            applications__placement__in=placements,
            applications__state=Application.State.ACCEPTED,
        )
    ).distinct()


def applications_visible_to(user: User) -> QuerySet[Application]:
    if user.is_superuser:
        return Application.objects.all()
    placements = placements_visible_to(user).values("pk")
    return Application.objects.filter(
        Q(placement__in=placements)
        | Q(student__programme__university__in=_universities(user))
        | Q(student__tutor__user=user)
        | Q(student__person__user=user)
    )


def weekly_logs_visible_to(user: User) -> QuerySet[WeeklyLog]:
    return WeeklyLog.objects.filter(application__in=applications_visible_to(user).values("pk"))


def evaluations_visible_to(user: User) -> QuerySet[Evaluation]:
    return Evaluation.objects.filter(application__in=applications_visible_to(user).values("pk"))


def supervisions_visible_to(user: User) -> QuerySet[StudentSupervision]:
    if user.is_superuser:
        return StudentSupervision.objects.all()
    return StudentSupervision.objects.filter(
        Q(placement__in=placements_visible_to(user).values("pk"))
        | Q(students__student__person__user=user)
    ).distinct()
