"""Station heads and administrators: the grid, a station's sessions and its archive."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from accounts import scope
from accounts.roles import Action
from core import periods
from core.query_params import query_text
from supervision import answers, pdf, permissions, selectors
from supervision.models import SupervisionSession
from supervision.views.common import MONTHS, PAGE_SIZE, choice_param, page_of


def grid(request: HttpRequest) -> HttpResponse:
    """Stations × months of supervision minutes (once per session, R9), with drill-down."""
    permissions.require_anywhere(user=request.user, action=Action.VIEW_SUPERVISION)
    today = timezone.localdate()
    year = periods.year_param(request, today=today, default=today.year)
    query = query_text(request)
    points = scope.service_points_visible_to(request.user, Action.VIEW_SUPERVISION)
    if query:
        points = points.filter(name__icontains=query)
    page = page_of(request, points.select_related("region").order_by("region__path", "code"))
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
    today = timezone.localdate()
    year = periods.year_param(request, today=today, default=today.year)
    month = periods.month_number_param(request)
    status = choice_param(request, "status", SupervisionSession.Status.values)
    sessions = selectors.sessions_at(
        service_points=[point.pk], year=year, month=month, status=status
    )
    may_confirm = scope.role_allows(user=request.user, action=Action.CONFIRM_FOR_OTHERS, obj=point)
    pending = []
    if may_confirm:
        pending = answers.with_actions(
            user=request.user, parts=selectors.pending_at(service_points=[point.pk])[:PAGE_SIZE]
        )
    return render(
        request,
        "supervision/station_sessions.html",
        {
            "point": point,
            "page": page_of(request, sessions),
            "pending": pending,
            "may_confirm": may_confirm,
            "assignments": _assignment_rows(point=point, today=today),
            "totals": selectors.station_minutes(service_point=point, year=year),
            "year": year,
            "month": month,
            "status": status,
            "statuses": SupervisionSession.Status.choices,
            "months": MONTHS,
            "may_log": scope.role_allows(
                user=request.user, action=Action.LOG_SUPERVISION, obj=point
            ),
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


def _assignment_rows(*, point, today) -> list[dict]:
    """The station's assignments with their R6 term flag and R5 "1+1" flag."""
    assignments = list(selectors.assignments_at(service_point=point))
    one_to_one = selectors.one_to_one_flags(assignments=assignments)
    return [
        {
            "assignment": a,
            "current": a.starts_on <= today <= a.end_on,
            "flag": selectors.term_flag(assignment=a),
            "one_to_one": one_to_one.get(a.pk),
        }
        for a in assignments
    ]
