"""Supervision pages: loader → form → service → response."""

import datetime as dt

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import scope
from accounts.roles import Action
from calendars.ical import render_calendar
from supervision import calendar_events, forms, pdf, permissions, selectors, services, terms
from supervision.models import CommitteeLevel, Supervisee, SupervisionSession, SupervisorGrade

PAGE_SIZE = 50
MONTHS = range(1, 13)


def _page(request: HttpRequest, queryset):
    return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))


def _year(request: HttpRequest, default: int | None = None) -> int | None:
    value = request.GET.get("year", "")
    if value.isdigit() and 2000 <= int(value) <= 2100:
        return int(value)
    return default


def _month(request: HttpRequest) -> int | None:
    value = request.GET.get("month", "")
    return int(value) if value.isdigit() and 1 <= int(value) <= 12 else None


def _choice(request: HttpRequest, name: str, choices) -> str:
    value = request.GET.get(name, "")
    return value if value in choices else ""


def _back(request: HttpRequest, default: str) -> str:
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return default


def _error_text(error: ValidationError) -> str:
    return " ".join(error.messages)


# Supervisor


def my_stations(request: HttpRequest) -> HttpResponse:
    """The supervisor's assignments with the countdown to each term's end (R6)."""
    profile = permissions.supervisor_of(user=request.user)
    today = timezone.localdate()
    assignments = list(selectors.assignments_of(supervisor=profile))
    rows = [
        {
            "assignment": a,
            "active": a.starts_on <= today <= a.end_on,
            "days_left": terms.days_left(planned_end_on=a.end_on, today=today),
            "warning": terms.term_warning(a.starts_on, a.planned_end_on),
        }
        for a in assignments
    ]
    return render(
        request,
        "supervision/my_stations.html",
        {"profile": profile, "rows": rows, "reminder_days": max(terms.REMINDER_DAYS)},
    )


