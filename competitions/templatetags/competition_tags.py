"""Which competition links a user's start page shows; no queries beyond the grants and person
loaded once per request."""

from django import template

from accounts import scope
from accounts.roles import Action
from directory.selectors import person_of_user

register = template.Library()


@register.simple_tag
def competition_links(user) -> dict:
    return {
        "has_person": person_of_user(user=user) is not None,
        "judge": scope.may_anywhere(user, Action.JUDGE_ENTRIES),
        "organise": scope.may_anywhere(user, Action.MANAGE_COMPETITIONS),
    }
