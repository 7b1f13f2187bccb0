"""Formatting helpers for the placement pages, and the start page's placement links."""

from django import template

from accounts import scope
from accounts.roles import Action, Role
from practicum.selectors import placement as selectors

register = template.Library()


@register.filter
def progress_for(progress: dict, application):
    """An application's hours progress out of a dict keyed by application id."""
    return progress.get(application.pk)


@register.simple_tag
def placement_links(user) -> dict:
    """Which placement links a user's start page shows (one query each for students and field
    supervisors; roles come from the grants loaded once per request)."""
    return {
        "student": selectors.students_of_user(user).exists(),
        "host": scope.may_anywhere(user, Action.HOST_PRACTICUM),
        "field_supervisor": selectors.supervises_any(user),
        "tutor": any(grant.role == Role.PRACTICUM_TUTOR for grant in scope.grants_of(user)),
    }
