"""Writes that a concurrent request can beat to the same row: the loser gets a message."""

from collections.abc import Iterator
from contextlib import contextmanager

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction


@contextmanager
def refused_on_conflict(message: str, *, code: str = "conflict") -> Iterator[None]:
    """Run the block in a savepoint. When a unique or check constraint stops it (another request
    wrote the same row between our check and our insert), raise ValidationError with `message`
    instead: users see what happened, never the constraint's name or a server error."""
    try:
        with transaction.atomic():
            yield
    except IntegrityError:
        raise ValidationError(message, code=code) from None
