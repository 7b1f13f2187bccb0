"""Reads for the weekly status and the quarterly meeting (R17)."""

import datetime as dt

from django.db.models import QuerySet

from directory.models import Region, ServicePoint
from quotas.models import QuarterlyMeeting, WeeklyStatus

RECENT_WEEKS = 8


def weekly_statuses_of_station(*, service_point: ServicePoint) -> QuerySet[WeeklyStatus]:
    """The station's latest weekly statuses, newest first."""
    return WeeklyStatus.objects.filter(service_point=service_point).order_by("-week")[:RECENT_WEEKS]


def weekly_by_station(
    *, service_points: list[ServicePoint], week: dt.date
) -> dict[int, WeeklyStatus]:
    """The stations' statuses for `week`, by station id (stations without one are absent)."""
    return {
        status.service_point_id: status
        for status in WeeklyStatus.objects.filter(service_point__in=service_points, week=week)
    }


def meetings_between(
    *, region: Region, starts_on: dt.date, ends_on: dt.date
) -> QuerySet[QuarterlyMeeting]:
    """The region's own quarterly meetings held between two days (inclusive)."""
    return QuarterlyMeeting.objects.filter(
        region=region, held_on__range=(starts_on, ends_on)
    ).order_by("held_on", "pk")
