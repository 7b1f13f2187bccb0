"""Pages for the weekly status and the quarterly meeting (R17: Jiaxing's 每周动态掌握 and
月报季例会), where a policy pack in force asks for them."""

import datetime as dt

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core import periods
from directory import selectors as directory_selectors
from quotas import permissions
from quotas.forms import QuarterlyMeetingForm, WeeklyStatusForm
from quotas.selectors import obligations
from quotas.selectors import tracking as selectors
from quotas.services import tracking as services


@require_POST
def weekly_status_save(request: HttpRequest, pk: int) -> HttpResponse:
    """The station head writes this week's status on the station's reports page."""
    point = permissions.station_for_reports(user=request.user, service_point_id=pk)
    form = WeeklyStatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, form.errors["text"][0])
    else:
        try:
            services.weekly_status_save(
                service_point=point,
                text=form.cleaned_data["text"],
                by=request.user,
                today=timezone.localdate(),
            )
        except ValidationError as error:
            messages.error(request, error.messages[0])
        else:
            messages.success(request, _("本周动态已保存。"))
    return redirect("quotas:station_reports", pk=point.pk)


def region_weekly(request: HttpRequest, pk: int) -> HttpResponse:
    """The county's list of its stations' statuses for one week (this week by default)."""
    region = permissions.region_for_user(user=request.user, region_id=pk)
    today = timezone.localdate()
    week = services.week_of(today)
    asked_week = request.GET.get("week", "")
    if asked_week:
        try:
            day = periods.day_within(dt.date.fromisoformat(asked_week), today=today)
        except ValueError:
            messages.error(request, _("请按 2025-07-07 的格式选择日期。"))
        except ValidationError as error:
            messages.error(request, error.messages[0])
        else:
            week = services.week_of(day)
    points = directory_selectors.township_stations(region=region)
    page = Paginator(points, 50).get_page(request.GET.get("page"))
    statuses = selectors.weekly_by_station(service_points=list(page.object_list), week=week)
    return render(
        request,
        "quotas/region_weekly.html",
        {
            "region": region,
            "week": week,
            "week_end": week + dt.timedelta(days=6),
            "page": page,
            "rows": [(point, statuses.get(point.pk)) for point in page.object_list],
            "weekly": obligations.asked(path=region.path, name="weekly_status", on=today),
        },
    )


@require_POST
def quarterly_meeting_record(request: HttpRequest, pk: int) -> HttpResponse:
    """The region's administrator records a quarterly meeting from the quarter page."""
    region = permissions.region_for_user(user=request.user, region_id=pk)
    form = QuarterlyMeetingForm(request.POST)
    back = reverse("quotas:region_quarter", args=[region.pk])
    if not form.is_valid():
        messages.error(request, next(iter(form.errors.values()))[0])
        return redirect(back)
    held_on = form.cleaned_data["held_on"]
    try:
        services.quarterly_meeting_record(
            region=region,
            held_on=held_on,
            attendees=form.cleaned_data["attendees"],
            minutes=form.cleaned_data["minutes"],
            by=request.user,
            today=timezone.localdate(),
        )
    except ValidationError as error:
        messages.error(request, error.messages[0])
        return redirect(back)
    messages.success(request, _("季度例会记录已保存。"))
    return redirect(f"{back}?year={held_on.year}&quarter={(held_on.month - 1) // 3 + 1}")
