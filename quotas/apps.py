from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QuotasConfig(AppConfig):
    name = "quotas"
    verbose_name = _("年度指标")

    def ready(self):
        from quotas import receivers
        from quotas.selectors import rulebook

        rulebook.connect()
        receivers.connect()
