"""`manage.py training_summaries check | rebuild`: the yearly `HourSummary` against the ledger."""

from core.summary_command import SummaryCommand
from lms.services import ledger


class Command(SummaryCommand):
    help = "Check the yearly training summary against the hour ledger, or rebuild it."

    def rebuild(self) -> dict[str, int]:
        return {"training": ledger.summary_rebuild()}

    def differences(self) -> list[str]:
        return [
            f"training (person, year, kind, level) {tuple(row[:4])}: "
            f"rows {row[4]}, summary {row[5]}"
            for row in ledger.summary_differences()
        ]
