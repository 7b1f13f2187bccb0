"""The demo's monthly reports and what goes with them (quotas/demo_reports.py): R9, R17, R19, R20
as a visitor of the demo meets them."""

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Sum
from django.utils import timezone

from directory.models import Region, ServicePoint
from quotas import rules
from quotas.demo_reports import HUNAN_ADMIN_HOURS
from quotas.models import MonthlyReport, QuarterlyMeeting, StationListItem, WeeklyStatus
from quotas.selectors import obligations, rule_results
from quotas.selectors import reports as selectors

pytestmark = pytest.mark.django_db
D = dt.date


def _station(code):
    return ServicePoint.objects.select_related("region").get(
        region__code=code, kind=ServicePoint.Kind.TOWNSHIP_STATION
    )


def _result(point, year, code):
    results = rule_results.evaluate_station(service_point=point, year=year, today=D(year + 1, 1, 5))
    return next(r for r in results if r.rule.code == code)


def test_demo_reports():
    call_command("seed_demo", stdout=StringIO())
    today = timezone.localdate()
    assert not MonthlyReport.objects.filter(submitted_at__gt=timezone.now()).exists()

    # R17: 诺邓镇's 2021 progress table, on the current month, due the 25th; August's is late.
    nuodeng = _station("532929101")
    tables = list(MonthlyReport.objects.filter(service_point=nuodeng).order_by("month"))
    assert [r.month.month for r in tables] == list(range(5, 13))
    assert all(r.due_on == r.month.replace(day=25) for r in tables)
    late = [r.month.month for r in tables if selectors.is_late(report=r, today=today)]
    assert late == [8]

    # R9: 建外街道 completed 11 distinct cases in 2021; the months' cases served add to 77.
    jianwai = _station("110105001")
    sums = MonthlyReport.objects.filter(service_point=jianwai).aggregate(
        closed=Sum("cases_closed"), served=Sum("cases_served")
    )
    assert (sums["closed"], sums["served"]) == (11, 77)
    cases = _result(jianwai, 2021, "centre-cases")
    assert (cases.achieved, cases.status) == (11, rules.MET)
    assert not MonthlyReport.objects.filter(service_point=jianwai, due_on__isnull=False).exists()

    # R19: 星沙街道 owes no report today, keeps Hunan's lists and is flagged for admin hours.
    xingsha = _station("430121001")
    assert obligations.report_cycle_on(path=xingsha.region.path, on=today) is None
    negative = StationListItem.objects.filter(
        service_point=xingsha, kind=StationListItem.Kind.NEGATIVE
    )
    assert {"许可", "确认", "审批", "给付"} <= set(negative.values_list("text", flat=True))
    assert negative.get(text="审批").source.startswith("《湖南省基层社会工作服务站项目三年行动方案")
    latest = MonthlyReport.objects.filter(service_point=xingsha).order_by("-month").first()
    assert latest.admin_hours == HUNAN_ADMIN_HOURS and latest.due_on is None

    # R20 and R17 in Jiaxing: 钟埭街道 missed one key client once; a weekly status; a meeting.
    zhongdai = _station("330482002")
    missed = MonthlyReport.objects.filter(service_point=zhongdai).order_by("-month").first()
    assert missed.key_clients_visited == missed.key_clients - 1
    visits = _result(zhongdai, missed.month.year, "station-key-client-visits")
    assert visits.status == rules.BEHIND and 90 <= visits.achieved < 100
    assert WeeklyStatus.objects.filter(service_point=zhongdai).exists()
    assert QuarterlyMeeting.objects.filter(region=Region.objects.get(code="330400")).exists()
