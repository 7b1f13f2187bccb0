"""Reads for the placement pages (R15): a student's applications and logs, a station's queue, a
field supervisor's logs waiting for confirmation, a tutor's students. Each list is scoped to the
user and reads a fixed number of queries whatever the rows."""

from django.db.models import Prefetch, Q, QuerySet

from accounts.models import User
from practicum.models import Application, Placement, Student, WeeklyLog
from practicum.selectors import visibility

Pending = Application.State.PENDING


def students_of_user(user: User) -> QuerySet[Student]:
    """The user's own student records (one per programme)."""
    return Student.objects.filter(person__user=user).select_related("programme__university")


def placements_open_to(user: User) -> QuerySet[Placement]:
    """Placements the user may open: those they work on, and published placements of the
    universities where they study."""
    universities = students_of_user(user).values("programme__university")
    return Placement.objects.filter(
        Q(pk__in=visibility.placements_visible_to(user).values("pk"))
        | Q(status=Placement.Status.PUBLISHED, base__university__in=universities)
    ).select_related(
        "base__university", "base__service_point", "base__agency", "field_supervisor", "tutor"
    )


def _application_rows(queryset: QuerySet[Application]) -> QuerySet[Application]:
    return queryset.select_related(
        "placement__base__service_point",
        "placement__base__agency",
        "placement__base__university",
        "student__person",
        "student__programme",
    )


def applications_of_student(user: User) -> QuerySet[Application]:
    return _application_rows(Application.objects.filter(student__person__user=user)).order_by(
        "-created_at", "-pk"
    )


def logs_of(applications) -> QuerySet[WeeklyLog]:
    return WeeklyLog.objects.filter(application__in=applications).order_by(
        "application", "-week_starts_on"
    )


def waiting_for_station(user: User) -> QuerySet[Application]:
    """Pending applications at bases the user hosts, the station not having decided yet."""
    return _application_rows(
        Application.objects.filter(
            placement__base__in=visibility.bases_hosted_by(user).values("pk"),
            state=Pending,
            station_decision="",
        )
    ).order_by("created_at", "pk")


def placements_hosted_by(user: User) -> QuerySet[Placement]:
    return Placement.objects.filter(
        base__in=visibility.bases_hosted_by(user).values("pk")
    ).select_related("base__service_point", "base__agency", "base__university", "field_supervisor")


def placed_at_hosted(user: User) -> QuerySet[Application]:
    """Accepted applications at bases the user hosts: the station's students."""
    return _application_rows(
        Application.objects.filter(
            placement__base__in=visibility.bases_hosted_by(user).values("pk"),
            state=Application.State.ACCEPTED,
        )
    ).order_by("placement__starts_on", "student__person__name")


def _log_rows(queryset: QuerySet[WeeklyLog]) -> QuerySet[WeeklyLog]:
    return queryset.select_related(
        "application__student__person",
        "application__placement__base__service_point",
        "application__placement__base__agency",
    ).order_by("week_starts_on", "pk")


def logs_waiting_at_hosted(user: User) -> QuerySet[WeeklyLog]:
    return _log_rows(
        WeeklyLog.objects.filter(
            application__placement__base__in=visibility.bases_hosted_by(user).values("pk"),
            state=WeeklyLog.State.SUBMITTED,
        )
    )


def logs_waiting_for_supervisor(user: User) -> QuerySet[WeeklyLog]:
    """Submitted logs of placements the user is the field supervisor of."""
    return _log_rows(
        WeeklyLog.objects.filter(
            application__placement__field_supervisor__user=user,
            state=WeeklyLog.State.SUBMITTED,
        )
    )


def supervises_any(user: User) -> bool:
    return Placement.objects.filter(field_supervisor__user=user).exists()


def students_of_tutor(user: User) -> QuerySet[Student]:
    """Students the user tutors, or who hold an application at a placement the user tutors;
    with their applications at hand."""
    applications = Application.objects.select_related(
        "placement__base__service_point", "placement__base__agency"
    ).order_by("-created_at")
    return (
        Student.objects.filter(Q(tutor__user=user) | Q(applications__placement__tutor__user=user))
        .distinct()
        .select_related("person", "programme__university")
        .prefetch_related(Prefetch("applications", queryset=applications))
        .order_by("programme", "student_number")
    )


def applications_of_student_record(student: Student) -> QuerySet[Application]:
    return _application_rows(Application.objects.filter(student=student)).order_by(
        "-created_at", "-pk"
    )
