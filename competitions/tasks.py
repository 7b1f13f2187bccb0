"""django-q2 entry points for competitions."""

from django.utils import timezone

from competitions import selectors
from competitions.services import entries, quiz


def deadlines_apply() -> tuple[int, int]:
    """Every few minutes (schedule created by migration 0002): freeze the entries of
    competitions past their deadline and hand in quiz attempts whose time is up (R14). Pages do
    both lazily as well, so a late run loses nothing."""
    now = timezone.now()
    frozen = sum(
        entries.competition_entries_freeze(competition=competition, now=now)
        for competition in selectors.competitions_with_entries_to_freeze(now=now)
    )
    return frozen, quiz.attempts_time_out(now=now)
