import datetime as dt
from urllib.parse import quote

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from core import periods
from core.db_router import reads_from_replica
from directory import permissions as directory_permissions
from directory import selectors as directory_selectors
from quotas import exports, permissions
from quotas.models import PERSON_MEASURES, REGION_MEASURES
from quotas.selectors import dashboards, progress_chart, region_targets, rule_results, rulebook
from quotas.selectors.regions import dashboard_roots


def _year(request: HttpRequest) -> int:
    today = timezone.localdate()
    return periods.year_param(request, today=today, default=today.year)


def mine(request: HttpRequest) -> HttpResponse:
    """The worker's own progress against every rule that applies to them."""
    person = directory_permissions.own_person(user=request.user)
    year = _year(request)
    today = timezone.localdate()
    results = rule_results.evaluate_person(person=person, year=year, today=today)
    _roles, path = rule_results.place_of(person, on=min(today, dt.date(year, 12, 31)))
    training, supervision = progress_chart.monthly_minutes(person=person, year=year)
    lines = [
        progress_chart.progress_line(
            r, training=training, supervision=supervision, year=year, today=today
        )
        for r in results
    ]
    return render(
        request,
        "quotas/mine.html",
        {
            "person": person,
            "year": year,
            "results": list(zip(results, lines, strict=True)),
            "lapsed": [
                r for r in rulebook.lapsed_above(path, year) if r.measure in PERSON_MEASURES
            ],
            "years": _years(),
        },
    )


def station(request: HttpRequest, pk: int) -> HttpResponse:
    """A station's own rules, and its staff × person rules grid."""
    point = permissions.station_for_user(user=request.user, service_point_id=pk)
    year = _year(request)
    today = timezone.localdate()
    station_results, evaluated = dashboards.station_board(
        service_point=point, year=year, today=today
    )
    names = directory_selectors.names_of(people=[p.person_id for p in evaluated])
    columns = sorted({(r.rule.pk, r.rule.title) for p in evaluated for r in p.results})
    grid = sorted(
        (
            (
                names[placed.person_id],
                [next((r for r in placed.results if r.rule.pk == pk_), None) for pk_, _ in columns],
            )
            for placed in evaluated
        ),
        key=lambda row: row[0],
    )
    return render(
        request,
        "quotas/station.html",
        {
            "point": point,
            "year": year,
            "years": _years(),
            "station_results": station_results,
            "lapsed": [
                r
                for r in rulebook.lapsed_above(point.region.path, year)
                if r.measure not in REGION_MEASURES
            ],
            "columns": [title for _, title in columns],
            "grid": grid,
        },
    )


def _years() -> list[int]:
    this_year = timezone.localdate().year
    return list(range(this_year, this_year - 4, -1))


def regions(request: HttpRequest) -> HttpResponse:
    """The regions the user administers, as starting points for their dashboards."""
    permissions.require_quota_viewer(user=request.user)
    return render(
        request,
        "quotas/regions.html",
        {"regions": dashboard_roots(user=request.user)},
    )


@reads_from_replica
def region(request: HttpRequest, pk: int) -> HttpResponse:
    """A region's share of people meeting each rule, by station or sub-region (drill-down)."""
    found = permissions.region_for_user(user=request.user, region_id=pk)
    year = _year(request)
    today = timezone.localdate()
    board = dashboards.region_dashboard(region=found, year=year, today=today, with_months=True)
    return render(
        request,
        "quotas/region.html",
        {
            "board": board,
            "year": year,
            "years": _years(),
            "table": [
                (row, [row.tallies.get(rule.pk) for rule in board.rules]) for row in board.rows
            ],
            "totals": [board.totals.get(rule.pk) for rule in board.rules],
            "lapsed": rulebook.lapsed_around(found.path, year),
            "targets": region_targets.region_targets(region=found, year=year, today=today),
        },
    )


@reads_from_replica
def region_export(request: HttpRequest, pk: int) -> HttpResponse:
    found = permissions.region_for_user(user=request.user, region_id=pk)
    year = _year(request)
    today = timezone.localdate()
    board = dashboards.region_dashboard(region=found, year=year, today=today)
    targets = region_targets.region_targets(region=found, year=year, today=today)
    response = HttpResponse(
        exports.dashboard_workbook(board, targets=targets),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    filename = quote(f"{found.name}-{year}-指标.xlsx")
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{filename}"
    return response
