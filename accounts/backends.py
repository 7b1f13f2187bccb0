"""Django permissions derived from role grants, so Wagtail's checks follow our roles."""

from django.contrib.auth.backends import BaseBackend

from accounts import scope


class RoleGrantBackend(BaseBackend):
    """Grants `wagtailadmin.access_admin` to region administrators and editors.

    Authentication is django-allauth's; this backend only answers permission questions.
    """

    def has_perm(self, user_obj, perm, obj=None) -> bool:
        if perm == "wagtailadmin.access_admin":
            return scope.may_use_back_office(user_obj)
        return False
