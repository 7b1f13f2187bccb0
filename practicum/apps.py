from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PracticumConfig(AppConfig):
    name = "practicum"
    verbose_name = _("实习实训")

    def ready(self) -> None:
        from practicum import student_import

        student_import.register()
