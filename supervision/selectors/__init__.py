"""Reads for supervision. Other apps call the counts (`selectors.minutes_received` …)."""

from supervision.selectors.archive import sessions_for_archive, sessions_for_portfolio
from supervision.selectors.counting import (
    given_by_year,
    minutes_given,
    minutes_received,
    received_by_people_year,
    station_minutes,
    station_month_grid,
)
from supervision.selectors.lists import (
    assignments_at,
    assignments_of,
    assignments_visible_to,
    disputes_for_user,
    history_of,
    locks_visible_to,
    pending_at,
    received_by,
    sessions_at,
    sessions_for_supervisor,
    supervisees_of,
    supervisor_load,
    supervisors_at,
    supervisors_for_user,
    workers_at,
)

__all__ = [
    "assignments_at",
    "assignments_of",
    "assignments_visible_to",
    "disputes_for_user",
    "given_by_year",
    "history_of",
    "locks_visible_to",
    "minutes_given",
    "minutes_received",
    "received_by_people_year",
    "pending_at",
    "received_by",
    "sessions_at",
    "sessions_for_archive",
    "sessions_for_portfolio",
    "sessions_for_supervisor",
    "station_minutes",
    "station_month_grid",
    "supervisees_of",
    "supervisor_load",
    "supervisors_at",
    "supervisors_for_user",
    "workers_at",
]
