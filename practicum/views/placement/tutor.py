"""The tutor's view (R15), read-only: their students with applications and hours, and each
student's logs."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from accounts import scope
from accounts.roles import Role
from practicum import permissions
from practicum.models import Application
from practicum.selectors import placement as selectors
from practicum.selectors import visibility
from practicum.selectors.hours import progress_by_application
from practicum.views.placement.common import paginate


def _holds_tutor_role(user) -> bool:
    return any(grant.role == Role.PRACTICUM_TUTOR for grant in scope.grants_of(user))


def tutor(request: HttpRequest) -> HttpResponse:
    permissions.require(_holds_tutor_role(request.user))
    page = paginate(request, selectors.students_of_tutor(request.user))
    accepted = [
        a for s in page for a in s.applications.all() if a.state == Application.State.ACCEPTED
    ]
    progress = progress_by_application(accepted)
    return render(
        request,
        "practicum/placement/tutor.html",
        {"page": page, "progress": progress},
    )


def tutor_student(request: HttpRequest, pk: int) -> HttpResponse:
    student = get_object_or_404(
        visibility.students_visible_to(request.user).select_related(
            "person", "programme__university", "tutor"
        ),
        pk=pk,
    )
    permissions.require(
        selectors.students_of_tutor(request.user).filter(pk=student.pk).exists()
        or permissions.may_manage(request.user, student.programme.university)
    )
    applications = list(selectors.applications_of_student_record(student))
    accepted = [a for a in applications if a.state == Application.State.ACCEPTED]
    return render(
        request,
        "practicum/placement/tutor_student.html",
        {
            "student": student,
            "applications": applications,
            "progress": progress_by_application(accepted),
            "logs": list(selectors.logs_of(accepted)),
        },
    )
