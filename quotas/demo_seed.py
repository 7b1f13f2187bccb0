"""Demo policy packs for `manage.py seed_demo`: every pack of quotas/packs.py (idempotent)."""

import time

from quotas import packs
from quotas.models import PolicyPack
from quotas.services import policy_packs


def seed(*, scale: str, figures) -> None:
    started = time.perf_counter()
    created = 0
    for name in packs.PACKS:
        _pack, new, _changed = policy_packs.policy_pack_load(name=name)
        created += new
    figures.add("quotas: policy packs", time.perf_counter() - started, created)


def reset() -> None:
    """Packs refer to regions; delete them (and their rules) before the directory."""
    PolicyPack.objects.all().delete()
