"""Who may act on a practicum object (R15), once it is known to be visible (see
`practicum.selectors.visibility`): an action the user's part does not allow is a 403."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from accounts import scope
from accounts.models import User
from accounts.roles import Action
from practicum.models import Application, Placement, PracticeBase


def may_manage(user: User, university) -> bool:
    """The university's coordinator (or a superuser)."""
    return scope.role_allows(user=user, action=Action.MANAGE_PRACTICUM, obj=university)


def may_host(user: User, base: PracticeBase) -> bool:
    """The host station's head, or a region office over it."""
    return scope.role_allows(user=user, action=Action.HOST_PRACTICUM, obj=base.host)


def is_field_supervisor(user: User, placement: Placement) -> bool:
    return placement.field_supervisor.user_id == user.pk


def is_tutor(user: User, application: Application) -> bool:
    """The placement's tutor or the student's own tutor."""
    tutor_users = {
        application.placement.tutor.user_id,
        getattr(application.student.tutor, "user_id", None),
    }
    return user.pk in tutor_users


def is_student(user: User, application: Application) -> bool:
    return application.student.person.user_id == user.pk


def require(allowed: bool, message: str | None = None) -> None:
    if not allowed:
        raise PermissionDenied(message or _("您无权进行此操作。"))
