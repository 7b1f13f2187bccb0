"""R22 as read by other apps: the national pack's hours and the kinds its rules count."""

import datetime as dt

import pytest

from quotas import packs
from quotas.selectors import continuing_education
from quotas.services import policy_packs

D = dt.date
PERIOD = {"starts_on": D(2023, 1, 1), "ends_on": D(2025, 12, 31), "today": D(2025, 7, 2)}


@pytest.mark.parametrize(
    ("level", "hours"), [("assistant", 72), ("intermediate", 90), ("senior", 90)]
)
def test_r22_hours_come_from_the_national_pack(national, wang_fang, level, hours):
    result = continuing_education.continuing_education_for(person=wang_fang, level=level, **PERIOD)
    assert result.owed_minutes == hours * 60


def test_r22_a_changed_pack_changes_the_hours(db, wang_fang, monkeypatch):
    rules = [dict(rule) for rule in packs.PACKS["national"]["rules"]]
    rules[0]["threshold"] = 80 * 60
    monkeypatch.setitem(packs.PACKS, "national", {**packs.PACKS["national"], "rules": rules})
    policy_packs.policy_pack_load(name="national")
    result = continuing_education.continuing_education_for(
        person=wang_fang, level="assistant", **PERIOD
    )
    assert result.owed_minutes == 80 * 60


def test_r22_no_rule_loaded_gives_no_number(db, wang_fang):
    assert (
        continuing_education.continuing_education_for(person=wang_fang, level="assistant", **PERIOD)
        is None
    )


@pytest.mark.parametrize(
    ("kind", "counted"), [("continuing", 600), ("practice", 0), ("pre_job", 0)]
)
def test_r22_counts_only_continuing_education(national, wang_fang, credit, kind, counted):
    credit(wang_fang, 600, kind=kind, on=D(2024, 3, 1))
    result = continuing_education.continuing_education_for(
        person=wang_fang, level="assistant", **PERIOD
    )
    assert result.credited_minutes == counted


def test_r22_national_rules_name_the_kind_they_count():
    for rule in packs.PACKS["national"]["rules"]:
        assert rule["training_kind"] == "continuing"
        assert "继续教育" in rule["source_clause"]
