from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CompetitionsConfig(AppConfig):
    name = "competitions"
    verbose_name = _("竞赛评选")

    def ready(self) -> None:
        from competitions import question_import

        question_import.register()
