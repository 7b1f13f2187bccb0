from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.urls import register_converter
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("基础设施")

    def ready(self):
        from core.periods import YearConverter

        register_converter(YearConverter, "year")


class SuperuserAdminConfig(admin_apps.AdminConfig):
    """Django's own admin, for superusers only (the back office is Wagtail's)."""

    default = False
    default_site = "core.admin_site.SuperuserAdminSite"
