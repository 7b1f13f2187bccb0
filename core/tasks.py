"""Queueing background tasks without losing work when the broker (Redis) is down.

The database row a task works on is the source of truth (an outbox mail not yet sent, a
certificate without its PDF, an unfinished batch); a scheduled sweep finds those rows again.
So a broker that refuses a task is logged, not raised: the page that queued it still answers.
"""

import logging
from functools import partial

from django.db import transaction
from django_q.tasks import async_task

logger = logging.getLogger(__name__)


def enqueue(func: str, *args) -> str | None:
    """Queue `func(*args)`; on a broker failure log it and return None (the sweep catches up)."""
    try:
        return async_task(func, *args)
    except Exception:  # redis, the ORM broker's database: whatever the broker raises
        logger.exception("task %s%r not queued: broker unavailable, left to the sweep", func, args)
        return None


def enqueue_on_commit(func: str, *args) -> None:
    """Queue `func(*args)` once the surrounding transaction commits (never on rollback)."""
    transaction.on_commit(partial(enqueue, func, *args))