def session_log(request: HttpRequest, pk: int) -> HttpResponse:
    """Log a session at a station the supervisor is assigned to (404 elsewhere)."""
    point = permissions.station_for_user(
        user=request.user, service_point_id=pk, action=Action.LOG_SUPERVISION
    )
    profile = permissions.supervisor_of(user=request.user)
    today = timezone.localdate()
    workers = selectors.workers_at(service_point=point, day=today)
    form = forms.SessionLogForm(
        request.POST or None,
        request.FILES or None,
        workers=workers,
        co_supervisors=selectors.supervisors_at(service_point=point, day=today).exclude(
            pk=profile.pk
        ),
        initial={
            "providing_level": terms.providing_level(profile.committee_level),
            "started_at": timezone.localtime().replace(second=0, microsecond=0),
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            session = services.session_log(
                service_point=point,
                supervisors=[profile, *data.get("co_supervisors", [])],
                providing_level=data["providing_level"],
                form=data["form"],
                started_at=data["started_at"],
                duration_minutes=data["duration_minutes"],
                status=data["status"],
                topic=data["topic"],
                cases_discussed=data["cases_discussed"],
                notes=data["notes"],
                follow_up=data["follow_up"],
                supervisees=data["supervisees"],
                logged_by=request.user,
                idempotency_key=data["key"],
                attachment=data["attachment"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("督导记录已保存，等待社工确认。"))
            return redirect("supervision:session_detail", session.pk)
    return render(
        request,
        "supervision/session_form.html",
        {"form": form, "point": point, "title": _("记录督导")},
    )


def session_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Change a session: a new version, and the supervisees confirm again."""
    session = permissions.session_for_user(
        user=request.user, session_id=pk, action=Action.LOG_SUPERVISION
    )
    parts = {row.person_id: row.minutes for row in session.supervisees.all()}
    workers = list(selectors.workers_at(service_point=session.service_point, day=session.held_on))
    initial = {
        "key": f"edit-{session.pk}-{session.version}",
        "started_at": timezone.localtime(session.started_at),
        "accept_sensitive": False,
        **{
            name: getattr(session, name) for name in services.SESSION_FIELDS if name != "started_at"
        },
        **{f"minutes_{person_id}": minutes for person_id, minutes in parts.items()},
    }
    form = forms.SessionLogForm(request.POST or None, workers=workers, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.session_update(
                session=session,
                edited_by=request.user,
                supervisees=data["supervisees"],
                **{name: data[name] for name in services.SESSION_FIELDS},
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("已保存为新版本，社工需要重新确认。"))
            return redirect("supervision:session_detail", session.pk)
    return render(
        request,
        "supervision/session_form.html",
        {
            "form": form,
            "point": session.service_point,
            "session": session,
            "title": _("修改督导记录"),
        },
    )


@require_POST
def session_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    session = permissions.session_for_user(
        user=request.user, session_id=pk, action=Action.LOG_SUPERVISION
    )
    try:
        services.session_cancel(session=session, cancelled_by=request.user)
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(request, _("督导活动已取消。"))
    return redirect("supervision:session_detail", session.pk)


def my_sessions(request: HttpRequest) -> HttpResponse:
    profile = permissions.supervisor_of(user=request.user)
    year = _year(request)
    status = _choice(request, "status", SupervisionSession.Status.values)
    sessions = selectors.sessions_for_supervisor(supervisor=profile, year=year, status=status)
    return render(
        request,
        "supervision/my_sessions.html",
        {
            "page": _page(request, sessions),
            "year": year,
            "status": status,
            "statuses": SupervisionSession.Status.choices,
        },
    )


def portfolio(request: HttpRequest) -> HttpResponse:
    """The supervisor's portfolio PDF for a promotion file (R7)."""
    profile = permissions.supervisor_of(user=request.user)
    response = HttpResponse(pdf.portfolio_pdf(supervisor=profile), content_type="application/pdf")
    response["Content-Disposition"] = 'attachment; filename="supervision-portfolio.pdf"'
    return response


# Everyone involved in a session


def session_detail(request: HttpRequest, pk: int) -> HttpResponse:
    session = permissions.session_for_user(
        user=request.user, session_id=pk, action=Action.VIEW_SUPERVISION
    )
    supervisors = list(session.supervisors.select_related("person"))
    point = session.service_point
    return render(
        request,
        "supervision/session_detail.html",
        {
            "session": session,
            "supervisors": supervisors,
            "parts": selectors.supervisees_of(session=session),
            "attachments": session.attachments.all(),
            "is_supervisor": any(s.person.user_id == request.user.pk for s in supervisors),
            "may_confirm_for_others": scope.role_allows(
                user=request.user, action=Action.CONFIRM_FOR_OTHERS, obj=point
            ),
            "may_manage": scope.role_allows(
                user=request.user, action=Action.MANAGE_SUPERVISION, obj=point
            ),
            "locked": services.year_locked(service_point=point, year=session.held_on.year),
            "history": selectors.history_of(session=session),
        },
    )


def session_ics(request: HttpRequest, pk: int) -> HttpResponse:
    """A one-off calendar file for one session (same UID as in the feeds)."""
    session = permissions.session_for_user(
        user=request.user, session_id=pk, action=Action.VIEW_SUPERVISION
    )
    event = calendar_events.session_event(session=session)
    body = render_calendar([event], name=session.topic)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="supervision-{session.pk}.ics"'
    return response


def attachment_download(request: HttpRequest, pk: int) -> FileResponse:
    """An attachment, to those who may see its session."""
    attachment = permissions.attachment_for_user(user=request.user, attachment_id=pk)
    return FileResponse(attachment.file.open("rb"), as_attachment=True, filename=attachment.name)


# Worker


def received(request: HttpRequest) -> HttpResponse:
    """Supervision the signed-in worker received, to confirm or dispute."""
    person = getattr(request.user, "person", None)
    if person is None:
        raise PermissionDenied
    year = _year(request)
    state = _choice(request, "state", Supervisee.State.values)
    today = timezone.localdate()
    first, last = dt.date(year or today.year, 1, 1), dt.date(year or today.year, 12, 31)
    return render(
        request,
        "supervision/received.html",
        {
            "page": _page(request, selectors.received_by(person=person, year=year, state=state)),
            "totals": [
                (CommitteeLevel(level).label, counts)
                for level, counts in selectors.minutes_received(
                    person=person, starts_on=first, ends_on=last
                ).items()
            ],
            "totals_year": first.year,
            "year": year,
            "state": state,
            "states": Supervisee.State.choices,
        },
    )


@require_POST
def part_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    part = permissions.supervisee_for_answer(user=request.user, supervisee_id=pk)
    try:
        services.supervisee_confirm(supervisee=part, confirmed_by=request.user)
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(request, _("已确认 %(name)s 的督导时长。") % {"name": part.person.name})
    return redirect(_back(request, reverse("supervision:received")))


def part_dispute(request: HttpRequest, pk: int) -> HttpResponse:
    part = permissions.supervisee_for_answer(user=request.user, supervisee_id=pk)
    form = forms.DisputeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.supervisee_dispute(
                supervisee=part, reason=form.cleaned_data["reason"], disputed_by=request.user
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("异议已提交，将由县级民政管理员处理。"))
            return redirect("supervision:session_detail", part.session_id)
    return render(request, "supervision/part_dispute.html", {"form": form, "part": part})


# Station head and administrators


def grid(request: HttpRequest) -> HttpResponse:
    """Stations × months of supervision minutes (once per session, R9), with drill-down."""
    permissions.require_anywhere(user=request.user, action=Action.VIEW_SUPERVISION)
    year = _year(request, timezone.localdate().year)
    query = request.GET.get("q", "").strip()
    points = scope.service_points_visible_to(request.user, Action.VIEW_SUPERVISION)
    if query:
        points = points.filter(name__icontains=query)
    page = _page(request, points.select_related("region").order_by("region__path", "code"))
    minutes = selectors.station_month_grid(
        service_points=[p.pk for p in page.object_list], year=year
    )
    rows = [
        {
            "point": point,
            "months": [minutes.get(point.pk, {}).get(m, 0) for m in MONTHS],
            "total": sum(minutes.get(point.pk, {}).values()),
        }
        for point in page.object_list
    ]
    return render(
        request,
        "supervision/grid.html",
        {"page": page, "rows": rows, "year": year, "q": query, "months": MONTHS},
    )


def station_sessions(request: HttpRequest, pk: int) -> HttpResponse:
    """A station's sessions, pending confirmations and current and past supervisors."""
    point = permissions.station_for_user(
        user=request.user, service_point_id=pk, action=Action.VIEW_SUPERVISION
    )
    year = _year(request, timezone.localdate().year)
    month = _month(request)
    status = _choice(request, "status", SupervisionSession.Status.values)
    sessions = selectors.sessions_at(
        service_points=[point.pk], year=year, month=month, status=status
    )
    may_confirm = scope.role_allows(user=request.user, action=Action.CONFIRM_FOR_OTHERS, obj=point)
    pending = selectors.pending_at(service_points=[point.pk])[:PAGE_SIZE] if may_confirm else []
    today = timezone.localdate()
    return render(
        request,
        "supervision/station_sessions.html",
        {
            "point": point,
            "page": _page(request, sessions),
            "pending": pending,
            "may_confirm": may_confirm,
            "assignments": [
                {"assignment": a, "current": a.starts_on <= today <= a.end_on}
                for a in selectors.assignments_at(service_point=point)
            ],
            "totals": selectors.station_minutes(service_point=point, year=year),
            "year": year,
            "month": month,
            "status": status,
            "statuses": SupervisionSession.Status.choices,
            "months": MONTHS,
            "may_manage": scope.role_allows(
                user=request.user, action=Action.MANAGE_SUPERVISION, obj=point
            ),
        },
    )


def station_archive(request: HttpRequest, pk: int, year: int, fmt: str) -> HttpResponse:
    """A station's yearly archive as PDF or Excel (R7)."""
    if fmt not in {"pdf", "xlsx"}:
        raise Http404
    point = permissions.station_for_user(
        user=request.user, service_point_id=pk, action=Action.VIEW_SUPERVISION
    )
    if fmt == "pdf":
        body = pdf.station_archive_pdf(service_point=point, year=year)
        content_type = "application/pdf"
    else:
        body = pdf.station_archive_xlsx(service_point=point, year=year)
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = (
        f'attachment; filename="supervision-{point.code}-{year}.{fmt}"'
    )
    return response


def disputes(request: HttpRequest) -> HttpResponse:
    permissions.require_anywhere(user=request.user, action=Action.MANAGE_SUPERVISION)
    query = request.GET.get("q", "").strip()
    found = selectors.disputes_for_user(user=request.user)
    if query:
        found = found.filter(session__service_point__name__icontains=query)
    return render(request, "supervision/disputes.html", {"page": _page(request, found), "q": query})


def part_resolve(request: HttpRequest, pk: int) -> HttpResponse:
    part = permissions.supervisee_for_resolve(user=request.user, supervisee_id=pk)
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
    query = request.GET.get("q", "").strip()
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
    page = _page(request, found)
    rows = [
        {
            "assignment": a,
            "days_left": terms.days_left(planned_end_on=a.end_on, today=today),
            "warning": terms.term_warning(a.starts_on, a.planned_end_on),
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
            "ratio": terms.WORKERS_PER_SUPERVISOR,
            "q": query,
            "expiring": expiring,
        },
    )


def assignment_new(request: HttpRequest, pk: int) -> HttpResponse:
    """Assign a supervisor to a station (R5, R6)."""
    point = permissions.station_for_user(
        user=request.user, service_point_id=pk, action=Action.MANAGE_SUPERVISION
    )
    form = forms.AssignmentForm(
        request.POST or None, supervisors=selectors.supervisors_for_user(user=request.user)
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.assignment_create(
                supervisor=data["supervisor"],
                target=point,
                mode=data["mode"],
                starts_on=data["starts_on"],
                planned_end_on=data["planned_end_on"],
                term_reason=data["term_reason"],
                created_by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("督导聘任已保存。"))
            return redirect("supervision:station_sessions", point.pk)
    return render(request, "supervision/assignment_form.html", {"form": form, "point": point})


@require_POST
def assignment_end(request: HttpRequest, pk: int) -> HttpResponse:
    assignment = permissions.assignment_for_user(user=request.user, assignment_id=pk)
    try:
        services.assignment_end(
            assignment=assignment, ended_on=timezone.localdate(), ended_by=request.user
        )
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(request, _("督导聘任已结束，记录仍保留。"))
    return redirect(_back(request, reverse("supervision:supervisors")))


def locks(request: HttpRequest) -> HttpResponse:
    permissions.require_anywhere(user=request.user, action=Action.MANAGE_SUPERVISION)
    year = _year(request)
    found = selectors.locks_visible_to(user=request.user)
    if year:
        found = found.filter(year=year)
    return render(request, "supervision/locks.html", {"page": _page(request, found), "year": year})


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
    query = request.GET.get("q", "").strip()
    found = selectors.supervisors_for_user(user=request.user).select_related("mentor__person")
    if query:
        found = found.filter(person__name__icontains=query)
    return render(request, "supervision/profiles.html", {"page": _page(request, found), "q": query})


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
        services.supervisor_profile_create(
            person=data["person"],
            committee_level=data["committee_level"],
            grade=data["grade"],
            starts_on=data["starts_on"],
            specialties=data["specialties"],
            mentor=data["mentor"],
            created_by=request.user,
        )
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
