"""The policy rules every quota page reads, held in memory by each process.

The rule table is small (tens of rows per pack) and changes only when a pack is loaded or an
administrator edits a rule, yet every evaluation needs the rules around a region. Each process
keeps the whole table with its packs and regions, tagged with a version held in the shared cache;
saving or deleting a rule, a pack or a region sets a new version (again once the transaction
commits), so every process reloads on its next read. Writes that bypass signals (bulk loads)
are picked up within `MAX_AGE` seconds.
"""

import datetime as dt
import time
import uuid

from django.core.cache import cache
from django.db import transaction
from django.db.models import F
from django.db.models.signals import post_delete, post_save

from directory.models import Region
from quotas.models import PolicyPack, PolicyRule

VERSION_KEY = "quotas:rulebook-version"
MAX_AGE = 60.0

_held: dict = {"version": None, "loaded_at": 0.0, "rules": [], "packs": []}


def _version() -> str:
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, uuid.uuid4().hex, timeout=None)
        version = cache.get(VERSION_KEY)
    return version


def _current() -> dict:
    version = _version()
    if _held["version"] != version or time.monotonic() - _held["loaded_at"] > MAX_AGE:
        rules = list(
            PolicyRule.objects.select_related("pack", "region", "carried_forward_from").order_by(
                F("region__depth").asc(nulls_first=True), "pack__name", "code", "in_force_from"
            )
        )
        packs = list(PolicyPack.objects.select_related("region").order_by("name"))
        _held.update(version=version, loaded_at=time.monotonic(), rules=rules, packs=packs)
    return _held


def all_rules() -> list[PolicyRule]:
    """Every rule with its pack and region, national rules first, then by region depth, pack
    and code (the order pages show them in)."""
    return _current()["rules"]


def all_packs() -> list[PolicyPack]:
    """Every pack with its region, by name: their settings are read like the rules."""
    return _current()["packs"]


def _in_force(rule: PolicyRule, on: dt.date, until: dt.date | None = None) -> bool:
    """In force on `on`, or at any time from `on` to `until`."""
    return rule.in_force_from <= (until or on) and (
        rule.in_force_until is None or rule.in_force_until >= on
    )


def in_force_in_year(rule: PolicyRule, year: int) -> bool:
    return _in_force(rule, dt.date(year, 1, 1), dt.date(year, 12, 31))


def rules_above(path: str | None, on: dt.date, until: dt.date | None = None) -> list[PolicyRule]:
    """R13: national rules and those of the region at `path` and every region above it, in
    force on `on` or at any time up to `until` (`path` None: national rules only)."""
    return [
        rule
        for rule in all_rules()
        if _in_force(rule, on, until)
        and (rule.region is None or (path is not None and path.startswith(rule.region.path)))
    ]


def rules_around(path: str, on: dt.date, until: dt.date | None = None) -> list[PolicyRule]:
    """The rules above a region (`rules_above`) and those of every region below it: what a
    region's dashboard may show."""
    return [
        rule
        for rule in all_rules()
        if _in_force(rule, on, until)
        and (
            rule.region is None
            or path.startswith(rule.region.path)
            or rule.region.path.startswith(path)
        )
    ]


def lapsed(rules_in_view: list[PolicyRule], year: int) -> list[PolicyRule]:
    """Of `rules_in_view`, those whose period ended before `year` and that nothing continues in
    `year` (no carried-forward rule of the same pack and code): pages name them so a reader sees
    that no rule is in force, never an invented number (R4, R9, R18 after their plans)."""
    first = dt.date(year, 1, 1)
    ended = [r for r in rules_in_view if r.in_force_until and r.in_force_until < first]
    current = {(r.pack_id, r.code) for r in rules_in_view if in_force_in_year(r, year)}
    latest: dict[tuple[int, str], PolicyRule] = {}
    for rule in ended:
        key = (rule.pack_id, rule.code)
        if key not in current and (
            key not in latest or latest[key].in_force_until < rule.in_force_until
        ):
            latest[key] = rule
    return list(latest.values())


def lapsed_above(path: str | None, year: int) -> list[PolicyRule]:
    """`lapsed` among the rules that reach a region (`rules_above`), in any year."""
    return lapsed(rules_above(path, dt.date(1, 1, 1), dt.date(9999, 12, 31)), year)


def lapsed_around(path: str, year: int) -> list[PolicyRule]:
    """`lapsed` among the rules a region's dashboard may show (`rules_around`), in any year."""
    return lapsed(rules_around(path, dt.date(1, 1, 1), dt.date(9999, 12, 31)), year)


def _bump() -> None:
    cache.set(VERSION_KEY, uuid.uuid4().hex, timeout=None)


def changed(**kwargs) -> None:
    """A new version now (this transaction's own reads) and again once it commits (other
    processes may have reloaded the old rows in between). Connected to saves and deletes;
    writers that update rows in bulk call it themselves."""
    _bump()
    transaction.on_commit(_bump)


def connect() -> None:
    """Called once from the app config."""
    for model in (PolicyRule, PolicyPack, Region):
        name = model.__name__
        post_save.connect(changed, sender=model, dispatch_uid=f"rulebook-{name}-save")
        post_delete.connect(changed, sender=model, dispatch_uid=f"rulebook-{name}-delete")
