"""Supervisor pages: my stations with term countdowns, logging, my sessions, portfolio."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.roles import Action
from core import periods
from supervision import forms, pdf, permissions, selectors, services, terms
from supervision.models import SupervisionSession
from supervision.views.common import choice_param, error_text, page_of


def my_stations(request: HttpRequest) -> HttpResponse:
    """The supervisor's assignments with the countdown to each term's end (R6)."""
    profile = permissions.supervisor_of(user=request.user)
    today = timezone.localdate()
    assignments = list(selectors.assignments_of(supervisor=profile))
    one_to_one = selectors.one_to_one_flags(assignments=assignments)
    rows = [
        {
            "assignment": a,
            "active": a.starts_on <= today <= a.end_on,
            "days_left": terms.days_left(planned_end_on=a.end_on, today=today),
            "flag": selectors.term_flag(assignment=a),
            "one_to_one": one_to_one.get(a.pk),
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
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("督导活动已取消。"))
    return redirect("supervision:session_detail", session.pk)


def my_sessions(request: HttpRequest) -> HttpResponse:
    profile = permissions.supervisor_of(user=request.user)
    year = periods.year_param(request, today=timezone.localdate())
    status = choice_param(request, "status", SupervisionSession.Status.values)
    sessions = selectors.sessions_for_supervisor(supervisor=profile, year=year, status=status)
    return render(
        request,
        "supervision/my_sessions.html",
        {
            "page": page_of(request, sessions),
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
