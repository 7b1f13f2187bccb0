"""Administrators: disputes, supervisors and assignments, profiles, locked years."""

import datetime as dt

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import scope
from accounts.roles import Action
from core import periods
from core.query_params import query_text
from supervision import answers, forms, permissions, selectors, services, terms
from supervision.models import SupervisorGrade
from supervision.views.common import PAGE_SIZE, back_url, error_text, page_of


def disputes(request: HttpRequest) -> HttpResponse:
    permissions.require_anywhere(user=request.user, action=Action.MANAGE_SUPERVISION)
    query = query_text(request)
    found = selectors.disputes_for_user(user=request.user)
    if query:
        found = found.filter(session__service_point__name__icontains=query)
    page = page_of(request, found)
    parts = answers.with_actions(user=request.user, parts=page.object_list)
    return render(request, "supervision/disputes.html", {"page": page, "parts": parts, "q": query})


def part_resolve(request: HttpRequest, pk: int) -> HttpResponse:
    part = permissions.supervisee_for_resolve(user=request.user, supervisee_id=pk)
    if not answers.may_resolve(user=request.user, part=part, locked=answers.part_locked(part=part)):
        messages.error(request, _("这条记录现在不能处理：没有待处理的异议，或所在年度已锁定。"))
        return redirect("supervision:disputes")
    form = forms.ResolveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.dispute_resolve(
                supervisee=part,
                upheld=form.cleaned_data["upheld"],
                resolution=form.cleaned_data["resolution"],
                resolved_by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("异议已处理。"))
            return redirect("supervision:disputes")
    return render(request, "supervision/part_resolve.html", {"form": form, "part": part})


def supervisors(request: HttpRequest) -> HttpResponse:
    """Administrators: supervisor load (R24) and active assignments with term countdowns."""
    permissions.require_anywhere(user=request.user, action=Action.MANAGE_SUPERVISION)
    today = timezone.localdate()
    query = query_text(request)
    expiring = request.GET.get("expiring") == "1"
    found = selectors.assignments_visible_to(user=request.user, today=today)
    if query:
        found = found.filter(
            Q(supervisor__person__name__icontains=query)
            | Q(service_point__name__icontains=query)
            | Q(region__name__icontains=query)
        )
    if expiring:
        found = found.filter(
            planned_end_on__lte=today + dt.timedelta(days=max(terms.REMINDER_DAYS))
        )
    page = page_of(request, found)
    one_to_one = selectors.one_to_one_flags(assignments=page.object_list)
    rows = [
        {
            "assignment": a,
            "days_left": terms.days_left(planned_end_on=a.end_on, today=today),
            "flag": selectors.term_flag(assignment=a),
            "one_to_one": one_to_one.get(a.pk),
        }
        for a in page.object_list
    ]
    return render(
        request,
        "supervision/supervisors.html",
        {
            "load": Paginator(
                selectors.supervisor_load(user=request.user, today=today), PAGE_SIZE
            ).get_page(request.GET.get("load_page")),
            "page": page,
            "rows": rows,
            "reminder_days": max(terms.REMINDER_DAYS),
            "q": query,
            "expiring": expiring,
        },
    )


def assignment_new(request: HttpRequest, pk: int) -> HttpResponse:
    """Assign a supervisor to a station (R5, R6)."""
    point = permissions.station_for_user(
        user=request.user, service_point_id=pk, action=Action.MANAGE_SUPERVISION
    )
    suggestion = selectors.term_suggestion(region=point.region)
    form = forms.AssignmentForm(
        request.POST or None,
        supervisors=selectors.supervisors_for_user(user=request.user),
        suggestion=suggestion,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            assignment = services.assignment_create(
                supervisor=data["supervisor"],
                target=point,
                mode=data["mode"],
                starts_on=data["starts_on"],
                planned_end_on=data["planned_end_on"],
                term_reason=data.get("term_reason", ""),
                created_by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("督导聘任已保存。"))
            if flag := selectors.one_to_one_flags(assignments=[assignment]).get(assignment.pk):
                messages.warning(request, _one_to_one_warning(flag))
            return redirect("supervision:station_sessions", point.pk)
    return render(
        request,
        "supervision/assignment_form.html",
        {"form": form, "point": point, "suggestion": suggestion},
    )


@require_POST
def assignment_end(request: HttpRequest, pk: int) -> HttpResponse:
    assignment = permissions.assignment_for_user(user=request.user, assignment_id=pk)
    try:
        services.assignment_end(
            assignment=assignment, ended_on=timezone.localdate(), ended_by=request.user
        )
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("督导聘任已结束，记录仍保留。"))
    return redirect(back_url(request, reverse("supervision:supervisors")))


