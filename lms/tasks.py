from django.utils import timezone

from lms import partitions


def ledger_partitions_ensure() -> list[str]:
    """Monthly (django-q2 schedule): the ledger's partitions through next year exist."""
    return partitions.partitions_ensure(through_year=timezone.localdate().year + 1)
