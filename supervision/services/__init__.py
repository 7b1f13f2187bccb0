"""Writes for supervision: one use case each, atomic and audited. Views and other apps import
this package and call `services.<name>`."""

from supervision.services.confirmation import (
    dispute_resolve,
    supervisee_confirm,
    supervisee_dispute,
)
from supervision.services.sessions import (
    SESSION_FIELDS,
    session_cancel,
    session_log,
    session_update,
    supervisor_assigned,
)
from supervision.services.supervisors import (
    assignment_create,
    assignment_end,
    supervisor_grade_change,
    supervisor_profile_create,
    term_reminders_send,
)
from supervision.services.years import require_open_year, year_close, year_locked, year_reopen

__all__ = [
    "SESSION_FIELDS",
    "assignment_create",
    "assignment_end",
    "dispute_resolve",
    "require_open_year",
    "session_cancel",
    "session_log",
    "session_update",
    "supervisee_confirm",
    "supervisee_dispute",
    "supervisor_assigned",
    "supervisor_grade_change",
    "supervisor_profile_create",
    "term_reminders_send",
    "year_close",
    "year_locked",
    "year_reopen",
]
