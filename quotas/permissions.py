from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from accounts import scope
from accounts.models import User
from accounts.roles import Action
from directory.models import Person, ServicePoint


def own_person(*, user: User) -> Person:
    person = Person.objects.select_related("region").filter(user=user).first()
    if person is None:
        raise Http404
    return person


def station_for_user(*, user: User, service_point_id: int) -> ServicePoint:
    """404 outside the user's stations; 403 unless they may view its compliance."""
    visible = scope.service_points_visible_to(user).select_related("region")
    point = get_object_or_404(visible, pk=service_point_id)
    if not scope.role_allows(user=user, action=Action.VIEW_QUOTAS, obj=point):
        raise PermissionDenied
    return point
