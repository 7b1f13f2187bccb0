"""The back office's home panel: what waits for the administrator, counted within their scope
(`role_homes.waiting_for`), with links to the pages that handle it. Wagtail's own panels (pages
awaiting moderation, locked pages, recent edits) stay beside it."""

from django.utils import timezone
from wagtail.admin.ui.components import Component

from accounts import role_homes


class WaitingPanel(Component):
    name = "waiting_for_you"
    template_name = "accounts/admin_waiting_panel.html"
    order = 50  # before Wagtail's moderation panels (210, 220)

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context):
        return {"waiting": role_homes.waiting_for(user=self.user, today=timezone.localdate())}
