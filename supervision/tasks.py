"""django-q2 entry points for supervision."""

from django.utils import timezone

from supervision import services


def term_reminders_send() -> int:
    """Daily (schedule created by migration 0002): term-end reminders 90 and 30 days ahead."""
    return services.term_reminders_send(today=timezone.localdate())
