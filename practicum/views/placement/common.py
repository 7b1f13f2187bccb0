"""Loaders and helpers shared by the placement pages: every id from a request is looked up in
a queryset scoped to the user first (404 outside it), then the action is checked (403)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from accounts.models import User
from core.pagination import page_of
from practicum.models import Application, Placement, WeeklyLog
from practicum.selectors import placement as selectors
from practicum.selectors import visibility

PAGE_SIZE = 30


def paginate(request: HttpRequest, queryset):
    return page_of(request, queryset, per_page=PAGE_SIZE)


def show_errors(request: HttpRequest, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


def placement_for_user(*, user: User, placement_id: int) -> Placement:
    return get_object_or_404(selectors.placements_open_to(user), pk=placement_id)


def application_for_user(*, user: User, application_id: int) -> Application:
    visible = visibility.applications_visible_to(user).select_related(
        "placement__base__university",
        "placement__base__service_point",
        "placement__base__agency",
        "placement__field_supervisor",
        "placement__tutor",
        "student__person",
        "student__programme",
        "student__tutor",
    )
    return get_object_or_404(visible, pk=application_id)


def log_for_user(*, user: User, log_id: int) -> WeeklyLog:
    visible = visibility.weekly_logs_visible_to(user).select_related(
        "application__placement__field_supervisor",
        "application__student__person",
        "application__placement__base",
    )
    return get_object_or_404(visible, pk=log_id)
