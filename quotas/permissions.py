from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from accounts import scope
from accounts.models import User
from accounts.roles import Action
from directory.models import Region, ServicePoint
from quotas.models import MonthlyReport, StationListItem


def station_for_user(*, user: User, service_point_id: int) -> ServicePoint:
    """404 outside the user's stations; 403 unless they may view its compliance."""
    visible = scope.service_points_visible_to(user).select_related("region")
    point = get_object_or_404(visible, pk=service_point_id)
    if not scope.role_allows(user=user, action=Action.VIEW_QUOTAS, obj=point):
        raise PermissionDenied
    return point


def region_for_user(*, user: User, region_id: int) -> Region:
    """404 outside the user's regions; 403 unless they may view the region's compliance."""
    region = get_object_or_404(scope.regions_visible_to(user), pk=region_id)
    if not scope.role_allows(user=user, action=Action.VIEW_QUOTAS, obj=region):
        raise PermissionDenied
    return region


def require_quota_viewer(*, user: User) -> None:
    if not scope.may_anywhere(user, Action.VIEW_QUOTAS):
        raise PermissionDenied


def station_for_reports(*, user: User, service_point_id: int) -> ServicePoint:
    """The station's reports: its head files them, the county reviews them."""
    visible = scope.service_points_visible_to(user).select_related("region")
    point = get_object_or_404(visible, pk=service_point_id)
    if not any(
        scope.role_allows(user=user, action=action, obj=point)
        for action in (Action.FILE_REPORTS, Action.REVIEW_REPORTS)
    ):
        raise PermissionDenied
    return point


def report_for_user(*, user: User, report_id: int) -> MonthlyReport:
    visible = MonthlyReport.objects.filter(
        service_point__in=scope.service_points_visible_to(user)
    ).select_related("service_point__region")
    report = get_object_or_404(visible, pk=report_id)
    station_for_reports(user=user, service_point_id=report.service_point_id)
    return report


def list_item_of_station(*, service_point: ServicePoint, item_id: str) -> StationListItem:
    """An item of a station's lists (R19), for a station the caller has loaded; 404 for any
    other id."""
    if not item_id.isdigit():
        raise Http404
    return get_object_or_404(StationListItem, service_point=service_point, pk=int(item_id))
