"""django-q2 entry points for the practicum (R15)."""

from django.utils import timezone

from practicum.services import bases


def practice_bases_remind_expiring() -> int:
    """Daily (django-q2 schedule): agreements 60 days before their end, each once."""
    return bases.practice_bases_remind_expiring(today=timezone.localdate())
