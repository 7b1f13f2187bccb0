"""Pure rules on enrolment (no ORM, no clock: `now` is a parameter).

Each function returns a problem code, or None when the action is allowed; the service turns
codes into Chinese messages (lms/services/enrolment.py).
"""

import datetime as dt
from collections.abc import Iterable


def self_enrolment_problem(
    *,
    now: dt.datetime,
    deadline: dt.datetime,
    mode: str,
    in_audience: bool,
    already_active: bool,
) -> str | None:
    """Whether a person may put themselves on a run: before its deadline, inside its audience,
    once, and only when the run is not assigned by administrators (pre-job training, R11)."""
    if mode == "assigned":
        return "assigned_only"
    if now > deadline:
        return "deadline"
    if not in_audience:
        return "audience"
    if already_active:
        return "twice"
    return None


def cancellation_problem(*, now: dt.datetime, deadline: dt.datetime, status: str) -> str | None:
    """An active enrolment may be cancelled until the run's cancellation deadline."""
    if status not in {"pending", "enrolled", "waitlisted"}:
        return "not_active"
    if now > deadline:
        return "deadline"
    return None


def in_audience(
    *,
    person_paths: Iterable[str],
    person_roles: Iterable[str],
    audience_paths: Iterable[str],
    audience_roles: Iterable[str],
) -> bool:
    """A person is in a course's audience when one of their region paths (home region or
    current stations) lies in an audience region subtree, and one of their current position
    roles is an audience role; an empty list means no restriction on that side."""
    audience_paths = list(audience_paths)
    audience_roles = set(audience_roles)
    person_paths = list(person_paths)
    by_region = not audience_paths or any(
        path.startswith(prefix) for path in person_paths for prefix in audience_paths
    )
    by_role = not audience_roles or bool(audience_roles & set(person_roles))
    return by_region and by_role
