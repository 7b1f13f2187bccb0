"""When to try a failed mail again: pure rules, no ORM, no clock."""

import datetime as dt


def retry_delay(*, attempts: int, base_seconds: int, max_seconds: int) -> dt.timedelta:
    """Exponential back-off after `attempts` failures: base, 2×base, 4×base, … capped at max."""
    return dt.timedelta(seconds=min(base_seconds * 2 ** max(attempts - 1, 0), max_seconds))


def gives_up(*, attempts: int, max_attempts: int) -> bool:
    """After `max_attempts` failed sends the mail is given up (and shown as failed)."""
    return attempts >= max_attempts
