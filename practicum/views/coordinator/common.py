"""Loaders and helpers shared by the coordinator's pages (R15). Every id from a request is
looked up in a queryset of what the user may see first (404 outside it); then the action is
decided (403 when the user may see but not do it)."""

from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from accounts import scope
from accounts.models import User
from accounts.roles import Action
from core.pagination import page_of
from directory.models import University
from practicum import permissions
from practicum.models import EvaluationForm, Placement, PracticeBase, Programme
from practicum.selectors import visibility

PAGE_SIZE = 30


def paginate(request: HttpRequest, rows):
    return page_of(request, rows, per_page=PAGE_SIZE)


def university_managed(*, user: User, university_id: int) -> University:
    """404 for a university none of the user's grants reaches; 403 unless they coordinate it."""
    university = get_object_or_404(scope.universities_visible_to(user), pk=university_id)
    permissions.require(permissions.may_manage(user, university))
    return university


def base_visible(*, user: User, base_id: int) -> PracticeBase:
    queryset = visibility.bases_visible_to(user).select_related(
        "university", "service_point", "agency"
    )
    return get_object_or_404(queryset, pk=base_id)


def base_managed(*, user: User, base_id: int) -> PracticeBase:
    base = base_visible(user=user, base_id=base_id)
    permissions.require(permissions.may_manage(user, base.university))
    return base


def base_hosted(*, user: User, base_id: int) -> PracticeBase:
    base = base_visible(user=user, base_id=base_id)
    permissions.require(permissions.may_host(user, base))
    return base


def placement_managed(*, user: User, placement_id: int) -> Placement:
    queryset = visibility.placements_visible_to(user).select_related(
        "base__university", "base__service_point", "base__agency"
    )
    placement = get_object_or_404(queryset, pk=placement_id)
    permissions.require(permissions.may_manage(user, placement.base.university))
    return placement


def programme_managed(*, user: User, programme_id: int) -> Programme:
    queryset = visibility.programmes_managed_by(user).select_related("university")
    return get_object_or_404(queryset, pk=programme_id)


def evaluation_form_managed(*, user: User, form_id: int) -> EvaluationForm:
    universities = scope.universities_visible_to(user, Action.MANAGE_PRACTICUM)
    queryset = EvaluationForm.objects.filter(university__in=universities).select_related(
        "university"
    )
    return get_object_or_404(queryset, pk=form_id)
