"""The host station's view (R15): its placements, applications waiting for its decision, its
students and logs waiting for confirmation; and the field supervisor's phone-sized queue where
each submitted log is confirmed or returned from the list."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import scope
from accounts.roles import Action
from practicum import permissions
from practicum.forms.placement import ReturnForm
from practicum.selectors import placement as selectors
from practicum.selectors.hours import progress_by_application
from practicum.services import weekly_logs as service
from practicum.views.placement.common import log_for_user, paginate, show_errors

SHORT_LIST = 20


def station(request: HttpRequest) -> HttpResponse:
    permissions.require(scope.may_anywhere(request.user, Action.HOST_PRACTICUM))
    students = paginate(request, selectors.placed_at_hosted(request.user))
    progress = progress_by_application(list(students))
    return render(
        request,
        "practicum/placement/station.html",
        {
            "placements": selectors.placements_hosted_by(request.user)[:SHORT_LIST],
            "waiting": selectors.waiting_for_station(request.user)[:SHORT_LIST],
            "page": students,
            "rows": [{"application": a, "progress": progress[a.pk]} for a in students],
            "logs": selectors.logs_waiting_at_hosted(request.user)[:SHORT_LIST],
        },
    )


def log_queue(request: HttpRequest) -> HttpResponse:
    permissions.require(selectors.supervises_any(request.user))
    return render(
        request,
        "practicum/placement/log_queue.html",
        {
            "page": paginate(request, selectors.logs_waiting_for_supervisor(request.user)),
            "return_form": ReturnForm(),
        },
    )


@require_POST
def log_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    log = log_for_user(user=request.user, log_id=pk)
    try:
        service.weekly_log_confirm(log=log, user=request.user)
    except ValidationError as error:
        show_errors(request, error)
    else:
        messages.success(request, _("已确认 %(student)s 的周志。") % {"student": _student(log)})
    return redirect("practicum:placement_log_queue")


@require_POST
def log_return(request: HttpRequest, pk: int) -> HttpResponse:
    log = log_for_user(user=request.user, log_id=pk)
    permissions.require(permissions.is_field_supervisor(request.user, log.application.placement))
    form = ReturnForm(request.POST)
    if not form.is_valid():
        for message in form.errors["comment"]:
            messages.error(request, message)
        return redirect("practicum:placement_log_queue")
    try:
        service.weekly_log_return(log=log, comment=form.cleaned_data["comment"], user=request.user)
    except ValidationError as error:
        show_errors(request, error)
    else:
        messages.success(request, _("已退回 %(student)s 的周志。") % {"student": _student(log)})
    return redirect("practicum:placement_log_queue")


def _student(log) -> str:
    return log.application.student.person.name