def locks(request: HttpRequest) -> HttpResponse:
    permissions.require_anywhere(user=request.user, action=Action.MANAGE_SUPERVISION)
    year = periods.year_param(request, today=timezone.localdate())
    found = selectors.locks_visible_to(user=request.user)
    if year:
        found = found.filter(year=year)
    return render(
        request, "supervision/locks.html", {"page": page_of(request, found), "year": year}
    )


def lock_reopen(request: HttpRequest, pk: int) -> HttpResponse:
    lock = permissions.lock_for_user(user=request.user, lock_id=pk)
    form = forms.ReopenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.year_reopen(
            lock=lock, reason=form.cleaned_data["reason"], reopened_by=request.user
        )
        messages.success(request, _("年度已重新开放。"))
        return redirect("supervision:locks")
    return render(request, "supervision/lock_reopen.html", {"form": form, "lock": lock})


def profiles(request: HttpRequest) -> HttpResponse:
    """Supervisors in the administrator's scope, with grade and mentor (R16, R24)."""
    permissions.require_anywhere(user=request.user, action=Action.MANAGE_SUPERVISION)
    query = query_text(request)
    found = selectors.supervisors_for_user(user=request.user).select_related("mentor__person")
    if query:
        found = found.filter(person__name__icontains=query)
    return render(
        request, "supervision/profiles.html", {"page": page_of(request, found), "q": query}
    )


def profile_new(request: HttpRequest) -> HttpResponse:
    permissions.require_anywhere(user=request.user, action=Action.MANAGE_SUPERVISION)
    form = forms.ProfileForm(
        request.POST or None,
        people=scope.people_visible_to(request.user, Action.MANAGE_SUPERVISION),
        grades=SupervisorGrade.objects.all(),
        mentors=selectors.supervisors_for_user(user=request.user),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.supervisor_profile_create(
                person=data["person"],
                committee_level=data["committee_level"],
                grade=data["grade"],
                starts_on=data["starts_on"],
                specialties=data["specialties"],
                mentor=data["mentor"],
                created_by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("已登记为督导。"))
            return redirect("supervision:profiles")
    return render(request, "supervision/profile_form.html", {"form": form})


def profile_grade(request: HttpRequest, pk: int) -> HttpResponse:
    """Move a supervisor up (or down) the ladder; the history keeps every step."""
    profile = permissions.profile_for_user(user=request.user, profile_id=pk)
    form = forms.GradeForm(request.POST or None, grades=SupervisorGrade.objects.all())
    if request.method == "POST" and form.is_valid():
        try:
            services.supervisor_grade_change(
                profile=profile,
                grade=form.cleaned_data["grade"],
                starts_on=form.cleaned_data["starts_on"],
                changed_by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("等级已更新。"))
            return redirect("supervision:profiles")
    history = profile.grade_changes.select_related("grade").order_by("starts_on")
    return render(
        request,
        "supervision/profile_grade.html",
        {"form": form, "profile": profile, "history": history},
    )


def _one_to_one_warning(flag) -> str:
    """R5: the sentence that flags a "1+1" assignment overlapping another, counts only."""
    parts = []
    if flag.other_experts:
        parts.append(_("同期本站另有 %(n)d 名“1+1”联系专家") % {"n": flag.other_experts})
    if flag.other_stations:
        parts.append(_("该专家同期还联系另外 %(n)d 个站点") % {"n": flag.other_stations})
    return _("已保存，但不符合“1+1”一名专家联系一个站点的做法：%(what)s。") % {
        "what": "；".join(parts)
    }
