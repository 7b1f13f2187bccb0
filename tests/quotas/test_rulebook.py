"""The rules in memory follow every change: a save or delete, a pack reloaded with changed
values, and (after MAX_AGE) writes that bypass signals (R13: rules stack up the region tree)."""

import datetime as dt

from quotas import packs
from quotas.models import PolicyRule
from quotas.selectors import rulebook
from quotas.services import policy_packs

ON = dt.date(2025, 6, 1)


def codes(rules) -> set[str]:
    return {rule.code for rule in rules}


def _county_rule(hunan, tree, **values) -> PolicyRule:
    return PolicyRule.objects.create(
        pack=hunan,
        code="county-extra",
        region=tree.county_a,
        title="县级加考",
        measure="training_minutes",
        threshold=600,
        in_force_from=dt.date(2025, 1, 1),
        source_clause="测试",
        **values,
    )


def test_rules_above_a_station_stack_national_and_every_level_above(hunan, national, tree):
    county = _county_rule(hunan, tree)
    above_a = codes(rulebook.rules_above(tree.town_a.path, ON))
    above_b = codes(rulebook.rules_above(tree.town_b.path, ON))
    assert county.code in above_a and county.code not in above_b
    assert "worker-county-supervision" in above_a & above_b  # the province's rule
    assert "continuing-education-senior" in above_b  # national
    assert codes(rulebook.rules_above(None, ON)) == {
        rule.code for rule in PolicyRule.objects.filter(region__isnull=True)
    }


def test_rules_around_a_region_include_those_of_regions_below(hunan, tree):
    county = _county_rule(hunan, tree)
    assert county.code in codes(rulebook.rules_around(tree.city.path, ON))
    assert county.code not in codes(rulebook.rules_above(tree.city.path, ON))
    assert county.code not in codes(rulebook.rules_around(tree.county_b.path, ON))


def test_dates_in_force_are_respected(hunan, tree):
    _county_rule(hunan, tree, in_force_until=dt.date(2025, 3, 31))
    assert "county-extra" in codes(rulebook.rules_above(tree.town_a.path, dt.date(2025, 3, 31)))
    assert "county-extra" not in codes(rulebook.rules_above(tree.town_a.path, ON))


def test_a_saved_or_deleted_rule_is_seen_at_once(hunan, tree):
    assert "county-extra" not in codes(rulebook.rules_above(tree.town_a.path, ON))
    rule = _county_rule(hunan, tree)
    assert "county-extra" in codes(rulebook.rules_above(tree.town_a.path, ON))
    rule.threshold = 900
    rule.save()
    (seen,) = [r for r in rulebook.rules_above(tree.town_a.path, ON) if r.code == "county-extra"]
    assert seen.threshold == 900
    rule.delete()
    assert "county-extra" not in codes(rulebook.rules_above(tree.town_a.path, ON))


def test_bulk_updates_are_seen_after_max_age(hunan, tree, monkeypatch):
    rule = _county_rule(hunan, tree)
    rulebook.rules_above(tree.town_a.path, ON)
    PolicyRule.objects.filter(pk=rule.pk).update(threshold=1200)  # no signal
    (held,) = [r for r in rulebook.rules_above(tree.town_a.path, ON) if r.code == "county-extra"]
    assert held.threshold == 600
    monkeypatch.setattr(rulebook, "MAX_AGE", -1.0)
    (fresh,) = [r for r in rulebook.rules_above(tree.town_a.path, ON) if r.code == "county-extra"]
    assert fresh.threshold == 1200


def test_a_pack_reloaded_with_changed_values_is_seen_at_once(hunan, tree, monkeypatch):
    code, in_plan = "worker-county-supervision", dt.date(2023, 6, 1)
    (before,) = [r for r in rulebook.rules_above(tree.town_a.path, in_plan) if r.code == code]
    rules = [
        {**rule, "threshold": rule["threshold"] * 2} if rule["code"] == code else rule
        for rule in packs.PACKS["hunan"]["rules"]
    ]
    monkeypatch.setitem(packs.PACKS, "hunan", {**packs.PACKS["hunan"], "rules": rules})
    assert policy_packs.policy_pack_load(name="hunan")[2] == 1
    (after,) = [r for r in rulebook.rules_above(tree.town_a.path, in_plan) if r.code == code]
    assert after.threshold == before.threshold * 2
