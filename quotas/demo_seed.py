"""Demo policy packs for `manage.py seed_demo`: every pack of quotas/packs.py (idempotent), and
Hunan's yearly hours (R8, R12) carried forward after its 2021–2023 plan, labelled as the demo's
decision; its growing shares (R4, R18) are not carried, so later years show no rule for them.
Then the demo's monthly reports, station lists, weekly status and quarterly meeting
(quotas/demo_reports.py)."""

import datetime as dt
import time

from quotas import demo_reports, packs
from quotas.models import PolicyPack, PolicyRule
from quotas.services import carry_forward, policy_packs

CARRIED = {
    "pack": "hunan",
    "codes": (
        "worker-city-supervision",
        "worker-county-supervision",
        "worker-city-training",
        "worker-county-training",
    ),
    "starts_on": dt.date(2024, 1, 1),
    "decided_by": "湖南省民政厅（演示数据）",
    "decided_on": dt.date(2023, 12, 20),
}


def seed(*, scale: str, figures) -> None:
    started = time.perf_counter()
    created = 0
    for name in packs.PACKS:
        _pack, new, _changed = policy_packs.policy_pack_load(name=name)
        created += new
    for rule in PolicyRule.objects.filter(
        pack__name=CARRIED["pack"], code__in=CARRIED["codes"], carried_forward_from=None
    ).exclude(carried_forward_as__isnull=False):
        carry_forward.rule_carry_forward(
            rule=rule,
            starts_on=CARRIED["starts_on"],
            decided_by=CARRIED["decided_by"],
            decided_on=CARRIED["decided_on"],
            by=None,
        )
        created += 1
    figures.add("quotas: policy packs", time.perf_counter() - started, created)
    figures.run("quotas: monthly reports", demo_reports.seed)


def reset() -> None:
    """Reports and packs refer to regions and stations; delete them (and the packs' rules)
    before the directory."""
    demo_reports.reset()
    PolicyPack.objects.all().delete()
