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
            PolicyRule.objects.select_related("pack", "region").order_by(
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


def _in_force(rule: PolicyRule, on: dt.date) -> bool:
    return rule.in_force_from <= on and (rule.in_force_until is None or rule.in_force_until >= on)


def rules_above(path: str | None, on: dt.date) -> list[PolicyRule]:
    """R13: national rules and those of the region at `path` and every region above it, in
    force on `on` (`path` None: national rules only)."""
    return [
        rule
        for rule in all_rules()
        if _in_force(rule, on)
        and (rule.region is None or (path is not None and path.startswith(rule.region.path)))
    ]


def rules_around(path: str, on: dt.date) -> list[PolicyRule]:
    """The rules above a region (`rules_above`) and those of every region below it: what a
    region's dashboard may show."""
    return [
        rule
        for rule in all_rules()
        if _in_force(rule, on)
        and (
            rule.region is None
            or path.startswith(rule.region.path)
            or rule.region.path.startswith(path)
        )
    ]


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
