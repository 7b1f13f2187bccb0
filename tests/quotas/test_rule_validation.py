"""Bad policy rules are refused with a message (issue: quotas, "Bad input")."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from quotas.models import Measure, Period, PolicyPack, PolicyRule
from quotas.services import carry_forward

D = dt.date


def _rule(pack, **values) -> PolicyRule:
    fields = {
        "pack": pack,
        "code": "extra",
        "title": "加考",
        "measure": Measure.TRAINING_MINUTES,
        "threshold": 600,
        "in_force_from": D(2022, 1, 1),
        "in_force_until": D(2023, 12, 31),
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
    _rule(hunan, in_force_until=D(2022, 12, 31)).save()
    errors = _errors(_rule(hunan, in_force_from=D(2022, 6, 1)))
    assert errors["in_force_from"] == ["同一区域、同一考核内容的规则生效期间与已有规则重叠。"]
    _rule(hunan, in_force_from=D(2023, 1, 1)).full_clean()  # the next period is fine


def test_two_packs_cannot_set_the_same_measure_for_one_region_at_once(hunan, tree):
    other = PolicyPack.objects.create(
        name="other", title="另一文件", source_document="x", in_force_from=D(2021, 1, 1)
    )
    _rule(hunan, region=tree.province, code="a").save()
    errors = _errors(_rule(other, region=tree.province, code="b"))
    assert "in_force_from" in errors


def test_a_rule_outside_its_documents_period_is_refused(hunan):
    """Hunan's plan covers 2021–2023: a rule of it with no end, or ending later, is refused."""
    assert "in_force_until" in _errors(_rule(hunan, in_force_until=None))
    assert "in_force_until" in _errors(_rule(hunan, in_force_until=D(2024, 12, 31)))
    assert "in_force_from" in _errors(_rule(hunan, in_force_from=D(2020, 1, 1)))


def test_a_growing_rule_without_an_end_is_refused(db):
    pack = PolicyPack.objects.create(
        name="open", title="无期限文件", source_document="x", in_force_from=D(2021, 1, 1)
    )
    errors = _errors(_rule(pack, growth_per_year=10, base_year=2021, in_force_until=None))
    assert errors["in_force_until"] == ["逐年增长的指标必须有失效日期，不能无限增长。"]


def test_a_carried_forward_rule_names_who_decided(hunan):
    original = hunan.rules.get(code="station-certified-share")
    with pytest.raises(ValidationError, match="决定"):
        carry_forward.rule_carry_forward(
            rule=original,
            starts_on=D(2024, 1, 1),
            decided_by=" ",
            decided_on=D(2023, 12, 1),
            by=None,
        )
    with pytest.raises(ValidationError, match="失效"):
        carry_forward.rule_carry_forward(
            rule=original,
            starts_on=D(2023, 6, 1),
            decided_by="湖南省民政厅",
            decided_on=D(2023, 12, 1),
            by=None,
        )
    carried = carry_forward.rule_carry_forward(
        rule=original,
        starts_on=D(2024, 1, 1),
        decided_by="湖南省民政厅",
        decided_on=D(2023, 12, 1),
        by=None,
    )
    assert (carried.threshold, carried.growth_per_year) == (50, 0)  # its last number, no growth


def test_a_period_that_does_not_fit_the_measure_is_refused(hunan):
    errors = _errors(_rule(hunan, measure=Measure.SUPERVISION_RECEIVED, period=Period.REGISTRATION))
    assert errors["period"] == ["只有个人培训学时可以按职业资格登记期考核。"]


def test_growth_needs_a_base_year(hunan):
    assert "base_year" in _errors(_rule(hunan, growth_per_year=10))


def test_r25_region_target_names_the_level_it_binds(hunan):
    errors = _errors(_rule(hunan, measure=Measure.RECOGNISED_COUNTIES, threshold=30))
    assert errors["applies_to_region_level"] == ["区域指标须注明按哪一级区域考核。"]
    errors = _errors(_rule(hunan, applies_to_region_level="county"))
    assert errors["applies_to_region_level"] == ["只有区域指标按区域层级考核。"]
    with pytest.raises(IntegrityError), transaction.atomic():
        _rule(hunan, measure=Measure.RECOGNISED_COUNTIES, threshold=30).save()
    _rule(
        hunan, measure=Measure.RECOGNISED_COUNTIES, threshold=30, applies_to_region_level="province"
    ).full_clean()


def test_r25_only_region_targets_run_over_the_plan_period(hunan):
    errors = _errors(_rule(hunan, period=Period.PLAN))
    assert errors["period"] == ["只有区域指标可以按文件施行期考核。"]
    with pytest.raises(IntegrityError), transaction.atomic():
        _rule(
            hunan,
            measure=Measure.LOCAL_SUPERVISORS,
            applies_to_region_level="province",
            period=Period.PLAN,
            in_force_until=None,
        ).save()
