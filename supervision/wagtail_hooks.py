"""A back-office menu entry to the supervision administration pages (registration only)."""

from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from accounts import scope
from accounts.roles import Action


class SupervisionMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return scope.may_anywhere(request.user, Action.MANAGE_SUPERVISION)


@hooks.register("register_admin_menu_item")
def register_supervision_menu_item() -> MenuItem:
    return SupervisionMenuItem(
        _("督导管理"), reverse_lazy("supervision:supervisors"), icon_name="group", order=900
    )
