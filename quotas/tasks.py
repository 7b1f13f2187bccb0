from django.utils import timezone

from quotas.services import reports, tallies


def report_reminders() -> int:
    """Daily (django-q2 schedule): remind station heads 3 days before a report is due (R17)."""
    return reports.reminders_send(today=timezone.localdate())


def tallies_refresh_stale() -> int:
    """Queued after facts change (debounced): count the stale station tallies again."""
    return tallies.tallies_refresh_stale(today=timezone.localdate())


def tallies_refresh_all() -> int:
    """Nightly (schedule created by migration 0015): count every station again for the new day,
    so the first dashboard of the morning finds the year's tallies judged on today."""
    today = timezone.localdate()
    return tallies.tallies_refresh(region_path="", year=today.year, today=today)
