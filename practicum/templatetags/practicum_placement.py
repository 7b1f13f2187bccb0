"""Formatting helpers for the placement pages, and the start page's placement links."""

from django import template

from accounts import scope
from accounts.roles import Action, Role
from directory.selectors import person_of_user
from practicum.selectors import placement as selectors

register = template.Library()


@register.filter
def progress_for(progress: dict, application):
    """An application's hours progress out of a dict keyed by application id."""
    return progress.get(application.pk)


@register.simple_tag
def placement_links(user) -> dict:
    """Which placement links a user's start page shows: roles come from the grants loaded once
    per request; only a user with a person record costs one query (are they a field
    supervisor?)."""
    held = {grant.role for grant in scope.grants_of(user)}
    return {
        "student": Role.PRACTICUM_STUDENT in held,
        "host": scope.may_anywhere(user, Action.HOST_PRACTICUM),
        "field_supervisor": person_of_user(user=user) is not None
        and selectors.supervises_any(user),
        "tutor": Role.PRACTICUM_TUTOR in held,
    }
