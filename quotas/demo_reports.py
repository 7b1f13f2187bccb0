"""Demo monthly reports and what goes with them (R9, R17, R19, R20), for `seed_demo`.

- 诺邓镇 (Yunlong) files its 2021 build-progress table on the current month, May to December,
  before the 26th of each month; August's came on the 27th and is late (R17).
- 建外街道 (Beijing) files its 2021 reports with cases opened and closed: 11 distinct cases
  completed in the pilot year, though the months' cases served add up to far more (R9). Beijing
  asks for no monthly report, so they have no due day.
- 星沙街道 (Hunan) files the last three months with no report obligation (Hunan's plan ended in
  2023); its lists were seeded from the plan while it was in force, and the latest month has
  hours on the negative list, flagged (R19).
- 钟埭街道 (Pinghu, Jiaxing) reports its key clients and visits (R20) for the last three
  months, one client missed in the latest, and this week's status; Jiaxing's city records its
  last quarter's meeting (R17).

Rows are written directly, dated as if filed at the time; a second run adds nothing.
"""

import datetime as dt
from zoneinfo import ZoneInfo

from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from directory.models import Region, ServicePoint
from quotas import rules
from quotas.models import MonthlyReport, QuarterlyMeeting, StationListItem, WeeklyStatus
from quotas.selectors import obligations
from quotas.selectors import reports as report_selectors
from quotas.services import station_lists, tracking

SHANGHAI = ZoneInfo("Asia/Shanghai")
Status = MonthlyReport.Status

# (month, cases opened, closed, served): 16 opened, 11 closed in 2021.
BEIJING_CASES = (
    (1, 3, 0, 3),
    (2, 2, 1, 5),
    (3, 2, 1, 6),
    (4, 1, 1, 6),
    (5, 2, 1, 7),
    (6, 1, 1, 7),
    (7, 1, 2, 7),
    (8, 2, 1, 8),
    (9, 1, 1, 8),
    (10, 0, 1, 7),
    (11, 1, 1, 7),
    (12, 0, 0, 6),
)
YUNLONG_LATE_MONTH = 8
HUNAN_ADMIN_HOURS = 12
HUNAN_OWN_NEGATIVE_ITEM = "代为审核低保申请材料"
PINGHU_KEY_CLIENTS = 12


def seed() -> int:
    """Write the demo's reports, lists, weekly status and meeting; how many rows were added."""
    today = timezone.localdate()
    return _yunlong() + _beijing() + _hunan(today) + _pinghu(today) + _jiaxing_meeting(today)


def reset() -> None:
    """Delete every report-side row (they refer to stations, regions and accounts)."""
    MonthlyReport.objects.all().delete()
    WeeklyStatus.objects.all().delete()
    QuarterlyMeeting.objects.all().delete()
    StationListItem.objects.all().delete()


def _station(region_code: str) -> ServicePoint | None:
    return (
        ServicePoint.objects.filter(
            region__code=region_code, kind=ServicePoint.Kind.TOWNSHIP_STATION
        )
        .select_related("region")
        .first()
    )


def _head(point: ServicePoint) -> User | None:
    return (
        User.objects.filter(
            role_grants__role=Role.STATION_HEAD,
            role_grants__service_point=point,
            role_grants__revoked_at__isnull=True,
        )
        .order_by("pk")
        .first()
    )


def _account(name: str) -> User | None:
    return User.objects.filter(email=f"{name}@example.cn").first()


def _at(day: dt.date, hour: int = 10) -> dt.datetime:
    """10 o'clock on `day` in Shanghai, or now if that is still to come."""
    return min(dt.datetime(day.year, day.month, day.day, hour, tzinfo=SHANGHAI), timezone.now())


def _months_before(today: dt.date, count: int) -> list[dt.date]:
    """The `count` months before this one, oldest first."""
    months, month = [], today.replace(day=1)
    for _ in range(count):
        month = (month - dt.timedelta(days=1)).replace(day=1)
        months.append(month)
    return months[::-1]


