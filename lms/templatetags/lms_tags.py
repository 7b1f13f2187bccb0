"""Formatting for training pages; no queries."""

from django import template

from accounts import scope
from accounts.roles import Action
from directory.selectors import person_of_user

register = template.Library()


@register.simple_tag
def lms_links(user) -> dict:
    """Which training links the start page shows (from the grants loaded once per request)."""
    return {
        "has_person": person_of_user(user=user) is not None,
        "view": scope.may_anywhere(user, Action.VIEW_TRAINING),
        "approve": scope.may_anywhere(user, Action.APPROVE_TRAINING),
        "manage": scope.may_anywhere(user, Action.MANAGE_COURSES) or user.taught_runs.exists(),
    }
