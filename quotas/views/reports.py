"""Pages for monthly reports (R17): the station's list, one report, the county's month and
quarter."""

import datetime as dt

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from accounts import scope
from accounts.roles import Action
from core import periods
from directory import selectors as directory_selectors
from quotas import permissions, report_states, rules
from quotas.forms import MonthForm, QuarterlyMeetingForm, ReportForm, WeeklyStatusForm
from quotas.models import StationListItem, YearlyEvaluation
from quotas.selectors import obligations, station_lists, tracking
from quotas.selectors import reports as selectors
from quotas.services import reports as services
from quotas.services import yearly_evaluations

CONFIRMATIONS = {
    report_states.SAVE: gettext_lazy("已保存。"),
    report_states.SUBMIT: gettext_lazy("月报已报送。"),
    report_states.ACCEPT: gettext_lazy("审核结果已保存。"),
    report_states.RETURN: gettext_lazy("审核结果已保存。"),
}


@require_http_methods(["GET", "POST"])
def station_reports(request: HttpRequest, pk: int) -> HttpResponse:
    """The station's reports, what its region's policy asks (R17: the report cycle, a weekly
    status) and hours on the negative list flagged (R19)."""
    point = permissions.station_for_reports(user=request.user, service_point_id=pk)
    may_file = scope.role_allows(user=request.user, action=Action.FILE_REPORTS, obj=point)
    form = MonthForm(request.POST or None)
    today = timezone.localdate()
    if request.method == "POST" and may_file and form.is_valid():
        try:
            report = services.report_open(
                service_point=point, month=form.cleaned_data["month"], by=request.user, today=today
            )
        except ValidationError as error:
            form.add_error("month", error)
        else:
            return redirect("quotas:report", pk=report.pk)
    listed = selectors.reports_of_station(service_point=point)
    page = Paginator(listed, 24).get_page(request.GET.get("page"))
    weekly = obligations.asked(path=point.region.path, name="weekly_status", on=today)
    return render(
        request,
        "quotas/station_reports.html",
        {
            "point": point,
            "form": form,
            "may_file": may_file,
            "page": page,
            "rows": [
                (report, selectors.is_late(report=report, today=today))
                for report in page.object_list
            ],
            "last_year": today.year - 1,
            "cycle": obligations.report_cycle_on(path=point.region.path, on=today),
            "weekly": weekly,
            "weekly_form": WeeklyStatusForm() if weekly and may_file else None,
            "statuses": tracking.weekly_statuses_of_station(service_point=point) if weekly else [],
        },
    )


@require_http_methods(["GET", "POST"])
def report(request: HttpRequest, pk: int) -> HttpResponse:
    """One report: its buttons map onto `services.report_transition`, which refuses."""
    found = permissions.report_for_user(user=request.user, report_id=pk)
    abilities = selectors.report_abilities(report=found, user=request.user)
    # A GET shows the saved draft (unbound, initial from the report); only a POST binds.
    bound = request.method == "POST" and abilities["may_save"]
    form = ReportForm(request.POST if bound else None, instance=found)
    if request.method == "POST":
        action = request.POST.get("action", "")
        filing = form.is_bound and action in report_states.FILING
        if not filing or form.is_valid():
            try:
                services.report_transition(
                    report=found,
                    action=action,
                    by=request.user,
                    data=form.cleaned_data if filing else None,
                    comment=request.POST.get("comment", ""),
                )
            except ValidationError as error:
                messages.error(request, error.messages[0])
            else:
                messages.success(request, CONFIRMATIONS[action])
                return redirect("quotas:report", pk=found.pk)
    path = found.service_point.region.path
    return render(
        request,
        "quotas/report.html",
        {
            "report": found,
            "form": form,
            **abilities,
            "late": selectors.is_late(report=found, today=timezone.localdate()),
            "cycle": obligations.report_cycle_for(path=path, month=found.month),
            "negative_list": station_lists.lists_of_station(service_point=found.service_point)[
                StationListItem.Kind.NEGATIVE
            ],
        },
    )


def region_reports(request: HttpRequest, pk: int) -> HttpResponse:
    """The county's view of one month: every station, filed or not, whether its region's
    policy asks for a report that month (R17), late or not, hours on the negative list (R19)."""
    region = permissions.region_for_user(user=request.user, region_id=pk)
    today = timezone.localdate()
    default = (today.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
    form = MonthForm(request.GET if "month" in request.GET else None)
    if form.is_bound and not form.is_valid():
        messages.error(request, form.errors["month"][0])
    month = form.cleaned_data["month"] if form.is_valid() else default
    points = directory_selectors.township_stations(region=region)
    page = Paginator(points, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "quotas/region_reports.html",
        {
            "region": region,
            "month": month,
            "rows": selectors.month_rows(
                service_points=list(page.object_list), month=month, today=today
            ),
            "page": page,
            "cycle": obligations.report_cycle_on(path=region.path, on=today),
            "weekly": obligations.asked(path=region.path, name="weekly_status", on=today),
        },
    )


def region_quarter(request: HttpRequest, pk: int) -> HttpResponse:
    """The county's quarterly summary of monthly reports and, where its policy asks for one,
    the record of the quarterly meeting (R17: 月报季例会)."""
    region = permissions.region_for_user(user=request.user, region_id=pk)
    today = timezone.localdate()
    year = periods.year_param(request, today=today, default=today.year)
    asked = request.GET.get("quarter", "")
    quarter = int(asked) if asked in {"1", "2", "3", "4"} else (today.month - 1) // 3 + 1
    starts_on = dt.date(year, 3 * quarter - 2, 1)
    ends_on = rules.month_end(dt.date(year, 3 * quarter, 1))
    meeting_pack = obligations.asked(path=region.path, name="quarterly_meeting", on=ends_on)
    may_record = meeting_pack is not None and scope.role_allows(
        user=request.user, action=Action.REVIEW_REPORTS, obj=region
    )
    return render(
        request,
        "quotas/region_quarter.html",
        {
            "region": region,
            "year": year,
            "quarter": quarter,
            "summary": selectors.quarter_summary(region=region, year=year, quarter=quarter),
            "meeting_pack": meeting_pack,
            "meetings": tracking.meetings_between(
                region=region, starts_on=starts_on, ends_on=ends_on
            ),
            "meeting_form": QuarterlyMeetingForm() if may_record else None,
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
    sheet = (
        filed.sheet
        if filed
        else yearly_evaluations.score_sheet(service_point=point, year=year, today=today)
    )
    return render(
        request,
        "quotas/station_evaluation.html",
        {
            "point": point,
            "year": year,
            "filed": filed,
            "sheet": selectors.sheet_with_rules(sheet),
            "may_evaluate": may_evaluate and filed is None and year < today.year and bool(sheet),
            "weights": yearly_evaluations.weights_for(service_point=point, year=year),
        },
    )