def _report(
    point: ServicePoint,
    month: dt.date,
    *,
    submitted_on: dt.date,
    head: User | None,
    reviewer: User | None,
    **figures,
) -> int:
    """One filed report on `month`, due as the station's policy says then; 1 when added."""
    cycle = obligations.report_cycle_for(path=point.region.path, month=month)
    accepted = reviewer is not None
    _report_row, created = MonthlyReport.objects.get_or_create(
        service_point=point,
        month=month,
        defaults={
            "due_on": cycle.due_on(month) if cycle else None,
            "figures": report_selectors.figures_for(service_point=point, month=month),
            "status": Status.ACCEPTED if accepted else Status.SUBMITTED,
            "submitted_at": _at(submitted_on),
            "submitted_by": head,
            "reviewed_at": _at(submitted_on + dt.timedelta(days=2)) if accepted else None,
            "reviewed_by": reviewer,
            **figures,
        },
    )
    return int(created)


def _yunlong() -> int:
    point = _station("532929101")
    if point is None:
        return 0
    head, county = _head(point), _account("yunlong.admin")
    added = 0
    for number in range(5, 13):
        month = dt.date(2021, number, 1)
        day = 27 if number == YUNLONG_LATE_MONTH else 24
        added += _report(
            point,
            month,
            submitted_on=month.replace(day=day),
            head=head,
            reviewer=county,
            work_hours=480,
            service_hours=150 + 10 * number,
            highlights="社工站场所布置、设施配备和驻站服务按计划推进",
        )
    return added


def _beijing() -> int:
    point = _station("110105001")
    if point is None:
        return 0
    head, district = _head(point), _account("chaoyang.admin")
    added = 0
    for number, opened, closed, served in BEIJING_CASES:
        month = dt.date(2021, number, 1)
        added += _report(
            point,
            month,
            submitted_on=rules.month_end(month) + dt.timedelta(days=5),
            head=head,
            reviewer=district,
            cases_opened=opened,
            cases_closed=closed,
            cases_served=served,
            work_hours=800,
            service_hours=420,
        )
    return added


def _hunan(today: dt.date) -> int:
    point = _station("430121001")
    if point is None:
        return 0
    plan_in_force = dt.date(2023, 12, 31)
    added = station_lists.station_lists_seed(service_point=point, by=None, on=plan_in_force)
    _item, created = StationListItem.objects.get_or_create(
        service_point=point,
        kind=StationListItem.Kind.NEGATIVE,
        text=HUNAN_OWN_NEGATIVE_ITEM,
    )
    added += int(created)
    head, county = _head(point), _account("changshaxian.admin")
    months = _months_before(today, 3)
    for month in months:
        latest = month == months[-1]
        added += _report(
            point,
            month,
            submitted_on=min(rules.month_end(month) + dt.timedelta(days=3), today),
            head=head,
            reviewer=None if latest else county,
            cases_opened=2,
            cases_closed=1,
            cases_served=9,
            work_hours=640,
            service_hours=260,
            admin_hours=HUNAN_ADMIN_HOURS if latest else 0,
            problems="乡镇委托代为审核低保申请材料，占用驻站社工工时" if latest else "",
        )
    return added


def _pinghu(today: dt.date) -> int:
    point = _station("330482002")
    if point is None:
        return 0
    head = _head(point)
    months = _months_before(today, 3)
    added = 0
    for month in months:
        latest = month == months[-1]
        added += _report(
            point,
            month,
            submitted_on=min(rules.month_end(month) + dt.timedelta(days=4), today),
            head=head,
            reviewer=None,
            cases_opened=3,
            cases_closed=2,
            cases_served=14,
            work_hours=720,
            service_hours=400,
            key_clients=PINGHU_KEY_CLIENTS,
            key_clients_visited=PINGHU_KEY_CLIENTS - 1 if latest else PINGHU_KEY_CLIENTS,
        )
    if head is not None:
        _status, created = WeeklyStatus.objects.get_or_create(
            service_point=point,
            week=tracking.week_of(today),
            defaults={"text": "完成 3 户独居老人探访，社区议事会筹备中", "by": head},
        )
        added += int(created)
    return added


def _jiaxing_meeting(today: dt.date) -> int:
    city = Region.objects.filter(code="330400").first()
    recorder = _account("jiaxing.admin")
    if city is None or recorder is None:
        return 0
    last_quarter_ends = (today.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
    while last_quarter_ends.month % 3:
        last_quarter_ends = (last_quarter_ends - dt.timedelta(days=1)).replace(day=1)
    held_on = last_quarter_ends.replace(day=20)
    _meeting, created = QuarterlyMeeting.objects.get_or_create(
        region=city,
        held_on=held_on,
        defaults={
            "attendees": 18,
            "minutes": "听取各县（市、区）社工站月报汇总，部署重点对象月探访全覆盖。",
            "recorded_by": recorder,
        },
    )
    return int(created)
