"""Pages for monthly reports (R17): the station's list, one report, the county's overview."""

import datetime as dt

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts import scope
from accounts.roles import Action
from core import periods
from directory.models import ServicePoint
from quotas import permissions, reports, rules
from quotas.forms import MonthForm, ReportForm
from quotas.models import MonthlyReport, YearlyEvaluation
from quotas.services import yearly_evaluations


def _late(report: MonthlyReport, today: dt.date) -> bool:
    submitted_on = timezone.localdate(report.submitted_at) if report.submitted_at else None
    return rules.report_is_late(due_on=report.due_on, submitted_on=submitted_on, today=today)


@require_http_methods(["GET", "POST"])
def station_reports(request: HttpRequest, pk: int) -> HttpResponse:
    point = permissions.station_for_reports(user=request.user, service_point_id=pk)
    may_file = scope.role_allows(user=request.user, action=Action.FILE_REPORTS, obj=point)
    form = MonthForm(request.POST or None)
    today = timezone.localdate()
    if request.method == "POST" and may_file and form.is_valid():
        try:
            report = reports.report_open(
                service_point=point, month=form.cleaned_data["month"], by=request.user, today=today
            )
        except ValidationError as error:
            form.add_error("month", error)
        else:
            return redirect("quotas:report", pk=report.pk)
    listed = MonthlyReport.objects.filter(service_point=point).order_by("-month")
    page = Paginator(listed, 24).get_page(request.GET.get("page"))
    return render(
        request,
        "quotas/station_reports.html",
        {
            "point": point,
            "form": form,
            "may_file": may_file,
            "page": page,
            "rows": [(report, _late(report, today)) for report in page.object_list],
            "last_year": today.year - 1,
        },
    )


@require_http_methods(["GET", "POST"])
def report(request: HttpRequest, pk: int) -> HttpResponse:
    found = permissions.report_for_user(user=request.user, report_id=pk)
    point = found.service_point
    may_file = scope.role_allows(user=request.user, action=Action.FILE_REPORTS, obj=point)
    may_review = scope.role_allows(user=request.user, action=Action.REVIEW_REPORTS, obj=point)
    editable = may_file and found.status in reports.EDITABLE
    # A GET shows the saved draft (unbound, initial from the report); only a POST binds.
    form = ReportForm(
        request.POST if request.method == "POST" and editable else None, instance=found
    )
    if request.method == "POST":
        action = request.POST.get("action", "")
        try:
            if action in ("save", "submit") and editable and form.is_valid():
                reports.report_save(report=found, data=form.cleaned_data, by=request.user)
                if action == "submit":
                    reports.report_submit(report=found, by=request.user)
                    messages.success(request, _("月报已报送。"))
                else:
                    messages.success(request, _("已保存。"))
                return redirect("quotas:report", pk=found.pk)
            if action in ("accept", "return") and may_review:
                reports.report_review(
                    report=found,
                    by=request.user,
                    accept=action == "accept",
                    comment=request.POST.get("comment", ""),
                )
                messages.success(request, _("审核结果已保存。"))
                return redirect("quotas:report", pk=found.pk)
            if action not in ("save", "submit", "accept", "return") or not (may_file or may_review):
                raise PermissionDenied
        except ValidationError as error:
            messages.error(request, error.messages[0])
    return render(
        request,
        "quotas/report.html",
        {
            "report": found,
            "form": form,
            "editable": editable,
            "may_review": may_review and found.status == MonthlyReport.Status.SUBMITTED,
            "late": _late(found, timezone.localdate()),
        },
    )


def region_reports(request: HttpRequest, pk: int) -> HttpResponse:
    """The county's view of one month: every station, filed or not, late or not."""
    region = permissions.region_for_user(user=request.user, region_id=pk)
    today = timezone.localdate()
    default = (today.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
    form = MonthForm(request.GET if "month" in request.GET else None)
    if form.is_bound and not form.is_valid():
        messages.error(request, form.errors["month"][0])
    month = form.cleaned_data["month"] if form.is_valid() else default
    points = ServicePoint.objects.filter(
        region__path__startswith=region.path, kind=ServicePoint.Kind.TOWNSHIP_STATION
    ).order_by("code")
    page = Paginator(points, 50).get_page(request.GET.get("page"))
    filed = {
        r.service_point_id: r
        for r in MonthlyReport.objects.filter(service_point__in=list(page.object_list), month=month)
    }
    rows = [
        (point, filed.get(point.pk), _late(filed[point.pk], today) if point.pk in filed else None)
        for point in page.object_list
    ]
    return render(
        request,
        "quotas/region_reports.html",
        {
            "region": region,
            "month": month,
            "rows": rows,
            "page": page,
            "missing_late": rules.report_is_late(
                due_on=rules.report_due_on(
                    month=month, due_day=reports.due_day_for_region(region=region)
                ),
                submitted_on=None,
                today=today,
            ),
        },
    )


def region_quarter(request: HttpRequest, pk: int) -> HttpResponse:
    """The county's quarterly summary of monthly reports (R17: 月报季例会)."""
    region = permissions.region_for_user(user=request.user, region_id=pk)
    today = timezone.localdate()
    year = periods.year_param(request, today=today, default=today.year)
    asked = request.GET.get("quarter", "")
    quarter = int(asked) if asked in {"1", "2", "3", "4"} else (today.month - 1) // 3 + 1
    return render(
        request,
        "quotas/region_quarter.html",
        {
            "region": region,
            "year": year,
            "quarter": quarter,
            "summary": reports.quarter_summary(region=region, year=year, quarter=quarter),
        },
    )


@require_http_methods(["GET", "POST"])
def station_evaluation(request: HttpRequest, pk: int, year: int) -> HttpResponse:
    """The county evaluates a station's year; filing locks the year."""
    point = permissions.station_for_reports(user=request.user, service_point_id=pk)
    may_evaluate = scope.role_allows(user=request.user, action=Action.REVIEW_REPORTS, obj=point)
    filed = YearlyEvaluation.objects.filter(service_point=point, year=year).first()
    today = timezone.localdate()
    if request.method == "POST":
        if not may_evaluate:
            raise PermissionDenied
        try:
            quality = int(request.POST.get("quality", ""))
            filed = yearly_evaluations.evaluation_file(
                service_point=point,
                year=year,
                quality=quality,
                comment=request.POST.get("comment", ""),
                by=request.user,
                today=today,
            )
        except ValueError:
            messages.error(request, _("请填写服务质量评分。"))
        except ValidationError as error:
            messages.error(request, error.messages[0])
        else:
            messages.success(request, _("年度评估已提交，该年度督导记录已锁定。"))
            return redirect("quotas:station_evaluation", pk=point.pk, year=year)
    return render(
        request,
        "quotas/station_evaluation.html",
        {
            "point": point,
            "year": year,
            "filed": filed,
            "sheet": filed.sheet
            if filed
            else yearly_evaluations.score_sheet(service_point=point, year=year, today=today),
            "may_evaluate": may_evaluate and filed is None and year < today.year,
            "weights": yearly_evaluations.weights_for(service_point=point),
        },
    )
