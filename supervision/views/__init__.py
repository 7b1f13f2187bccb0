"""Supervision pages: loader → form → service → response, one module per audience."""

from supervision.views.admin import (
    assignment_end,
    assignment_new,
    disputes,
    lock_reopen,
    locks,
    part_resolve,
    profile_grade,
    profile_new,
    profiles,
    supervisors,
)
from supervision.views.session import attachment_download, session_detail, session_ics
from supervision.views.station import grid, station_archive, station_sessions
from supervision.views.supervisor import (
    my_sessions,
    my_stations,
    portfolio,
    session_cancel,
    session_edit,
    session_log,
)
from supervision.views.worker import part_confirm, part_dispute, received

__all__ = [
    "assignment_end",
    "assignment_new",
    "attachment_download",
    "disputes",
    "grid",
    "lock_reopen",
    "locks",
    "my_sessions",
    "my_stations",
    "part_confirm",
    "part_dispute",
    "part_resolve",
    "portfolio",
    "profile_grade",
    "profile_new",
    "profiles",
    "received",
    "session_cancel",
    "session_detail",
    "session_edit",
    "session_ics",
    "session_log",
    "station_archive",
    "station_sessions",
    "supervisors",
]
