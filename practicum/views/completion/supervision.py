"""Student supervision at a placement (R15): its records and a new one."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from practicum import permissions
from practicum.forms.completion import StudentSupervisionForm
from practicum.selectors.supervision_given import student_supervisions_of_placement
from practicum.selectors.visibility import placements_visible_to
from practicum.services import supervision as services
from practicum.views.completion.common import paginate


def _placement(request: HttpRequest, pk: int):
    return get_object_or_404(
        placements_visible_to(request.user).select_related(
            "base__service_point", "base__agency", "field_supervisor", "tutor"
        ),
        pk=pk,
    )


def supervision_list(request: HttpRequest, pk: int) -> HttpResponse:
    placement = _placement(request, pk)
    page = paginate(request, student_supervisions_of_placement(placement=placement))
    may_record = services.supervisor_of(user=request.user, placement=placement) is not None
    return render(
        request,
        "practicum/completion/supervision_list.html",
        {"placement": placement, "page": page, "may_record": may_record},
    )


def supervision_new(request: HttpRequest, pk: int) -> HttpResponse:
    placement = _placement(request, pk)
    permissions.require(
        services.supervisor_of(user=request.user, placement=placement) is not None,
        _("只有本岗位的站点督导或校内导师可以记录学生督导。"),
    )
    form = StudentSupervisionForm(request.POST or None, placement=placement)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.student_supervision_record(
                placement=placement,
                form=data["form"],
                held_on=data["held_on"],
                minutes=data["minutes"],
                topics=data["topics"],
                notes=data["notes"],
                students=list(data["students"]),
                by=request.user,
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(request, _("学生督导已记录。"))
            return redirect("practicum:completion_supervision_list", placement.pk)
    return render(
        request,
        "practicum/completion/supervision_new.html",
        {"placement": placement, "form": form},
    )
