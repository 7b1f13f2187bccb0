from django.utils import timezone

from quotas.services import reports


def report_reminders() -> int:
    """Daily (django-q2 schedule): remind station heads 3 days before a report is due (R17)."""
    return reports.reminders_send(today=timezone.localdate())
