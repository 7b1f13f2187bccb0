"""The monthly report's states (R17): which action moves a report on from which status, and the
permission each action needs over the report's station. The station head files (saves the draft,
submits it, and again after a return); the county reviews (accepts, which is final, or returns
it with a comment). Plain data, no queries."""

from accounts.roles import Action
from quotas.models import MonthlyReport

Status = MonthlyReport.Status

SAVE, SUBMIT, ACCEPT, RETURN = "save", "submit", "accept", "return"
FILING = frozenset({SAVE, SUBMIT})  # the actions that carry the station's figures
REVIEWING = frozenset({ACCEPT, RETURN})

# (status, action) → the status after it; every other pair is refused.
TRANSITIONS: dict[tuple[str, str], str] = {
    (Status.DRAFT, SAVE): Status.DRAFT,
    (Status.RETURNED, SAVE): Status.RETURNED,
    (Status.DRAFT, SUBMIT): Status.SUBMITTED,
    (Status.RETURNED, SUBMIT): Status.SUBMITTED,
    (Status.SUBMITTED, ACCEPT): Status.ACCEPTED,
    (Status.SUBMITTED, RETURN): Status.RETURNED,
}

PERMISSION: dict[str, Action] = {
    SAVE: Action.FILE_REPORTS,
    SUBMIT: Action.FILE_REPORTS,
    ACCEPT: Action.REVIEW_REPORTS,
    RETURN: Action.REVIEW_REPORTS,
}


def next_status(*, status: str, action: str) -> str | None:
    """The status `action` leads to from `status` (R17), or None where it is not allowed."""
    return TRANSITIONS.get((status, action))
