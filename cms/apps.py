from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = _("门户内容")

    def ready(self):
        from wagtail.signals import page_published

        from cms.models import PolicyDocumentPage
        from cms.services import search_index

        # Wagtail indexes a page when its row is saved, before the clauses are written; once
        # published (admin, workflow, schedule or import), the document is indexed again.
        page_published.connect(
            search_index.policy_document_published,
            sender=PolicyDocumentPage,
            dispatch_uid="cms.policy_document_published",
        )
