"""Region settings held on policy packs (R13): the suggested supervisor term (R6), the load
ratio (R24), the professional-staff test and its rural relaxation (R3), the yearly evaluation's
weights and grades (R17).

A setting is decided by the nearest pack at or above a region that sets it; a pack with no
region (national) comes last. Settings that belong together (a term's two ends, the weights and
grades) are set together (PolicyPack's constraints), so the pack found for one field holds the
others. Packs are held in memory with the rules (`rulebook.all_packs`).
"""

import datetime as dt
from typing import Any

from django.utils import timezone

from directory.models import Region
from quotas.models import PolicyPack
from quotas.selectors import rulebook


def nearest(
    *, region: Region | None, name: str, on: dt.date | None = None
) -> tuple[Any, PolicyPack] | None:
    """The value of the pack field `name` set by the nearest pack at or above `region` (`None`:
    national packs only) whose document is in force on `on` (default today: Beijing's 2021
    pilot decides nothing in later years), and that pack, so a page can say where the value
    comes from; `None` when no pack there sets it."""
    return nearest_on_path(path=region.path if region is not None else None, name=name, on=on)


def nearest_on_path(
    *,
    path: str | None,
    name: str,
    on: dt.date | None = None,
    packs: list[PolicyPack] | None = None,
) -> tuple[Any, PolicyPack] | None:
    """`nearest` for the region at tree `path`, for lists that read paths, not regions; a list
    asking for many paths passes `packs` (`rulebook.all_packs()`) read once."""
    on = on or timezone.localdate()
    setting = [
        pack
        for pack in (rulebook.all_packs() if packs is None else packs)
        if getattr(pack, name) is not None
        and pack.in_force_from <= on
        and (pack.in_force_until is None or pack.in_force_until >= on)
        and (pack.region is None or (path is not None and path.startswith(pack.region.path)))
    ]
    if not setting:
        return None
    pack = max(setting, key=lambda pack: pack.region.depth if pack.region else 0)
    return getattr(pack, name), pack


def pack_label(pack: PolicyPack) -> str:
    """How a page names the pack a setting comes from: its region (杭州市), or its title for a
    national pack."""
    return pack.region.name if pack.region else pack.title
