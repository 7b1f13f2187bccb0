from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.cache import patch_cache_control

from accounts import scope
from accounts.roles import Action
from core.query_params import query_text
from directory import forms, permissions, selectors, services
from directory.models import ServicePoint

PAGE_SIZE = 50


def _page(request: HttpRequest, queryset):
    return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))


def station_list(request: HttpRequest) -> HttpResponse:
    permissions.require_anywhere(user=request.user, action=Action.VIEW_DIRECTORY)
    kind = request.GET.get("kind", "")
    query = query_text(request)
    points = selectors.service_points_for_user(
        user=request.user,
        kind=kind if kind in ServicePoint.Kind.values else "",
        query=query,
        today=timezone.localdate(),
    )
    return render(
        request,
        "directory/station_list.html",
        {
            "page": _page(request, points),
            "kinds": ServicePoint.Kind.choices,
            "kind": kind,
            "q": query,
        },
    )


def station_detail(request: HttpRequest, pk: int) -> HttpResponse:
    point = permissions.service_point_for_user(
        user=request.user, service_point_id=pk, action=Action.VIEW_DIRECTORY
    )
    today = timezone.localdate()
    positions = list(selectors.positions_at(service_point=point))
    return render(
        request,
        "directory/station_detail.html",
        {
            "point": point,
            "current": [p for p in positions if p.ends_on is None or p.ends_on >= today],
            "past": [p for p in positions if p.ends_on is not None and p.ends_on < today],
            "may_view_quotas": scope.role_allows(
                user=request.user, action=Action.VIEW_QUOTAS, obj=point
            ),
            "may_view_supervision": scope.role_allows(
                user=request.user, action=Action.VIEW_SUPERVISION, obj=point
            ),
            "may_see_reports": any(
                scope.role_allows(user=request.user, action=action, obj=point)
                for action in (Action.FILE_REPORTS, Action.REVIEW_REPORTS)
            ),
        },
    )


def person_list(request: HttpRequest) -> HttpResponse:
    permissions.require_anywhere(user=request.user, action=Action.VIEW_DIRECTORY)
    query = query_text(request)
    people = selectors.people_for_user(user=request.user, query=query)
    return render(
        request, "directory/person_list.html", {"page": _page(request, people), "q": query}
    )


def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Numbers masked; one allowed to see them in full reveals them by posting a reason, and
    each reveal is audited (directory.services.person_numbers_reveal)."""
    person = permissions.person_for_user(
        user=request.user, person_id=pk, action=Action.VIEW_DIRECTORY
    )
    may_reveal = scope.role_allows(user=request.user, action=Action.VIEW_SENSITIVE, obj=person)
    revealed = None
    posted = request.method == "POST"
    reveal_form = None
    if may_reveal:
        reveal_form = forms.SensitiveRevealForm(request.POST if posted else None)
    if posted:
        if not may_reveal:
            raise PermissionDenied
        if reveal_form.is_valid():
            revealed = services.person_numbers_reveal(
                viewer=request.user, person=person, purpose=reveal_form.cleaned_data["purpose"]
            )
    today = timezone.localdate()
    response = render(
        request,
        "directory/person_detail.html",
        {
            "person": person,
            "show_sensitive": may_reveal,
            "reveal_form": reveal_form,
            "revealed": revealed,
            "positions": selectors.positions_of(person=person),
            "years": selectors.years_of_experience(person=person, today=today),
        },
    )
    if revealed:
        patch_cache_control(response, no_store=True, private=True)
    return response
    today = timezone.localdate()
    return render(
        request,
        "directory/person_detail.html",
        {
            "person": person,
            "show_sensitive": scope.role_allows(
                user=request.user, action=Action.VIEW_SENSITIVE, obj=person
            ),
            "positions": selectors.positions_of(person=person),
            "years": selectors.years_of_experience(person=person, today=today),
        },
    )
