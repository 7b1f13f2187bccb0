"""Which rules cite which document: the policy library shows them under their clauses."""

from django.db.models import QuerySet

from quotas.models import PolicyRule


def rules_citing_document(*, source_document: str) -> QuerySet[PolicyRule]:
    """Every rule of every pack whose document is `source_document` (a file name such as
    "hunan-2021-2023-station-action-plan.txt"), carried-forward ones included, with pack and
    region, in pack and start order; one query."""
    return (
        PolicyRule.objects.filter(pack__source_document=source_document)
        .select_related("pack", "region")
        .order_by("pack__name", "in_force_from", "rule_ref", "code")
    )
