"""`manage.py sync_editor_groups`: the back office's editor groups for every editor grant."""

from django.core.management.base import BaseCommand

from cms.services import editors


class Command(BaseCommand):
    help = (
        "Make the editors' and moderators' groups, collections and workflows that the editor "
        "grants call for, and make each user a member of exactly those."
    )

    def handle(self, *args, **options):
        result = editors.editor_groups_sync()
        self.stdout.write(
            f"{result.joined} memberships added, {result.left} removed; "
            f"{result.ignored} editor grants below a county give no page rights."
        )
