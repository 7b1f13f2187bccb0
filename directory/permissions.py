"""Object loaders for the directory: 404 outside the user's scope, 403 for too weak a role."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from accounts import scope
from accounts.models import User
from accounts.roles import Action
from directory.models import Person, ServicePoint
from directory.selectors import person_of_user


def require_anywhere(*, user: User, action: Action) -> None:
    """403 unless some grant of the user permits `action` (for list pages)."""
    if not scope.may_anywhere(user, action):
        raise PermissionDenied


def own_person(*, user: User) -> Person:
    """The signed-in user's person record, for the pages about oneself (my hours, courses,
    supervision, certificates); 403 for accounts without one: there is nothing of theirs to
    show, and the navigation offers those pages only to users with a person record."""
    person = person_of_user(user=user)
    if person is None:
        raise PermissionDenied
    return person


def service_point_for_user(*, user: User, service_point_id: int, action: Action) -> ServicePoint:
    visible = scope.service_points_visible_to(user).select_related("region", "agency")
    point = get_object_or_404(visible, pk=service_point_id)
    if not scope.role_allows(user=user, action=action, obj=point):
        raise PermissionDenied
    return point


def person_for_user(*, user: User, person_id: int, action: Action) -> Person:
    """A person is visible to themselves; seeing others takes a directory role in scope."""
    visible = scope.people_visible_to(user).select_related("region", "user")
    person = get_object_or_404(visible, pk=person_id)
    if person.user_id == user.pk and action == Action.VIEW_DIRECTORY:
        return person
    if not scope.role_allows(user=user, action=action, obj=person):
        raise PermissionDenied
    return person
