from django.utils import timezone

from quotas.services import reports, tallies


def report_reminders() -> int:
    """Daily (django-q2 schedule): remind station heads 3 days before a report is due (R17)."""
    return reports.reminders_send(today=timezone.localdate())


def tallies_refresh_stale() -> int:
    """Queued after facts change (debounced): count the stale station tallies again."""
    return tallies.tallies_refresh_stale(today=timezone.localdate())


def tallies_recount(point_ids: list[int], year: int) -> int:
    """Queued by `tallies.tallies_queue`: count one chunk of stations again for `year`."""
    tallies.tallies_recount(point_ids, year=year, today=timezone.localdate())
    return len(point_ids)


def tallies_refresh_all() -> int:
    """Nightly (schedule created by migration 0015): queue every station's recount for the new
    day, a chunk per task, so the first dashboard of the morning finds the year's tallies judged
    on today. Returns the tasks queued."""
    today = timezone.localdate()
    due = tallies.stations_due(region_path="", year=today.year, today=today)
    return tallies.tallies_queue(due, year=today.year)
