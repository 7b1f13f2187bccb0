"""Dashboard reads on a read replica (`DATABASE_REPLICA_URL`); everything else on the primary.

Reads go to the "replica" alias only inside `replica_reads()` (or a view decorated with
`@reads_from_replica`), and only until the first write in that context: a read after a write,
or inside a transaction on the primary, stays on the primary so that it sees what was written.
Without a "replica" database nothing changes. A replica lags the primary by its replication
delay (usually under a second): only pages that tolerate slightly old figures read from it.
"""

import contextlib
import functools
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections

REPLICA = "replica"


@dataclass
class _Context:
    wrote: bool = False


_context: ContextVar[_Context | None] = ContextVar("replica_reads", default=None)


@contextlib.contextmanager
def replica_reads() -> Iterator[None]:
    """Send this block's reads to the replica, until it writes."""
    token = _context.set(_Context())
    try:
        yield
    finally:
        _context.reset(token)


def reads_from_replica(view: Callable) -> Callable:
    """A view whose reads may come from the replica (it only reads; small lag is acceptable)."""

    @functools.wraps(view)
    def wrapped(*args, **kwargs):
        with replica_reads():
            return view(*args, **kwargs)

    return wrapped


class ReplicaRouter:
    """Reads inside `replica_reads()` to the replica; all writes and other reads to default."""

    def db_for_read(self, model, **hints) -> str:
        context = _context.get()
        if (
            context is None
            or context.wrote
            or REPLICA not in settings.DATABASES
            or connections[DEFAULT_DB_ALIAS].in_atomic_block
        ):
            return DEFAULT_DB_ALIAS
        return REPLICA

    def db_for_write(self, model, **hints) -> str:
        context = _context.get()
        if context is not None:
            context.wrote = True
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints) -> bool:
        return True  # one database and its copy

    def allow_migrate(self, db, app_label, model_name=None, **hints) -> bool:
        return db == DEFAULT_DB_ALIAS
