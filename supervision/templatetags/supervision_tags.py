"""Formatting for supervision templates; nothing here queries except `supervision_links`,
which reads the user's already-cached grants."""

from django import template
from django.utils.translation import gettext as _

from accounts import scope
from accounts.roles import Action
from directory.selectors import person_of_user

register = template.Library()


@register.filter
def countdown(days) -> str:
    if days is None:
        return ""
    if days < 0:
        return _("已到期")
    return _("%(days)s 天") % {"days": days}


@register.simple_tag
def supervision_links(user) -> dict:
    """Which supervision pages the user may open, from their role grants."""
    if not user.is_authenticated:
        return {}
    return {
        "supervise": scope.may_anywhere(user, Action.LOG_SUPERVISION),
        "view": scope.may_anywhere(user, Action.VIEW_SUPERVISION),
        "confirm_for_others": scope.may_anywhere(user, Action.CONFIRM_FOR_OTHERS),
        "manage": scope.may_anywhere(user, Action.MANAGE_SUPERVISION),
        "received": person_of_user(user=user) is not None,
    }
