"""Placements, management side (R15): the university's list, a new draft at one of its bases,
editing, publishing and closing. The agreement is checked again by every service call."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from practicum.forms import coordinator as forms
from practicum.models import Placement
from practicum.selectors import coordinator as selectors
from practicum.services import placements as services
from practicum.views.coordinator import common


def placement_list(request: HttpRequest, university_id: int) -> HttpResponse:
    university = common.university_managed(user=request.user, university_id=university_id)
    page = common.paginate(request, selectors.placements_of(university=university))
    return render(
        request,
        "practicum/coordinator/placement_list.html",
        {"university": university, "page": page},
    )


def _form(request: HttpRequest, base, placement=None) -> forms.PlacementForm:
    return forms.PlacementForm(
        request.POST if request.method == "POST" else None,
        instance=placement,
        supervisors=base.field_supervisors.order_by("name", "pk"),
        tutors=services.tutors_of(university=base.university).order_by("name", "pk"),
        published=placement is not None and placement.status != Placement.Status.DRAFT,
    )


@require_http_methods(["GET", "POST"])
def placement_new(request: HttpRequest, base_id: int) -> HttpResponse:
    base = common.base_managed(user=request.user, base_id=base_id)
    form = _form(request, base)
    if request.method == "POST" and form.is_valid():
        try:
            placement = services.placement_create(
                base=base, data=form.cleaned_data, by=request.user, today=timezone.localdate()
            )
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, _("实习岗位草稿已保存，确认无误后请发布。"))
            return redirect("practicum:coord_placement_edit", placement.pk)
    return render(
        request,
        "practicum/coordinator/placement_form.html",
        {"base": base, "form": form, "placement": None},
    )


@require_http_methods(["GET", "POST"])
def placement_edit(request: HttpRequest, pk: int) -> HttpResponse:
    placement = common.placement_managed(user=request.user, placement_id=pk)
    base = placement.base
    form = _form(request, base, placement)
    if request.method == "POST" and form.is_valid():
        try:
            services.placement_update(
                placement=placement,
                data=form.cleaned_data,
                by=request.user,
                today=timezone.localdate(),
            )
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, _("已保存。"))
            return redirect("practicum:coord_placement_edit", placement.pk)
        placement.refresh_from_db()
    return render(
        request,
        "practicum/coordinator/placement_form.html",
        {
            "base": base,
            "form": form,
            "placement": placement,
            "accepted": services.accepted_count(placement=placement),
        },
    )


@require_POST
def placement_publish(request: HttpRequest, pk: int) -> HttpResponse:
    placement = common.placement_managed(user=request.user, placement_id=pk)
    try:
        services.placement_publish(placement=placement, by=request.user, today=timezone.localdate())
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("实习岗位已发布。"))
    return redirect("practicum:coord_placement_edit", placement.pk)


@require_POST
def placement_close(request: HttpRequest, pk: int) -> HttpResponse:
    placement = common.placement_managed(user=request.user, placement_id=pk)
    try:
        services.placement_close(placement=placement, by=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("实习岗位已关闭，不再接受申请。"))
    return redirect("practicum:coord_placement_edit", placement.pk)
