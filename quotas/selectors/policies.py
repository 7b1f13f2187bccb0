"""The policy rules a user's regions see, with their periods and what became of them."""

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext as _

from accounts.models import User
from quotas.models import Measure, PolicyPack, PolicyRule
from quotas.selectors import rulebook
from quotas.selectors.regions import dashboard_roots
from quotas.selectors.rule_results import UNIT_WORDS, amount_text
from quotas.services.carry_forward import may_carry_forward

EVER = (dt.date(1, 1, 1), dt.date(9999, 12, 31))


@dataclass(frozen=True)
class RuleRow:
    rule: PolicyRule
    amount: str
    state: str
    may_carry_forward: bool


def rules_for_user(*, user: User) -> list[PolicyRule]:
    """Every rule a user's dashboards may show, in any period (all of them for a superuser)."""
    if user.is_superuser:
        return list(rulebook.all_rules())
    seen: dict[int, PolicyRule] = {}
    for root in dashboard_roots(user=user):
        for rule in rulebook.rules_around(root.path, *EVER):
            seen.setdefault(rule.pk, rule)
    return list(seen.values())


def _amount(rule: PolicyRule) -> str:
    """The rule's threshold in its unit (a quota in days stays in days, R11)."""
    if rule.measure == Measure.TRAINING_DAYS:
        text = f"{rule.threshold}{UNIT_WORDS['days']}"
    else:
        text = f"{amount_text(rule, rule.threshold)}{UNIT_WORDS[rule.unit]}"
    if rule.growth_per_year:
        step = _("%(n)s 个百分点") if rule.unit == "percent" else "%(n)s"
        text += _("（自 %(year)s 年起每年增加 %(step)s）") % {
            "year": rule.base_year,
            "step": step % {"n": rule.growth_per_year},
        }
    return text


def _state(rule: PolicyRule, carried: set[int], today: dt.date) -> str:
    if rule.in_force_from > today:
        return _("尚未施行")
    if rule.in_force_until is None or rule.in_force_until >= today:
        return _("延续执行中") if rule.carried_forward else _("施行中")
    return _("已期满，已决定延续执行") if rule.pk in carried else _("已期满，不再适用")


def policies_for_user(*, user: User, today: dt.date) -> list[tuple[PolicyPack, list[RuleRow]]]:
    """The user's rules grouped by pack: amount, state, and whether the user may carry an
    ended rule forward (`carry_forward.may_carry_forward`)."""
    rule_list = rules_for_user(user=user)
    carried = {rule.carried_forward_from_id for rule in rule_list if rule.carried_forward}
    packs: dict[int, tuple[PolicyPack, list[RuleRow]]] = {}
    for rule in rule_list:
        ended = rule.in_force_until is not None and rule.in_force_until < today
        row = RuleRow(
            rule=rule,
            amount=_amount(rule),
            state=_state(rule, carried, today),
            may_carry_forward=ended
            and rule.pk not in carried
            and may_carry_forward(user=user, rule=rule),
        )
        packs.setdefault(rule.pack_id, (rule.pack, []))[1].append(row)
    return sorted(packs.values(), key=lambda item: (item[0].region_id is not None, item[0].name))
