"""Object loaders for supervision: 404 outside the user's scope, 403 for a wrong role."""

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.shortcuts import get_object_or_404

from accounts import scope
from accounts.models import User
from accounts.roles import Action
from directory.models import ServicePoint
from supervision import selectors
from supervision.models import (
    Assignment,
    Attachment,
    Supervisee,
    SupervisionSession,
    SupervisorProfile,
    YearLock,
)


def require_anywhere(*, user: User, action: Action) -> None:
    """403 unless some grant of the user permits `action` (for list pages)."""
    if not scope.may_anywhere(user, action):
        raise PermissionDenied


def supervisor_of(*, user: User) -> SupervisorProfile:
    """The supervisor profile of the signed-in user; 403 for users who do not supervise."""
    require_anywhere(user=user, action=Action.LOG_SUPERVISION)
    profile = (
        SupervisorProfile.objects.filter(person__user=user)
        .select_related("person", "grade")
        .first()
    )
    if profile is None:
        raise PermissionDenied
    return profile


def station_for_user(*, user: User, service_point_id: int, action: Action) -> ServicePoint:
    """A station in the user's scope (any role) on which their role permits `action`."""
    visible = scope.service_points_visible_to(user).select_related("region")
    point = get_object_or_404(visible, pk=service_point_id)
    if not scope.role_allows(user=user, action=action, obj=point):
        raise PermissionDenied
    return point


def _sessions_taken_part_in(user: User) -> QuerySet[SupervisionSession]:
    """Sessions the user's person supervised or received (none for anonymous visitors)."""
    if not user.is_authenticated:
        return SupervisionSession.objects.none()
    return SupervisionSession.objects.filter(
        Q(supervisors__person__user=user) | Q(supervisees__person__user=user)
    )


def _sessions_seen_by(user: User) -> QuerySet[SupervisionSession]:
    """Sessions at stations in the user's scope (any role) or in which their person took part:
    ids outside are a 404, exactly like unknown ids."""
    return SupervisionSession.objects.filter(
        Q(service_point__in=scope.service_points_visible_to(user))
        | Q(pk__in=_sessions_taken_part_in(user).values("pk"))
    )


def session_for_user(*, user: User, session_id: int, action: Action) -> SupervisionSession:
    """A session the user sees (else 404); taking part is enough to view it, anything else
    takes a role permitting `action` there (403), and logging also being its supervisor."""
    took_part = _sessions_taken_part_in(user).filter(pk=OuterRef("pk"))
    visible = _sessions_seen_by(user).annotate(took_part=Exists(took_part))
    session = get_object_or_404(visible.select_related("service_point__region"), pk=session_id)
    if action == Action.VIEW_SUPERVISION and session.took_part:
        return session
    if action == Action.LOG_SUPERVISION and not user.is_superuser:
        if not session.supervisors.filter(person__user=user).exists():
            raise PermissionDenied
    if not scope.role_allows(user=user, action=action, obj=session.service_point):
        raise PermissionDenied
    return session


def supervisee_for_answer(*, user: User, supervisee_id: int) -> Supervisee:
    """A part a user may confirm or dispute: their own, or (station head) their staff's.

    Another worker's part is a 404; a supervisor or administrator in scope gets 403.
    """
    points = scope.service_points_visible_to(user, Action.VIEW_SUPERVISION)
    visible = Supervisee.objects.filter(
        Q(person__user=user) | Q(session__service_point__in=points)
    ).select_related("person", "session__service_point__region")
    supervisee = get_object_or_404(visible, pk=supervisee_id)
    if supervisee.person.user_id == user.pk:
        return supervisee
    if not scope.role_allows(
        user=user, action=Action.CONFIRM_FOR_OTHERS, obj=supervisee.session.service_point
    ):
        raise PermissionDenied
    return supervisee


def supervisee_for_resolve(*, user: User, supervisee_id: int) -> Supervisee:
    """A disputed part an administrator may resolve."""
    points = scope.service_points_visible_to(user, Action.VIEW_SUPERVISION)
    visible = Supervisee.objects.filter(session__service_point__in=points).select_related(
        "person", "session__service_point__region"
    )
    supervisee = get_object_or_404(visible, pk=supervisee_id)
    if not scope.role_allows(
        user=user, action=Action.MANAGE_SUPERVISION, obj=supervisee.session.service_point
    ):
        raise PermissionDenied
    return supervisee


def lock_for_user(*, user: User, lock_id: int) -> YearLock:
    points = scope.service_points_visible_to(user)
    lock = get_object_or_404(
        YearLock.objects.filter(service_point__in=points).select_related("service_point__region"),
        pk=lock_id,
    )
    if not scope.role_allows(user=user, action=Action.MANAGE_SUPERVISION, obj=lock.service_point):
        raise PermissionDenied
    return lock


def assignment_for_user(*, user: User, assignment_id: int) -> Assignment:
    """An assignment whose station or region the user may manage supervision for."""
    points = scope.service_points_visible_to(user)
    regions = scope.regions_visible_to(user)
    visible = Assignment.objects.filter(
        Q(service_point__in=points) | Q(region__in=regions)
    ).select_related("supervisor__person__user", "service_point__region", "region")
    assignment = get_object_or_404(visible, pk=assignment_id)
    if not scope.role_allows(user=user, action=Action.MANAGE_SUPERVISION, obj=assignment.scope):
        raise PermissionDenied
    return assignment


def profile_for_user(*, user: User, profile_id: int) -> SupervisorProfile:
    """A supervisor the user can see (their file or an assignment in scope); changing them
    takes MANAGE_SUPERVISION there."""
    visible = selectors.supervisors_for_user(user=user, action=Action.VIEW_DIRECTORY)
    profile = get_object_or_404(visible.select_related("person__region"), pk=profile_id)
    managed = selectors.supervisors_for_user(user=user).filter(pk=profile.pk)
    if not managed.exists():
        raise PermissionDenied
    return profile


def attachment_for_user(*, user: User, attachment_id: int) -> Attachment:
    """A file of a session the user may view (`session_for_user`)."""
    visible = Attachment.objects.filter(session__in=_sessions_seen_by(user))
    attachment = get_object_or_404(visible, pk=attachment_id)
    session_for_user(user=user, session_id=attachment.session_id, action=Action.VIEW_SUPERVISION)
    return attachment
