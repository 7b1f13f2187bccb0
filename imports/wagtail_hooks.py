"""Registration only: the import URLs under /admin/imports/ and the "批量导入" menu item."""

from django.urls import include, path, reverse_lazy
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from imports import kinds, urls


class ImportMenuItem(MenuItem):
    """Shown only to users who may import some kind of file."""

    def is_shown(self, request) -> bool:
        return bool(kinds.importable_by(request.user))


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("imports/", include(urls, namespace="imports"))]


@hooks.register("register_admin_menu_item")
def register_menu_item():
    return ImportMenuItem(
        _("批量导入"), reverse_lazy("imports:upload"), name="imports", icon_name="upload", order=900
    )
