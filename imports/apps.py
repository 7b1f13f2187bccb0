from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImportsConfig(AppConfig):
    name = "imports"
    verbose_name = _("批量导入")

    def ready(self) -> None:
        from imports import directory_kinds

        directory_kinds.register()
