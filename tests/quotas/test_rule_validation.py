"""Bad policy rules are refused with a message (issue: quotas, "Bad input")."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from quotas.models import Measure, Period, PolicyRule

D = dt.date


def _rule(pack, **values) -> PolicyRule:
    fields = {
        "pack": pack,
        "code": "extra",
        "title": "加考",
        "measure": Measure.TRAINING_MINUTES,
        "threshold": 600,
        "in_force_from": D(2025, 1, 1),
        "source_clause": "测试",
        **values,
    }
    return PolicyRule(**fields)


def _errors(rule) -> dict:
    with pytest.raises(ValidationError) as raised:
        rule.full_clean()
    return raised.value.message_dict


def test_a_valid_rule_passes(hunan):
    _rule(hunan).full_clean()


def test_negative_threshold_is_refused_by_the_form_and_the_database(hunan):
    assert "threshold" in _errors(_rule(hunan, threshold=-1))
    with pytest.raises(IntegrityError), transaction.atomic():
        _rule(hunan, threshold=-1).save()


def test_unknown_measure_is_refused(hunan):
    assert "measure" in _errors(_rule(hunan, measure="steps_walked"))


def test_overlapping_dates_for_the_same_rule_are_refused(hunan):
    _rule(hunan, in_force_until=D(2025, 12, 31)).save()
    errors = _errors(_rule(hunan, in_force_from=D(2025, 6, 1)))
    assert errors["in_force_from"] == ["同一规则的生效期间与已有规则重叠。"]
    _rule(hunan, in_force_from=D(2026, 1, 1)).full_clean()  # the next period is fine


def test_a_period_that_does_not_fit_the_measure_is_refused(hunan):
    errors = _errors(_rule(hunan, measure=Measure.SUPERVISION_RECEIVED, period=Period.REGISTRATION))
    assert errors["period"] == ["只有个人培训学时可以按职业资格登记期考核。"]


def test_growth_needs_a_base_year(hunan):
    assert "base_year" in _errors(_rule(hunan, growth_per_year=10))
