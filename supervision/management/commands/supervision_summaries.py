"""`manage.py supervision_summaries check | rebuild`: the yearly received and station summaries
against the sessions."""

from core.summary_command import SummaryCommand
from supervision.services import summary


class Command(SummaryCommand):
    help = "Check the yearly supervision summaries against the sessions, or rebuild them."

    def rebuild(self) -> dict[str, int]:
        return summary.rebuild()

    def differences(self) -> list[str]:
        return summary.differences()
