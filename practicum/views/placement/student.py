"""The student's pages (R15), phone-sized: home with applications, hours and weeks to log; a
placement with the apply form; withdrawing; logging and correcting a week."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.units import hours_number, minutes_from_hours
from practicum import permissions, weeks
from practicum.forms.placement import ApplicationForm, WeeklyLogForm, WeeklyLogRevisionForm
from practicum.models import Application, WeeklyLog
from practicum.selectors import placement as selectors
from practicum.selectors.hours import progress_by_application
from practicum.services import applications as application_service
from practicum.services import weekly_logs as log_service
from practicum.views.placement.common import (
    application_for_user,
    log_for_user,
    placement_for_user,
    show_errors,
)


def home(request: HttpRequest) -> HttpResponse:
    """My applications and their state; for each accepted placement the confirmed against the
    required hours, the weeks still to log and the logs returned with a comment."""
    permissions.require(selectors.students_of_user(request.user).exists())
    today = timezone.localdate()
    applications = list(selectors.applications_of_student(request.user))
    accepted = [a for a in applications if a.state == Application.State.ACCEPTED]
    progress = progress_by_application(accepted)
    logs = list(selectors.logs_of(accepted))
    placements = []
    for application in accepted:
        own = [log for log in logs if log.application_id == application.pk]
        placement = application.placement
        placements.append(
            {
                "application": application,
                "progress": progress[application.pk],
                "due": weeks.weeks_due(
                    starts_on=placement.starts_on,
                    ends_on=placement.ends_on,
                    today=today,
                    logged={log.week_starts_on for log in own},
                ),
                "returned": [log for log in own if log.state == WeeklyLog.State.RETURNED],
                "logs": own,
            }
        )
    return render(
        request,
        "practicum/placement/student_home.html",
        {"applications": applications, "placements": placements},
    )


def placement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A placement as a student sees it, with the apply form when it is theirs to apply to."""
    placement = placement_for_user(user=request.user, placement_id=pk)
    student = (
        selectors.students_of_user(request.user)
        .filter(programme__university=placement.base.university_id)
        .first()
    )
    application = (
        placement.applications.filter(student=student).first() if student is not None else None
    )
    form = ApplicationForm(request.POST or None)
    if request.method == "POST":
        permissions.require(student is not None)
        if form.is_valid():
            try:
                application_service.application_create(
                    placement=placement,
                    student=student,
                    statement=form.cleaned_data["statement"],
                    user=request.user,
                    today=timezone.localdate(),
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("申请已提交，请等待站点和学校审核。"))
                return redirect("practicum:placement_student_home")
    return render(
        request,
        "practicum/placement/placement_detail.html",
        {
            "placement": placement,
            "student": student,
            "application": application,
            "form": form,
            "may_apply": student is not None
            and application is None
            and placement.status == placement.Status.PUBLISHED
            and placement.starts_on > timezone.localdate(),
        },
    )


@require_POST
def application_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    application = application_for_user(user=request.user, application_id=pk)
    try:
        application_service.application_withdraw(application=application, user=request.user)
    except ValidationError as error:
        show_errors(request, error)
    else:
        messages.success(request, _("申请已撤回。"))
    return redirect("practicum:placement_student_home")


def log_new(request: HttpRequest, pk: int) -> HttpResponse:
    """Log a week of an accepted placement; `?week=` names the Monday offered from the home."""
    application = application_for_user(user=request.user, application_id=pk)
    permissions.require(permissions.is_student(request.user, application))
    form = WeeklyLogForm(request.POST or None, initial={"week_starts_on": request.GET.get("week")})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            log_service.weekly_log_submit(
                application=application,
                week_starts_on=data["week_starts_on"],
                minutes=minutes_from_hours(data["hours"]),
                activities=data["activities"],
                reflection=data["reflection"],
                user=request.user,
                today=timezone.localdate(),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("周志已提交，等待站点督导确认。"))
            return redirect("practicum:placement_student_home")
    return render(
        request,
        "practicum/placement/log_form.html",
        {"application": application, "form": form, "log": None},
    )


def log_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Correct a log not yet confirmed (a returned one goes back to the field supervisor)."""
    log = log_for_user(user=request.user, log_id=pk)
    permissions.require(permissions.is_student(request.user, log.application))
    if log.state == WeeklyLog.State.CONFIRMED:
        messages.error(request, _("周志已确认，不能再修改。"))
        return redirect("practicum:placement_student_home")
    initial = {
        "hours": hours_number(log.minutes),
        "activities": log.activities,
        "reflection": log.reflection,
    }
    form = WeeklyLogRevisionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            log_service.weekly_log_revise(
                log=log,
                minutes=minutes_from_hours(data["hours"]),
                activities=data["activities"],
                reflection=data["reflection"],
                user=request.user,
                today=timezone.localdate(),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("周志已重新提交。"))
            return redirect("practicum:placement_student_home")
    return render(
        request,
        "practicum/placement/log_form.html",
        {"application": log.application, "form": form, "log": log},
    )
