"""Balancing judges over entries (R14). Pure functions on plain values.

Each entry needs `per_entry` judges and no judge takes more than `per_judge` entries; a judge in
conflict with an entry is never considered for it. Entries with the fewest possible judges are
served first, and among the possible judges the least loaded is chosen (ties by id, so the same
input gives the same plan). What cannot be covered is reported, never silently dropped.
"""

from collections import Counter
from collections.abc import Mapping, Set


def balanced(
    *,
    eligible: Mapping[int, Set[int]],
    per_entry: int,
    per_judge: int,
    existing: Mapping[int, Set[int]] | None = None,
) -> tuple[dict[int, list[int]], dict[int, int]]:
    """(entry → judges to add, entry → judges still missing) for `eligible` (entry → judges
    without a conflict). `existing` (entry → judges already assigned) counts towards both the
    entry's judges and each judge's load."""
    existing = existing or {}
    load = Counter(judge for judges in existing.values() for judge in judges)
    plan: dict[int, list[int]] = {}
    missing: dict[int, int] = {}
    for entry in sorted(eligible, key=lambda e: (len(eligible[e]), e)):
        have = set(existing.get(entry, ()))
        wanted = per_entry - len(have)
        candidates = sorted(
            (j for j in eligible[entry] if j not in have and load[j] < per_judge),
            key=lambda j: (load[j], j),
        )
        chosen = candidates[: max(wanted, 0)]
        for judge in chosen:
            load[judge] += 1
        if chosen:
            plan[entry] = chosen
        if len(chosen) < wanted:
            missing[entry] = wanted - len(chosen)
    return plan, missing
